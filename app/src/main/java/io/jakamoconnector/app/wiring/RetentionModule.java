package io.jakamoconnector.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.daemon.RetentionRound;
import io.jakamoconnector.domain.port.in.PruneErpArchivesUseCase;
import io.jakamoconnector.domain.port.out.ErpArchiveRetentionPort;
import io.jakamoconnector.domain.service.AuditWriter;
import io.jakamoconnector.domain.service.PruneErpArchivesService;
import java.time.Clock;
import java.util.Optional;

/** Retention ({@code retention}): each ERP side's pruning, its use case, and the round that applies both. */
public final class RetentionModule extends AbstractModule {

    @Provides
    @Singleton
    PruneErpArchivesUseCase archives(ErpArchiveRetentionPort archives, AuditWriter audit, Clock clock) {
        return new PruneErpArchivesService(archives, audit, clock);
    }

    @Provides
    @Singleton
    RetentionRound round(ConnectorConfig config, PruneErpArchivesUseCase archives, PersistenceResource persistence,
                         AuditWriter audit, Clock clock) {
        return new RetentionRound(config.retention(), config.retention().archiveDays(config.integrations()),
                Optional.of(archives), persistence::auditTrail, audit, clock);
    }
}
