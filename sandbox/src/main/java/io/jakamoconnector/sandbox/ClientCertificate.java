package io.jakamoconnector.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * An RSA key and a self-signed certificate for the certificate credential: register {@link #certificate()} with
 * {@link AppSpec#certificate(X509Certificate)} and give MSAL the key and certificate (or the PKCS12 written by
 * {@link #writePkcs12(Path, char[])}). For tests and demos only; the key never leaves memory unless you write it.
 */
public final class ClientCertificate {
    private final PrivateKey privateKey;
    private final X509Certificate certificate;

    private ClientCertificate(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = privateKey;
        this.certificate = certificate;
    }

    /** A fresh RSA-2048 key with a self-signed certificate valid for a year. Takes about 0.1–0.5 s. */
    public static ClientCertificate generate(String commonName) {
        Objects.requireNonNull(commonName, "commonName");
        KeyPair keys = CertificateBuilder.rsaKeyPair();
        X509Certificate certificate = CertificateBuilder.forSubject(commonName, keys.getPublic())
                .selfSigned(keys.getPrivate())
                .clientAuth()
                .validFor(Duration.ofDays(365))
                .build();
        return new ClientCertificate(keys.getPrivate(), certificate);
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The SHA-1 thumbprint, base64url: the {@code x5t} header MSAL puts on its client assertion. */
    public String x5t() {
        return thumbprint(certificate, "SHA-1");
    }

    /** Writes key and certificate as PKCS12 (alias {@code client}), owner-only where the file system allows. */
    public Path writePkcs12(Path file, char[] password) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", privateKey, password, new Certificate[] {certificate});
            SecretFiles.createOwnerOnly(file);
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
            return file;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write PKCS12 with the JDK's providers", e);
        }
    }

    static String thumbprint(X509Certificate certificate, String algorithm) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest(certificate, algorithm));
    }

    static byte[] digest(X509Certificate certificate, String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }

    @Override
    public String toString() {
        return "ClientCertificate[" + certificate.getSubjectX500Principal().getName() + ", x5t=" + x5t() + "]";
    }
}
