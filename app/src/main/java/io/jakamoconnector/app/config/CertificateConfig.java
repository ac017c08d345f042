package io.jakamoconnector.app.config;

import java.util.Optional;

/**
 * A client certificate credential: a PKCS#12 file with its password, or a PEM private key and a PEM certificate.
 */
public record CertificateConfig(Optional<SecretReference> pkcs12, Optional<SecretReference> password,
                                Optional<SecretReference> privateKeyPem, Optional<String> certificatePem) {
}
