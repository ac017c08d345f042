package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.model.auth.ClientId;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.validation.ValidationMode;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One integration: one Jakamo queue, one app registration, one folder tree.
 *
 * @param polling       its loops' intervals and senders (the global {@code polling} unless it sets its own)
 * @param folderOptions folder names below {@code folderRoot} and pick-up rules
 * @param legacyBasicAuth the old basic credentials, for doctor's check that Jakamo no longer accepts them
 * @param validation    what pre-flight validation does with a dropped document's problems (default enforce)
 * @param jakamo        trusted callback hosts, the change verb and paths ({@code integrations[x].jakamo})
 */
public record IntegrationConfig(IntegrationName name, IntegrationKind kind, Environment environment, ClientId clientId,
                                Optional<SecretReference> clientSecret, Optional<CertificateConfig> clientCertificate,
                                Path folderRoot, PollingConfig polling, FolderOptions folderOptions,
                                Optional<LegacyBasicAuthConfig> legacyBasicAuth, ValidationMode validation,
                                JakamoSettings jakamo) {
    public IntegrationConfig {
        if (jakamo == null) {
            jakamo = JakamoSettings.defaults();
        }
        if (polling == null) {
            polling = PollingConfig.defaults();
        }
        if (folderOptions == null) {
            folderOptions = FolderOptions.defaults();
        }
        if (legacyBasicAuth == null) {
            legacyBasicAuth = Optional.empty();
        }
        if (validation == null) {
            validation = ValidationMode.defaultMode();
        }
    }

    /** With Jakamo's defaults for hosts, verbs and paths. */
    public IntegrationConfig(IntegrationName name, IntegrationKind kind, Environment environment, ClientId clientId,
                             Optional<SecretReference> clientSecret, Optional<CertificateConfig> clientCertificate,
                             Path folderRoot, PollingConfig polling, FolderOptions folderOptions,
                             Optional<LegacyBasicAuthConfig> legacyBasicAuth, ValidationMode validation) {
        this(name, kind, environment, clientId, clientSecret, clientCertificate, folderRoot, polling, folderOptions,
                legacyBasicAuth, validation, JakamoSettings.defaults());
    }

    /** With the default validation. */
    public IntegrationConfig(IntegrationName name, IntegrationKind kind, Environment environment, ClientId clientId,
                             Optional<SecretReference> clientSecret, Optional<CertificateConfig> clientCertificate,
                             Path folderRoot, PollingConfig polling, FolderOptions folderOptions,
                             Optional<LegacyBasicAuthConfig> legacyBasicAuth, JakamoSettings jakamo) {
        this(name, kind, environment, clientId, clientSecret, clientCertificate, folderRoot, polling, folderOptions,
                legacyBasicAuth, ValidationMode.defaultMode(), jakamo);
    }

    /** With the default validation and Jakamo's defaults for hosts, verbs and paths. */
    public IntegrationConfig(IntegrationName name, IntegrationKind kind, Environment environment, ClientId clientId,
                             Optional<SecretReference> clientSecret, Optional<CertificateConfig> clientCertificate,
                             Path folderRoot, PollingConfig polling, FolderOptions folderOptions,
                             Optional<LegacyBasicAuthConfig> legacyBasicAuth) {
        this(name, kind, environment, clientId, clientSecret, clientCertificate, folderRoot, polling, folderOptions,
                legacyBasicAuth, ValidationMode.defaultMode(), JakamoSettings.defaults());
    }

    /** Without old basic credentials. */
    public IntegrationConfig(IntegrationName name, IntegrationKind kind, Environment environment, ClientId clientId,
                             Optional<SecretReference> clientSecret, Optional<CertificateConfig> clientCertificate,
                             Path folderRoot, PollingConfig polling, FolderOptions folderOptions) {
        this(name, kind, environment, clientId, clientSecret, clientCertificate, folderRoot, polling, folderOptions,
                Optional.empty());
    }

    /** With the default polling and folder options. */
    public IntegrationConfig(IntegrationName name, IntegrationKind kind, Environment environment, ClientId clientId,
                             Optional<SecretReference> clientSecret, Optional<CertificateConfig> clientCertificate,
                             Path folderRoot) {
        this(name, kind, environment, clientId, clientSecret, clientCertificate, folderRoot, PollingConfig.defaults(),
                FolderOptions.defaults());
    }

    /** The configuration path of a key of this integration, as error messages name it. */
    public String key(String field) {
        return "integrations[" + name + "]." + field;
    }
}
