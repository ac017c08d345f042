package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.model.auth.ClientId;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.validation.ValidationMode;
import java.util.Optional;

/**
 * One integration: one Jakamo queue, one app registration, one ERP side.
 *
 * @param erp           its ERP side: the adapter's type and settings ({@code erp}, or the older {@code folders})
 * @param polling       its loops' intervals and senders (the global {@code polling} unless it sets its own)
 * @param legacyBasicAuth the old basic credentials, for doctor's check that Jakamo no longer accepts them
 * @param validation    what pre-flight validation does with a dropped document's problems (default enforce)
 * @param jakamo        trusted callback hosts, the change verb and paths ({@code integrations[x].jakamo})
 */
public record IntegrationConfig(IntegrationName name, IntegrationKind kind, Environment environment, ClientId clientId,
                                Optional<SecretReference> clientSecret, Optional<CertificateConfig> clientCertificate,
                                ErpConfig erp, PollingConfig polling,
                                Optional<LegacyBasicAuthConfig> legacyBasicAuth, ValidationMode validation,
                                JakamoSettings jakamo) {
    public IntegrationConfig {
        if (jakamo == null) {
            jakamo = JakamoSettings.defaults();
        }
        if (polling == null) {
            polling = PollingConfig.defaults();
        }
        java.util.Objects.requireNonNull(erp, "erp");
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
                             ErpConfig erp, PollingConfig polling,
                             Optional<LegacyBasicAuthConfig> legacyBasicAuth, ValidationMode validation) {
        this(name, kind, environment, clientId, clientSecret, clientCertificate, erp, polling,
                legacyBasicAuth, validation, JakamoSettings.defaults());
    }

    /** With the default validation. */
    public IntegrationConfig(IntegrationName name, IntegrationKind kind, Environment environment, ClientId clientId,
                             Optional<SecretReference> clientSecret, Optional<CertificateConfig> clientCertificate,
                             ErpConfig erp, PollingConfig polling,
                             Optional<LegacyBasicAuthConfig> legacyBasicAuth, JakamoSettings jakamo) {
        this(name, kind, environment, clientId, clientSecret, clientCertificate, erp, polling,
                legacyBasicAuth, ValidationMode.defaultMode(), jakamo);
    }

    /** With the default validation and Jakamo's defaults for hosts, verbs and paths. */
    public IntegrationConfig(IntegrationName name, IntegrationKind kind, Environment environment, ClientId clientId,
                             Optional<SecretReference> clientSecret, Optional<CertificateConfig> clientCertificate,
                             ErpConfig erp, PollingConfig polling,
                             Optional<LegacyBasicAuthConfig> legacyBasicAuth) {
        this(name, kind, environment, clientId, clientSecret, clientCertificate, erp, polling,
                legacyBasicAuth, ValidationMode.defaultMode(), JakamoSettings.defaults());
    }

    /** Without old basic credentials. */
    public IntegrationConfig(IntegrationName name, IntegrationKind kind, Environment environment, ClientId clientId,
                             Optional<SecretReference> clientSecret, Optional<CertificateConfig> clientCertificate,
                             ErpConfig erp, PollingConfig polling) {
        this(name, kind, environment, clientId, clientSecret, clientCertificate, erp, polling,
                Optional.empty());
    }

    /** With the default polling. */
    public IntegrationConfig(IntegrationName name, IntegrationKind kind, Environment environment, ClientId clientId,
                             Optional<SecretReference> clientSecret, Optional<CertificateConfig> clientCertificate,
                             ErpConfig erp) {
        this(name, kind, environment, clientId, clientSecret, clientCertificate, erp, PollingConfig.defaults());
    }

    /** The configuration path of a key of this integration, as error messages name it. */
    public String key(String field) {
        return "integrations[" + name + "]." + field;
    }
}
