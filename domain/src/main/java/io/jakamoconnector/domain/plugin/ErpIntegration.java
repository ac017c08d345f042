package io.jakamoconnector.domain.plugin;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;

/** What the core tells an ERP adapter about an integration while its configuration is read. */
public record ErpIntegration(IntegrationName name, IntegrationKind kind) {
    public ErpIntegration {
        Check.notNull("integration.name", name);
        Check.notNull("integration.kind", kind);
    }

    /** The configuration path of a key of this integration's {@code erp} section, as problems name it. */
    public String key(String field) {
        return "integrations[" + name + "].erp." + field;
    }
}
