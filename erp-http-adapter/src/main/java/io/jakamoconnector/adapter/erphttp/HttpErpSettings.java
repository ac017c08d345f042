package io.jakamoconnector.adapter.erphttp;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.plugin.ErpSettings;
import java.util.List;
import java.util.Optional;

/** One integration's {@code erp} section of type {@code http}, as {@link HttpErpAdapterProvider#read} found it. */
record HttpErpSettings(ListenAddress listen, Optional<TlsSettings> tls, List<ApiKey> apiKeys,
                       Optional<WebhookSettings> webhook)
        implements ErpSettings {

    HttpErpSettings {
        Check.notNull("listen", listen);
        Check.notNull("tls", tls);
        apiKeys = List.copyOf(apiKeys);
        Check.that(!apiKeys.isEmpty(), "apiKeys", "must name at least one key");
        Check.notNull("webhook", webhook);
    }

    HttpErpSettings(ListenAddress listen, Optional<TlsSettings> tls, List<ApiKey> apiKeys) {
        this(listen, tls, apiKeys, Optional.empty());
    }

    @Override
    public String describe() {
        return "HTTP" + (tls.isPresent() ? "S" : "") + " API on " + listen + ", " + apiKeys.size() + " API key"
                + (apiKeys.size() == 1 ? "" : "s") + " (" + String.join(", ", apiKeys.stream().map(ApiKey::id)
                .toList()) + ")" + webhook.map(w -> ", pushing to " + w.shown()).orElse("");
    }
}
