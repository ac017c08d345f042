package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ErpSettings;
import java.util.Objects;

/**
 * An integration's ERP side ({@code integrations[x].erp}): which adapter ({@code type}) and its settings as that
 * adapter read them. The application knows no adapter's settings; it shows {@link ErpSettings#describe()}.
 */
public record ErpConfig(String type, ErpSettings settings) {
    public ErpConfig {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(settings, "settings");
    }

    /** {@code folders under /srv/erp/orders (...)}: one line for people. */
    public String describe() {
        return settings.describe();
    }
}
