package io.jakamoconnector.adapter.erphttp;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.plugin.ConfigSection;
import io.jakamoconnector.domain.plugin.ErpAdapterProvider;
import io.jakamoconnector.domain.plugin.ErpContext;
import io.jakamoconnector.domain.plugin.ErpIntegration;
import io.jakamoconnector.domain.plugin.ErpSettings;
import io.jakamoconnector.domain.plugin.ErpSide;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The ERP side as a REST API ({@code erp: { type: http, ... }}); see the module's README. */
public final class HttpErpAdapterProvider implements ErpAdapterProvider {

    @Override
    public String type() {
        return "http";
    }

    @Override
    public String description() {
        return "a REST API the ERP calls (documents in, an inbox of messages out)";
    }

    @Override
    public ErpSettings read(ConfigSection erp, ErpIntegration integration) {
        return HttpErpSettingsReader.read(erp);
    }

    @Override
    public ErpSide open(ErpContext context, Map<IntegrationName, ErpSettings> integrations) {
        return open(context, integrations, System.getenv(), ApiLimits.DEFAULTS);
    }

    static HttpErpSide open(ErpContext context, Map<IntegrationName, ErpSettings> integrations,
                            Map<String, String> environment, ApiLimits limits) {
        Map<IntegrationName, HttpErpSettings> settings = new LinkedHashMap<>();
        Map<ListenAddress, IntegrationName> firstOnAddress = new LinkedHashMap<>();
        integrations.forEach((name, s) -> {
            HttpErpSettings http = (HttpErpSettings) s;
            IntegrationName first = firstOnAddress.putIfAbsent(http.listen(), name);
            if (first != null && !Objects.equals(settings.get(first).tls(), http.tls())) {
                throw new IllegalArgumentException("integrations[" + first + "].erp.tls and integrations[" + name
                        + "].erp.tls differ, but both listen on " + http.listen() + " and so share one listener; "
                        + "give them the same tls, or different listen addresses");
            }
            settings.put(name, http);
        });
        return new HttpErpSide(context, settings, environment, limits);
    }
}
