package io.jakamoconnector.adapter.auth;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How an application registration proves who it is to Entra ID: a client secret, or a certificate whose private key
 * signs a client assertion (MSAL does the signing). Every secret part is a {@link SecretReference}; nothing here holds
 * a secret value. The configuration keys named in error messages follow {@code docs/configuration.md}.
 */
public sealed interface CredentialSource {

    /** A client secret. */
    static CredentialSource clientSecret(SecretReference secret) {
        return new ClientSecret(secret);
    }

    /** A PKCS#12 key store holding the private key and its certificate; the password is a secret too. */
    static CredentialSource pkcs12(SecretReference keyStore, SecretReference password) {
        return new Pkcs12Certificate(keyStore, password);
    }

    /**
     * A PEM private key (PKCS#8 {@code PRIVATE KEY} or PKCS#1 {@code RSA PRIVATE KEY}, unencrypted) and the PEM
     * certificate (chain) that goes with it; {@code certificate} may be null when the key's PEM also holds it.
     */
    static CredentialSource pem(SecretReference privateKey, Path certificate) {
        return new PemCertificate(privateKey, certificate);
    }

    /** {@code secret} or {@code certificate}, for logs and the audit trail. */
    String kind();

    /** The configuration key below the integration, such as {@code clientSecret}. */
    String configKey();

    record ClientSecret(SecretReference secret) implements CredentialSource {
        public ClientSecret {
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String kind() {
            return "secret";
        }

        @Override
        public String configKey() {
            return "clientSecret";
        }

        @Override
        public String toString() {
            return "ClientSecret[" + secret.describe() + "]";
        }
    }

    record Pkcs12Certificate(SecretReference keyStore, SecretReference password) implements CredentialSource {
        public Pkcs12Certificate {
            Objects.requireNonNull(keyStore, "keyStore");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String kind() {
            return "certificate";
        }

        @Override
        public String configKey() {
            return "clientCertificate";
        }

        @Override
        public String toString() {
            return "Pkcs12Certificate[" + keyStore.describe() + ", password from " + password.describe() + "]";
        }
    }

    record PemCertificate(SecretReference privateKey, Path certificate) implements CredentialSource {
        public PemCertificate {
            Objects.requireNonNull(privateKey, "privateKey");
        }

        @Override
        public String kind() {
            return "certificate";
        }

        @Override
        public String configKey() {
            return "clientCertificate";
        }

        @Override
        public String toString() {
            return "PemCertificate[key from " + privateKey.describe() + ", certificate "
                    + (certificate == null ? "in the same PEM" : certificate) + "]";
        }
    }
}
