package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.model.auth.ClientId;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.nio.file.Path;
import java.util.Optional;

/** One integration: one Jakamo queue, one app registration, one folder tree. */
public record IntegrationConfig(IntegrationName name, IntegrationKind kind, Environment environment, ClientId clientId,
                                Optional<SecretReference> clientSecret, Optional<CertificateConfig> clientCertificate,
                                Path folderRoot) {

    /** The configuration path of a key of this integration, as error messages name it. */
    public String key(String field) {
        return "integrations[" + name + "]." + field;
    }
}
