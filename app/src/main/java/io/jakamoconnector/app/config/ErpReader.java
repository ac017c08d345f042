package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.plugin.ConfigSection;
import io.jakamoconnector.domain.plugin.ErpAdapterProvider;
import io.jakamoconnector.domain.plugin.ErpIntegration;
import io.jakamoconnector.domain.plugin.ErpSettings;
import java.util.Optional;
import java.util.Set;

/**
 * {@code integrations[x].erp}: which ERP adapter ({@code type}) and the rest of the section, which that adapter reads
 * itself. An integration that writes the older {@code folders} section, or neither, gets the folder adapter with that
 * section (or its defaults), exactly as before there was a choice.
 */
final class ErpReader {
    private ErpReader() {
    }

    /** The integration's ERP side, or null when there were problems (each recorded with its key path). */
    static ErpConfig read(ConfigSection integration, IntegrationName name, IntegrationKind kind, ErpAdapters adapters) {
        String at = integration.path();
        Optional<ConfigSection> erp = integration.mapping("erp");
        if (erp.isPresent() && integration.has("folders")) {
            integration.problem(at + ".folders: write the ERP side once: " + at + ".erp replaces folders (erp: { type: "
                    + ErpAdapters.DEFAULT_TYPE + ", root: ... } takes the same keys); move them into erp");
            return null;
        }
        String type;
        ConfigSection section;
        if (erp.isPresent()) {
            type = erp.get().requiredText("type", "the ERP adapter, one of " + adapters.types());
            if (type == null) {
                return null;
            }
            section = YamlConfigSection.readingBefore(erp.get(), Set.of("type"));
        } else {
            type = ErpAdapters.DEFAULT_TYPE;
            section = integration.section("folders").orElseGet(() -> YamlConfigSection.empty(integration, "folders"));
        }
        Optional<ErpAdapterProvider> provider = adapters.byType(type);
        if (provider.isEmpty()) {
            integration.problem(at + ".erp.type: '" + type + "' is not an installed ERP adapter; installed: "
                    + adapters.types() + (adapters.types().isEmpty() ? " (the release's jar is incomplete: install "
                    + "it again)" : "") + ". Write one of those, or install the adapter's module beside the connector");
            return null;
        }
        if (kind == null) {
            return null;   // the kind's own problem is reported; the adapter is told the kind, so it waits for it
        }
        ErpSettings settings = provider.get().read(section, new ErpIntegration(name, kind));
        return settings == null || integration.hasProblemAt(section.path()) ? null : new ErpConfig(type, settings);
    }
}
