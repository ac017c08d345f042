package io.jakamoconnector.sandbox;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds X.509 v3 certificates in-process (no keytool run, no committed key): a CA, a TLS server certificate issued
 * by it, and self-signed client certificates for the certificate credential. BouncyCastle's PKIX builder encodes
 * them; the keys, the signature and the parsed certificate come from the JDK's own providers, so nothing registers
 * a JVM-wide security provider.
 */
final class CertificateBuilder {
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
    private KeyPurposeId extendedKeyUsage;

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
        extendedKeyUsage = KeyPurposeId.id_kp_serverAuth;
        return this;
    }

    CertificateBuilder clientAuth() {
        extendedKeyUsage = KeyPurposeId.id_kp_clientAuth;
        return this;
    }

    X509Certificate build() {
        try {
            byte[] serial = new byte[16];
            RANDOM.nextBytes(serial);
            serial[0] = (byte) ((serial[0] & 0x7F) | 0x01);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name(issuer), new BigInteger(serial),
                    Date.from(notBefore), Date.from(notAfter), name(subject), subjectKey);
            addExtensions(builder);
            String algorithm = "EC".equals(signingKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
            ContentSigner signer = new JcaContentSignerBuilder(algorithm).setSecureRandom(RANDOM).build(signingKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot build a certificate with the JDK's providers and BouncyCastle", e);
        }
    }

    private void addExtensions(X509v3CertificateBuilder builder) throws GeneralSecurityException, CertIOException {
        JcaX509ExtensionUtils keyIds = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(certificateAuthority));
        builder.addExtension(Extension.keyUsage, true, certificateAuthority
                ? new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign)
                : new KeyUsage(KeyUsage.digitalSignature));
        if (extendedKeyUsage != null) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(extendedKeyUsage));
        }
        if (!dnsNames.isEmpty() || !ipAddresses.isEmpty()) {
            List<GeneralName> names = new ArrayList<>();
            for (String dns : dnsNames) {
                names.add(new GeneralName(GeneralName.dNSName, dns));
            }
            for (String ip : ipAddresses) {
                // BouncyCastle parses the literal itself: no name lookup
                names.add(new GeneralName(GeneralName.iPAddress, ip));
            }
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
        }
        builder.addExtension(Extension.subjectKeyIdentifier, false, keyIds.createSubjectKeyIdentifier(subjectKey));
        if (issuerKey != subjectKey) {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    keyIds.createAuthorityKeyIdentifier(issuerKey));
        }
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
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
