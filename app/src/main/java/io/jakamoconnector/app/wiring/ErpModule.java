package io.jakamoconnector.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.config.ErpAdapters;
import io.jakamoconnector.app.config.IntegrationConfig;
import io.jakamoconnector.app.daemon.ErpSides;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.plugin.ErpAdapterProvider;
import io.jakamoconnector.domain.plugin.ErpSettings;
import io.jakamoconnector.domain.plugin.ErpSide;
import io.jakamoconnector.domain.port.out.ErpArchiveRetentionPort;
import io.jakamoconnector.domain.port.out.ErpInboxPort;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import io.jakamoconnector.domain.service.AuditWriter;
import io.jakamoconnector.domain.service.HandOverJudge;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ERP side of every integration, whatever its adapter: one {@link ErpSide} per type in use, opened by the
 * provider {@link ErpAdapters} found for that type with the settings it read, started after the database (its
 * installation id is known then) and stopped before it. The ERP ports route each call to the side of its integration.
 * This module names no adapter: a new one is a jar on the class path.
 */
public final class ErpModule extends AbstractModule {

    @Provides
    @Singleton
    ErpSides sides(ConnectorConfig config, Clock clock, Lifecycle lifecycle, PersistenceResource persistence,
                   AuditWriter audit, DocumentReader reader) {
        // persistence is a parameter so the lifecycle starts the database first: a side's start needs its id
        ErpSides sides = open(config, clock, persistence, audit, reader);
        lifecycle.add(Lifecycle.Resource.of(sides::start, sides::stop));
        return sides;
    }

    /**
     * Opens the side of every type the integrations use, without starting them: for {@code doctor}, which checks
     * them, and for this module. {@link ErpSide#start()} and {@link ErpSide#stop()} are the caller's.
     */
    public static ErpSides open(ConnectorConfig config, Clock clock, PersistenceResource persistence,
                                AuditWriter audit, DocumentReader reader) {
        ErpAdapters adapters = ErpAdapters.installed();
        Map<String, Map<IntegrationName, ErpSettings>> byType = new LinkedHashMap<>();
        Map<IntegrationName, String> typeOf = new LinkedHashMap<>();
        for (IntegrationConfig integration : config.integrations()) {
            byType.computeIfAbsent(integration.erp().type(), t -> new LinkedHashMap<>())
                    .put(integration.name(), integration.erp().settings());
            typeOf.put(integration.name(), integration.erp().type());
        }
        HandOverJudge judge = new HandOverJudge(reader);
        Map<String, ErpSide> sides = new LinkedHashMap<>();
        byType.forEach((type, settings) -> {
            ErpAdapterProvider provider = adapters.byType(type).orElseThrow(() -> new IllegalStateException(
                    "the configuration chose ERP type " + type + ", which is not installed (installed: "
                            + adapters.types() + ")"));
            ConnectorErpContext context = new ConnectorErpContext(type, config, clock,
                    () -> persistence.database().installationId(), audit, judge, persistence::messageQueries);
            sides.put(type, provider.open(context, settings));
        });
        return new ErpSides(sides, typeOf);
    }

    @Provides
    @Singleton
    ErpOutboxPort outbox(ErpSides sides) {
        return new PerIntegrationErpOutbox(sides);
    }

    @Provides
    @Singleton
    ErpInboxPort inbox(ErpSides sides) {
        return new PerIntegrationErpInbox(sides);
    }

    @Provides
    @Singleton
    ErpArchiveRetentionPort retention(ErpSides sides) {
        return new PerIntegrationErpArchiveRetention(sides);
    }
}
