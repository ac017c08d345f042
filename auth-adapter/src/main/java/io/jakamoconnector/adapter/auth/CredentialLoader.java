package io.jakamoconnector.adapter.auth;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCredential;
import io.jakamoconnector.domain.model.auth.Fingerprint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link CredentialSource} through its references and turns it into an MSAL credential. Reading
 * ({@link #read}) is cheap and done often to notice rotation; parsing ({@link #parse}) only when the bytes changed.
 * Every failure is an {@link UnreadableSecretException} whose message names the reference, never the secret.
 */
final class CredentialLoader {
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    private final SecretSources sources;

    CredentialLoader(SecretSources sources) {
        this.sources = sources;
    }

    /** The raw bytes of every part of a credential; {@link #close()} wipes them. */
    static final class Material implements AutoCloseable {
        final CredentialSource source;
        final List<SecretValue> parts;
        final Fingerprint fingerprint;

        Material(CredentialSource source, List<SecretValue> parts) {
            this.source = source;
            this.parts = parts;
            this.fingerprint = fingerprintOf(parts);
        }

        @Override
        public void close() {
            parts.forEach(SecretValue::close);
        }

        @Override
        public String toString() {
            return "Material[" + source + "]";
        }
    }

    Material read(CredentialSource source) {
        if (source instanceof CredentialSource.ClientSecret s) {
            SecretValue raw = s.secret().read(sources);
            SecretValue secret = raw.trimmed();
            raw.close();
            if (secret.isEmpty()) {
                throw new UnreadableSecretException(s.secret().describe() + " is empty");
            }
            return new Material(source, List.of(secret));
        }
        if (source instanceof CredentialSource.Pkcs12Certificate p) {
            SecretValue store = p.keyStore().read(sources);
            if (p.keyStore() instanceof SecretReference.EnvironmentVariable) {
                store = base64(store, p.keyStore());
            }
            SecretValue password;
            try {
                password = withoutLineBreakAtEnd(p.password().read(sources));
            } catch (UnreadableSecretException e) {
                store.close();
                throw e;
            }
            return new Material(source, List.of(store, password));
        }
        CredentialSource.PemCertificate pem = (CredentialSource.PemCertificate) source;
        SecretValue key = pem.privateKey().read(sources);
        if (pem.certificate() == null) {
            return new Material(source, List.of(key));
        }
        try {
            return new Material(source, List.of(key, new SecretValue(readCertificateFile(pem.certificate()))));
        } catch (UnreadableSecretException e) {
            key.close();
            throw e;
        }
    }

    LoadedCredential parse(Material material) {
        CredentialSource source = material.source;
        if (source instanceof CredentialSource.ClientSecret) {
            SecretValue secret = material.parts.get(0);
            char[] chars = secret.chars();
            try {
                boolean looksLikeId = GUID.matcher(java.nio.CharBuffer.wrap(chars)).matches();
                // MSAL takes the secret only as a String; this is the one place it becomes one
                IClientCredential credential = ClientCredentialFactory.createFromSecret(new String(chars));
                return new LoadedCredential(credential, source.kind(), material.fingerprint,
                        "secret:" + secret.fingerprint(), looksLikeId, null, null, null,
                        new SecretValue(secret.bytes()));
            } finally {
                Arrays.fill(chars, '\0');
            }
        }
        if (source instanceof CredentialSource.Pkcs12Certificate p) {
            return pkcs12(p, material);
        }
        return pem((CredentialSource.PemCertificate) source, material);
    }

    private LoadedCredential pkcs12(CredentialSource.Pkcs12Certificate source, Material material) {
        String where = source.keyStore().describe();
        char[] password = material.parts.get(1).chars();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(material.parts.get(0).bytes()), password);
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, password);
                Certificate[] chain = store.getCertificateChain(alias);
                if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0) {
                    continue;
                }
                List<X509Certificate> certificates = new ArrayList<>();
                for (Certificate c : chain) {
                    certificates.add((X509Certificate) c);
                }
                return certificate(source, material, privateKey, certificates, where);
            }
            throw new UnreadableSecretException(where + ": the PKCS#12 key store holds no private key with its"
                    + " certificate; export it with the key (openssl pkcs12 -export -inkey key.pem -in cert.pem)");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new UnreadableSecretException(where + ": the PKCS#12 password from " + source.password().describe()
                        + " does not open it");
            }
            throw new UnreadableSecretException(where + ": not a PKCS#12 key store (" + e.getClass().getSimpleName()
                    + "); give a .p12/.pfx file, or a PEM key with clientCertificate.privateKey", e);
        } catch (UnrecoverableKeyException e) {
            throw new UnreadableSecretException(where + ": the key inside cannot be opened with the password from "
                    + source.password().describe() + " (a separate key password is not supported)");
        } catch (GeneralSecurityException e) {
            throw new UnreadableSecretException(where + ": cannot read the PKCS#12 key store ("
                    + e.getClass().getSimpleName() + ")", e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private LoadedCredential pem(CredentialSource.PemCertificate source, Material material) {
        String where = source.privateKey().describe();
        byte[] keyBytes = material.parts.get(0).bytes();
        try {
            String keyText = new String(keyBytes, StandardCharsets.US_ASCII);
            PrivateKey key = null;
            List<X509Certificate> certificates = new ArrayList<>();
            Matcher m = PEM_BLOCK.matcher(keyText);
            while (m.find()) {
                String type = m.group(1);
                byte[] der = Base64.getMimeDecoder().decode(m.group(2));
                try {
                    switch (type) {
                        case "PRIVATE KEY" -> key = rsaKey(der, where);
                        case "RSA PRIVATE KEY" -> key = rsaKey(pkcs1ToPkcs8(der), where);
                        case "ENCRYPTED PRIVATE KEY" -> throw new UnreadableSecretException(where + ": the private key is"
                                + " encrypted; give a PKCS#12 file with a password instead (clientCertificate.pkcs12),"
                                + " or decrypt it into a file only the connector's user can read"
                                + " (openssl pkcs8 -topk8 -nocrypt)");
                        case "EC PRIVATE KEY" -> throw new UnreadableSecretException(where + ": an EC key; Entra ID"
                                + " client assertions from MSAL need an RSA key");
                        case "CERTIFICATE" -> certificates.add(x509(der, where));
                        default -> {
                            // other blocks (parameters, trusted certificates) are not ours to use
                        }
                    }
                } finally {
                    Arrays.fill(der, (byte) 0);
                }
            }
            if (key == null) {
                throw new UnreadableSecretException(where + ": no PEM private key found (expected -----BEGIN PRIVATE"
                        + " KEY----- or -----BEGIN RSA PRIVATE KEY-----)");
            }
            String certificateWhere = where;
            if (source.certificate() != null) {
                certificateWhere = "file " + source.certificate();
                certificates = certificatesFrom(material.parts.get(1).bytes(), certificateWhere);
            }
            if (certificates.isEmpty()) {
                throw new UnreadableSecretException(certificateWhere + ": no PEM certificate found (expected"
                        + " -----BEGIN CERTIFICATE-----); set clientCertificate.certificate to the certificate file");
            }
            return certificate(source, material, key, certificates, where);
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
    }

    private LoadedCredential certificate(CredentialSource source, Material material, PrivateKey key,
                                         List<X509Certificate> chain, String where) {
        if (!"RSA".equalsIgnoreCase(key.getAlgorithm())) {
            throw new UnreadableSecretException(where + ": a " + key.getAlgorithm() + " key; Entra ID client assertions"
                    + " from MSAL need an RSA key");
        }
        X509Certificate leaf = chain.stream().filter(c -> matches(key, c)).findFirst().orElseThrow(() ->
                new UnreadableSecretException(where + ": the private key does not belong to the certificate ("
                        + "subject " + chain.get(0).getSubjectX500Principal().getName() + "); key and certificate must"
                        + " be the pair registered for the application"));
        List<X509Certificate> ordered = new ArrayList<>(chain);
        ordered.remove(leaf);
        ordered.add(0, leaf);
        IClientCredential credential = ordered.size() == 1
                ? ClientCredentialFactory.createFromCertificate(key, leaf)
                : ClientCredentialFactory.createFromCertificateChain(key, ordered);
        String sha256 = thumbprint(leaf, "SHA-256").toLowerCase(Locale.ROOT);
        return new LoadedCredential(credential, source.kind(), material.fingerprint, "certificate:sha256:" + sha256,
                false, leaf, sha256, thumbprint(leaf, "SHA-1"), null);
    }

    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        return key instanceof RSAKey privateKey && certificate.getPublicKey() instanceof RSAKey publicKey
                && privateKey.getModulus().equals(publicKey.getModulus());
    }

    private static PrivateKey rsaKey(byte[] pkcs8, String where) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new UnreadableSecretException(where + ": not an RSA private key in PKCS#8 form; Entra ID client"
                    + " assertions from MSAL need an RSA key");
        }
    }

    private static X509Certificate x509(byte[] der, String where) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new UnreadableSecretException(where + ": a CERTIFICATE block is not an X.509 certificate", e);
        }
    }

    private static List<X509Certificate> certificatesFrom(byte[] pem, String where) {
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher m = PEM_BLOCK.matcher(new String(pem, StandardCharsets.US_ASCII));
        while (m.find()) {
            if (m.group(1).equals("CERTIFICATE")) {
                certificates.add(x509(Base64.getMimeDecoder().decode(m.group(2)), where));
            }
        }
        return certificates;
    }

    private static byte[] readCertificateFile(Path file) {
        try {
            long size = Files.size(file);
            if (size > SecretReference.MAX_BYTES) {
                throw new UnreadableSecretException("file " + file + ": larger than " + SecretReference.MAX_BYTES
                        + " bytes; not a certificate");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UnreadableSecretException("file " + file + ": the certificate cannot be read ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey into a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, NULL parameters). */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
            0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = der(0x04, pkcs1);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(version);
        content.writeBytes(algorithm);
        content.writeBytes(octets);
        byte[] inner = content.toByteArray();
        byte[] result = der(0x30, inner);
        Arrays.fill(inner, (byte) 0);
        Arrays.fill(octets, (byte) 0);
        return result;
    }

    private static byte[] der(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xFFFFFF ? 4 : length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((length >>> (8 * i)) & 0xFF);
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static SecretValue base64(SecretValue text, SecretReference where) {
        byte[] encoded = text.bytes();
        try {
            return new SecretValue(Base64.getMimeDecoder().decode(encoded));
        } catch (IllegalArgumentException e) {
            throw new UnreadableSecretException(where.describe() + ": a PKCS#12 key store in an environment variable"
                    + " must be base64-encoded");
        } finally {
            Arrays.fill(encoded, (byte) 0);
            text.close();
        }
    }

    private static SecretValue withoutLineBreakAtEnd(SecretValue value) {
        byte[] bytes = value.bytes();
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        SecretValue result = new SecretValue(Arrays.copyOf(bytes, end));
        Arrays.fill(bytes, (byte) 0);
        value.close();
        return result;
    }

    static String thumbprint(X509Certificate certificate, String digest) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance(digest).digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + digest, e);
        }
    }

    private static Fingerprint fingerprintOf(List<SecretValue> parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (SecretValue part : parts) {
                byte[] bytes = part.bytes();
                digest.update(lengthPrefix(bytes.length));
                digest.update(bytes);
                Arrays.fill(bytes, (byte) 0);
            }
            return Fingerprint.of(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A length prefix keeps ("ab","c") and ("a","bc") apart in the material fingerprint. */
    private static byte[] lengthPrefix(int length) {
        return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }
}
