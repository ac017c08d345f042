package io.jakamoconnector.adapter.auth;

import io.jakamoconnector.domain.model.auth.ClientId;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.util.Objects;

/**
 * One OAuth2 application registered in Jakamo, serving one integration: where its tokens come from (the environment's
 * tenant, authority and scope), its client id and its credential.
 *
 * @param configPath where this integration sits in the configuration, for messages such as
 *                   {@code integrations[orders].clientSecret}; by default {@code integrations[<name>]}
 */
public record TokenRegistration(IntegrationName integration, Environment environment, ClientId clientId,
                                CredentialSource credential, String configPath) {

    public TokenRegistration {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(credential, "credential");
        if (configPath == null || configPath.isBlank()) {
            configPath = "integrations[" + integration.value() + "]";
        }
    }

    public TokenRegistration(IntegrationName integration, Environment environment, ClientId clientId,
                             CredentialSource credential) {
        this(integration, environment, clientId, credential, null);
    }

    /** The full configuration key of a setting of this integration, e.g. {@code integrations[orders].clientId}. */
    public String configKey(String setting) {
        return configPath + "." + setting;
    }
}
