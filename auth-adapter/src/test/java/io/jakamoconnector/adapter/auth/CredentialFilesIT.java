package io.jakamoconnector.adapter.auth;

import static io.jakamoconnector.adapter.auth.MsalAccessTokenAdapterIT.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.sandbox.ClientCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets, PKCS#12 and PEM credentials read, parsed and checked before MSAL sees them. */
class CredentialFilesIT {
    private static ClientCertificate certificate;
    private static ClientCertificate other;

    @TempDir
    Path dir;
    private final CredentialLoader loader = new CredentialLoader(SecretSources.of(Map.of()));

    @BeforeAll
    static void keys() {
        certificate = ClientCertificate.generate("loader");
        other = ClientCertificate.generate("other");
    }

    @Test
    void aSecretIsTrimmedAndNamedByItsFingerprint() throws IOException {
        Path file = secret("s", "  abc8Q~secret-value \n");
        LoadedCredential loaded = load(CredentialSource.clientSecret(SecretReference.file(file)));

        assertThat(loaded.kind()).isEqualTo("secret");
        assertThat(loaded.keyId()).isEqualTo("secret:" + io.jakamoconnector.domain.model.auth.Fingerprint.of("abc8Q~secret-value"));
        assertThat(loaded.looksLikeSecretId()).isFalse();
        assertThat(loaded.toString()).doesNotContain("secret-value");
    }

    @Test
    void aGuidInTheSecretFileIsFlaggedAsASecretId() throws IOException {
        Path file = secret("s", "3f0c2a9e-1b2c-4d5e-8f90-0123456789ab\n");
        assertThat(load(CredentialSource.clientSecret(SecretReference.file(file))).looksLikeSecretId()).isTrue();
    }

    @Test
    void anEmptySecretIsRefused() throws IOException {
        Path file = secret("s", " \n");
        assertThatThrownBy(() -> load(CredentialSource.clientSecret(SecretReference.file(file))))
                .isInstanceOf(UnreadableSecretException.class).hasMessage("file " + file + " is empty");
    }

    @Test
    void aPkcs8PemKeyWithItsCertificateFile() throws IOException {
        Path key = secret("key.pem", pem("PRIVATE KEY", certificate.privateKey().getEncoded()));
        Path cert = dir.resolve("cert.pem");
        Files.writeString(cert, pem("CERTIFICATE", MsalAccessTokenAdapterIT.encoded(certificate)));

        LoadedCredential loaded = load(CredentialSource.pem(SecretReference.file(key), cert));

        assertThat(loaded.isCertificate()).isTrue();
        assertThat(loaded.certificate()).isEqualTo(certificate.certificate());
        assertThat(loaded.keyId()).startsWith("certificate:sha256:").hasSize("certificate:sha256:".length() + 64);
        assertThat(loaded.sha1Thumbprint()).hasSize(40).isUpperCase();
    }

    @Test
    void aPkcs1RsaKeyAndTheCertificateInOnePem() throws IOException {
        byte[] pkcs8 = certificate.privateKey().getEncoded();
        byte[] pkcs1 = innerPkcs1(pkcs8);
        assertThat(CredentialLoader.pkcs1ToPkcs8(pkcs1)).isEqualTo(pkcs8);
        Path both = secret("both.pem", pem("RSA PRIVATE KEY", pkcs1) + pem("CERTIFICATE", MsalAccessTokenAdapterIT.encoded(certificate)));

        LoadedCredential loaded = load(CredentialSource.pem(SecretReference.file(both), null));

        assertThat(loaded.certificate()).isEqualTo(certificate.certificate());
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRefused() throws IOException {
        Path both = secret("mixed.pem", pem("PRIVATE KEY", other.privateKey().getEncoded())
                + pem("CERTIFICATE", MsalAccessTokenAdapterIT.encoded(certificate)));

        assertThatThrownBy(() -> load(CredentialSource.pem(SecretReference.file(both), null)))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("the private key does not belong to the certificate");
    }

    @Test
    void encryptedAndEcKeysAreRefusedWithWhatToDoInstead() throws Exception {
        Path encrypted = secret("enc.pem", pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> load(CredentialSource.pem(SecretReference.file(encrypted), null)))
                .hasMessageContaining("encrypted").hasMessageContaining("PKCS#12");

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        Path ecKey = secret("ec.pem", pem("PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded())
                + pem("CERTIFICATE", MsalAccessTokenAdapterIT.encoded(certificate)));
        assertThatThrownBy(() -> load(CredentialSource.pem(SecretReference.file(ecKey), null)))
                .hasMessageContaining("RSA");

        Path noKey = secret("nokey.pem", pem("CERTIFICATE", MsalAccessTokenAdapterIT.encoded(certificate)));
        assertThatThrownBy(() -> load(CredentialSource.pem(SecretReference.file(noKey), null)))
                .hasMessageContaining("no PEM private key found");
    }

    @Test
    void aPkcs12WithItsPasswordAndAWrongPassword() throws IOException {
        Path store = certificate.writePkcs12(dir.resolve("c.p12"), "right-password".toCharArray());
        Path right = secret("right", "right-password\n");
        Path wrong = secret("wrong", "wrong-password");

        LoadedCredential loaded = load(CredentialSource.pkcs12(SecretReference.file(store), SecretReference.file(right)));
        assertThat(loaded.certificate()).isEqualTo(certificate.certificate());

        assertThatThrownBy(() -> load(CredentialSource.pkcs12(SecretReference.file(store), SecretReference.file(wrong))))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessage("file " + store + ": the PKCS#12 password from file " + wrong + " does not open it");
    }

    @Test
    void aPkcs12InAnEnvironmentVariableIsBase64() throws IOException {
        Path store = certificate.writePkcs12(dir.resolve("c.p12"), "pw".toCharArray());
        String base64 = Base64.getMimeEncoder().encodeToString(Files.readAllBytes(store));
        CredentialLoader fromEnv = new CredentialLoader(SecretSources.of(Map.of("P12", base64, "P12_PW", "pw")));
        CredentialSource source = CredentialSource.pkcs12(SecretReference.environment("P12"), SecretReference.environment("P12_PW"));

        try (CredentialLoader.Material material = fromEnv.read(source)) {
            assertThat(fromEnv.parse(material).certificate()).isEqualTo(certificate.certificate());
        }
    }

    @Test
    void notAKeyStoreIsNamed() throws IOException {
        Path store = secret("garbage.p12", "this is not a key store");
        Path pw = secret("pw", "x");
        assertThatThrownBy(() -> load(CredentialSource.pkcs12(SecretReference.file(store), SecretReference.file(pw))))
                .isInstanceOf(UnreadableSecretException.class).hasMessageContaining("PKCS#12");
    }

    @Test
    void theMaterialFingerprintChangesWithTheBytes() throws IOException {
        Path file = secret("s", "one");
        CredentialSource source = CredentialSource.clientSecret(SecretReference.file(file));
        var first = loader.read(source).fingerprint;
        assertThat(loader.read(source).fingerprint).isEqualTo(first);
        Files.writeString(file, "two");
        assertThat(loader.read(source).fingerprint).isNotEqualTo(first);
    }

    private LoadedCredential load(CredentialSource source) {
        try (CredentialLoader.Material material = loader.read(source)) {
            return loader.parse(material);
        }
    }

    private Path secret(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** The PKCS#1 RSAPrivateKey inside a JDK PKCS#8 encoding: SEQUENCE { version, algorithm, OCTET STRING }. */
    private static byte[] innerPkcs1(byte[] pkcs8) {
        int[] pos = {0};
        length(pkcs8, pos);                       // into the outer SEQUENCE
        int version = length(pkcs8, pos);         // the version INTEGER
        pos[0] += version;
        int algorithm = length(pkcs8, pos);       // the algorithm SEQUENCE
        pos[0] += algorithm;
        int len = length(pkcs8, pos);             // the OCTET STRING
        return Arrays.copyOfRange(pkcs8, pos[0], pos[0] + len);
    }

    /** Reads a tag and a length at pos, leaves pos at the content, returns the content length. */
    private static int length(byte[] der, int[] pos) {
        pos[0]++;                                  // tag
        int first = der[pos[0]++] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        int n = first & 0x7F;
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | (der[pos[0]++] & 0xFF);
        }
        return len;
    }
}
