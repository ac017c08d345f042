package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.plugin.ConfigSection;
import io.jakamoconnector.domain.plugin.ErpAdapterProvider;
import io.jakamoconnector.domain.plugin.ErpContext;
import io.jakamoconnector.domain.plugin.ErpIntegration;
import io.jakamoconnector.domain.plugin.ErpSettings;
import io.jakamoconnector.domain.plugin.ErpSide;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ERP's drop folders as an ERP side ({@code erp: { type: folders, root: ..., ... }}), found by
 * {@link java.util.ServiceLoader}. It is also what an integration gets that writes the older {@code folders} section
 * or no ERP section at all: the default tree {@code erp/<name>} beside the configuration file.
 */
public final class FolderErpAdapterProvider implements ErpAdapterProvider {
    public static final String TYPE = "folders";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "the ERP's drop folders (to_jakamo, from_jakamo, processed, failed)";
    }

    @Override
    public ErpSettings read(ConfigSection erp, ErpIntegration integration) {
        return FolderErpSettingsReader.read(erp, integration.name());
    }

    @Override
    public ErpSide open(ErpContext context, Map<IntegrationName, ErpSettings> integrations) {
        Map<IntegrationName, FolderErpSettings> folders = new LinkedHashMap<>();
        integrations.forEach((name, settings) -> {
            if (!(settings instanceof FolderErpSettings f)) {
                throw new IllegalArgumentException("integrations[" + name + "].erp: settings of another adapter ("
                        + settings.getClass().getSimpleName() + ") were handed to the folder adapter");
            }
            folders.put(name, f);
        });
        return new FolderErpSide(context, folders);
    }
}
