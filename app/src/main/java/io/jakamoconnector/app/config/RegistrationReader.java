package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import io.jakamoconnector.domain.model.auth.ClientId;
import java.util.Optional;
import java.util.Set;

/**
 * An integration's app registration: {@code clientId} and exactly one credential, {@code clientSecret} or
 * {@code clientCertificate}.
 */
final class RegistrationReader {
    private RegistrationReader() {
    }

    /** What was read; {@code clientId} is null when missing or malformed (with the problems). */
    record Registration(ClientId clientId, Optional<SecretReference> secret, Optional<CertificateConfig> certificate) {
    }

    static Registration read(ConfigSection integration) {
        String at = integration.path();
        String clientIdText = integration.requiredText("clientId",
                "the application (client) id GUID Jakamo showed when the OAuth2 application was registered");
        ClientId clientId = clientIdText == null ? null
                : integration.value(at + ".clientId", () -> new ClientId(clientIdText));
        Optional<SecretReference> secret = SecretReferenceReader.read(integration, "clientSecret");
        Optional<CertificateConfig> certificate = integration.section("clientCertificate")
                .map(RegistrationReader::certificate);
        if (secret.isEmpty() && certificate.isEmpty() && !integration.has("clientSecret")
                && !integration.has("clientCertificate")) {
            integration.problem(at + ": needs a credential: clientSecret: { file: ... } or clientCertificate: { ... }");
        } else if (secret.isPresent() && certificate.isPresent()) {
            integration.problem(at + ": has both clientSecret and clientCertificate; keep the one the application "
                    + "uses");
        }
        return new Registration(clientId, secret, certificate);
    }

    private static CertificateConfig certificate(ConfigSection node) {
        String at = node.path();
        node.knownKeys(Set.of("pkcs12", "password", "privateKey", "certificate"));
        Optional<SecretReference> pkcs12 = SecretReferenceReader.read(node, "pkcs12");
        Optional<SecretReference> password = SecretReferenceReader.read(node, "password");
        Optional<SecretReference> key = SecretReferenceReader.read(node, "privateKey");
        Optional<String> cert = node.text("certificate");
        if (pkcs12.isPresent() == key.isPresent()) {
            node.problem(at + ": give either pkcs12: { file: ... } (with password) or privateKey: { file: ... } "
                    + "with certificate: <PEM file>");
        } else if (pkcs12.isPresent() && password.isEmpty()) {
            node.problem(at + ".password: is required with pkcs12: where the key store's password is, e.g. "
                    + "{ env: ORDERS_P12_PASSWORD }");
        } else if (key.isPresent() && cert.isEmpty()) {
            node.problem(at + ".certificate: is required with privateKey: the PEM certificate's path");
        }
        return new CertificateConfig(pkcs12, password, key, cert.map(c -> node.file(c).toString()));
    }
}
