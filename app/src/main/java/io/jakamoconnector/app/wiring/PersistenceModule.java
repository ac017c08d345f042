package io.jakamoconnector.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jakamoconnector.adapter.persistence.JdbiSyncStateAdapter;
import io.jakamoconnector.adapter.persistence.PostgresDatabase;
import io.jakamoconnector.adapter.persistence.PostgresQueueLeaseAdapter;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.daemon.CommittedAuditEvents;
import io.jakamoconnector.app.daemon.MeteredAuditTrail;
import io.jakamoconnector.app.daemon.ServiceMetrics;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.port.out.InboundStatePort;
import io.jakamoconnector.domain.port.out.OutboundStatePort;
import io.jakamoconnector.domain.port.out.QueueLeasePort;
import io.jakamoconnector.domain.service.AuditWriter;
import java.time.Clock;

/** The persistence adapters over whichever database module is installed beside it. */
public final class PersistenceModule extends AbstractModule {

    @Provides
    @Singleton
    PersistenceResource persistence(PostgresDatabase database, ConnectorConfig config, Clock clock, Lifecycle lifecycle) {
        PersistenceResource resource = new PersistenceResource(database, config.dataDirectory(), clock,
                config.audit().checkpointInterval(), config.auditAnchorFile(), config.node());
        lifecycle.add(resource);
        return resource;
    }

    /**
     * Where every committed audit event is reported once: counted ({@code jakamo_audit_appends_total}) and handed to
     * the notification dispatcher when {@code run} has one.
     */
    @Provides
    @Singleton
    CommittedAuditEvents committedAuditEvents(ServiceMetrics metrics) {
        return new CommittedAuditEvents(metrics);
    }

    /**
     * Sync state over the database; usable once the persistence resource has started it. Each state change writes its
     * audit events to the started trail in its own transaction; they are reported with the other appends once
     * committed. One adapter serves both directions' ports.
     */
    @Provides
    @Singleton
    JdbiSyncStateAdapter syncState(PersistenceResource persistence, CommittedAuditEvents committed) {
        return new JdbiSyncStateAdapter(persistence.database(), persistence::auditTrail, committed);
    }

    /** What was received, delivered and acknowledged. */
    @Provides
    @Singleton
    InboundStatePort inboundState(JdbiSyncStateAdapter syncState) {
        return syncState;
    }

    /** What was picked up, claimed, sent and archived. */
    @Provides
    @Singleton
    OutboundStatePort outboundState(JdbiSyncStateAdapter syncState) {
        return syncState;
    }

    /** Queue leases: advisory locks on dedicated connections, with fencing tokens. */
    @Provides
    @Singleton
    QueueLeasePort queueLeases(PersistenceResource persistence) {
        return new PostgresQueueLeaseAdapter(persistence.database());
    }

    /**
     * The started database's audit trail, each append counted ({@code jakamo_audit_appends_total}); resolved at each
     * call, so adapters built before the lifecycle starts can hold it.
     */
    @Provides
    @Singleton
    AuditTrailPort auditTrail(PersistenceResource persistence, ServiceMetrics metrics, CommittedAuditEvents committed) {
        return new MeteredAuditTrail(new StartedAuditTrail(persistence), metrics, committed);
    }

    /** What the connector does on its own (the service, the token adapter) is audited as actor {@code connector}. */
    @Provides
    @Singleton
    AuditWriter auditWriter(AuditTrailPort trail, ConnectorConfig config, Clock clock) {
        return new AuditWriter(trail, clock, config.node());
    }
}
