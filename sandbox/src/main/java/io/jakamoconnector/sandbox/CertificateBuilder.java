package io.jakamoconnector.sandbox;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds X.509 v3 certificates in-process (no keytool run, no committed key): a CA, a TLS server certificate issued
 * by it, and self-signed client certificates for the certificate credential.
 */
final class CertificateBuilder {
    private static final String OID_CN = "2.5.4.3";
    private static final String OID_ECDSA_SHA256 = "1.2.840.10045.4.3.2";
    private static final String OID_RSA_SHA256 = "1.2.840.113549.1.1.11";
    private static final String OID_BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String OID_KEY_USAGE = "2.5.29.15";
    private static final String OID_EXT_KEY_USAGE = "2.5.29.37";
    private static final String OID_SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String OID_SUBJECT_KEY_ID = "2.5.29.14";
    private static final String OID_AUTHORITY_KEY_ID = "2.5.29.35";
    private static final String OID_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String OID_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String subject;
    private final PublicKey subjectKey;
    private String issuer;
    private PublicKey issuerKey;
    private PrivateKey signingKey;
    private Instant notBefore = Instant.now().minus(Duration.ofHours(1));
    private Instant notAfter = Instant.now().plus(Duration.ofDays(365));
    private boolean certificateAuthority;
    private final List<String> dnsNames = new ArrayList<>();
    private final List<String> ipAddresses = new ArrayList<>();
    private String extendedKeyUsage;

    private CertificateBuilder(String subject, PublicKey subjectKey) {
        this.subject = subject;
        this.subjectKey = subjectKey;
    }

    static CertificateBuilder forSubject(String commonName, PublicKey subjectKey) {
        return new CertificateBuilder(commonName, subjectKey);
    }

    CertificateBuilder issuedBy(String issuerCommonName, PublicKey issuerPublicKey, PrivateKey issuerPrivateKey) {
        this.issuer = issuerCommonName;
        this.issuerKey = issuerPublicKey;
        this.signingKey = issuerPrivateKey;
        return this;
    }

    CertificateBuilder selfSigned(PrivateKey privateKey) {
        return issuedBy(subject, subjectKey, privateKey);
    }

    CertificateBuilder validFor(Duration duration) {
        this.notAfter = notBefore.plus(duration).plus(Duration.ofHours(1));
        return this;
    }

    CertificateBuilder certificateAuthority() {
        this.certificateAuthority = true;
        return this;
    }

    CertificateBuilder serverAuth(List<String> dns, List<String> ips) {
        dnsNames.addAll(dns);
        ipAddresses.addAll(ips);
        extendedKeyUsage = OID_SERVER_AUTH;
        return this;
    }

    CertificateBuilder clientAuth() {
        extendedKeyUsage = OID_CLIENT_AUTH;
        return this;
    }

    X509Certificate build() {
        try {
            boolean ec = "EC".equals(signingKey.getAlgorithm());
            byte[] algorithm = ec ? Der.sequence(Der.oid(OID_ECDSA_SHA256)) : Der.sequence(Der.oid(OID_RSA_SHA256), Der.nul());
            byte[] serial = new byte[16];
            RANDOM.nextBytes(serial);
            serial[0] = (byte) ((serial[0] & 0x7F) | 0x01);
            byte[] tbs = Der.sequence(
                    Der.explicit(0, Der.integer(BigInteger.TWO)),
                    Der.integer(new BigInteger(serial)),
                    algorithm,
                    name(issuer),
                    Der.sequence(Der.time(notBefore), Der.time(notAfter)),
                    name(subject),
                    subjectKey.getEncoded(),
                    Der.explicit(3, Der.sequence(extensions())));
            Signature signature = Signature.getInstance(ec ? "SHA256withECDSA" : "SHA256withRSA");
            signature.initSign(signingKey);
            signature.update(tbs);
            byte[] der = Der.sequence(tbs, algorithm, Der.bitString(signature.sign()));
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a certificate with the JDK's providers", e);
        }
    }

    private byte[][] extensions() throws GeneralSecurityException {
        List<byte[]> list = new ArrayList<>();
        list.add(extension(OID_BASIC_CONSTRAINTS, true,
                certificateAuthority ? Der.sequence(Der.bool(true)) : Der.sequence()));
        list.add(extension(OID_KEY_USAGE, true,
                certificateAuthority ? Der.namedBits(DIGITAL_SIGNATURE, KEY_CERT_SIGN, CRL_SIGN) : Der.namedBits(DIGITAL_SIGNATURE)));
        if (extendedKeyUsage != null) {
            list.add(extension(OID_EXT_KEY_USAGE, false, Der.sequence(Der.oid(extendedKeyUsage))));
        }
        if (!dnsNames.isEmpty() || !ipAddresses.isEmpty()) {
            List<byte[]> names = new ArrayList<>();
            for (String dns : dnsNames) {
                names.add(Der.implicit(2, dns.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            }
            for (String ip : ipAddresses) {
                names.add(Der.implicit(7, ipBytes(ip)));
            }
            list.add(extension(OID_SUBJECT_ALT_NAME, false, Der.sequence(names.toArray(byte[][]::new))));
        }
        list.add(extension(OID_SUBJECT_KEY_ID, false, Der.octetString(keyId(subjectKey))));
        if (issuerKey != subjectKey) {
            list.add(extension(OID_AUTHORITY_KEY_ID, false, Der.sequence(Der.implicit(0, keyId(issuerKey)))));
        }
        return list.toArray(byte[][]::new);
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    private static byte[] name(String commonName) {
        return Der.sequence(Der.set(Der.sequence(Der.oid(OID_CN), Der.utf8String(commonName))));
    }

    private static byte[] keyId(PublicKey key) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest(key.getEncoded());
        byte[] id = new byte[20];
        System.arraycopy(digest, 0, id, 0, 20);
        return id;
    }

    private static byte[] ipBytes(String literal) {
        try {
            // only literals reach here, so no lookup happens
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + literal, e);
        }
    }

    static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK 17 has EC P-256", e);
        }
    }

    static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has RSA", e);
        }
    }
}
