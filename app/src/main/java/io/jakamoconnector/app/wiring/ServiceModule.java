package io.jakamoconnector.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jakamoconnector.adapter.jakamo.JakamoApiClient;
import io.jakamoconnector.adapter.auth.MsalAccessTokenAdapter;
import io.jakamoconnector.adapter.persistence.PostgresDatabase;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.config.IntegrationConfig;
import io.jakamoconnector.app.daemon.AttentionLog;
import io.jakamoconnector.app.daemon.CommittedAuditEvents;
import io.jakamoconnector.app.daemon.ConnectorService;
import io.jakamoconnector.app.daemon.HealthServer;
import io.jakamoconnector.app.daemon.ErpSides;
import io.jakamoconnector.app.daemon.OneShotSync;
import io.jakamoconnector.app.daemon.ServiceMetrics;
import io.jakamoconnector.app.daemon.WaitingForPerson;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsUseCase;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesUseCase;
import io.jakamoconnector.domain.port.in.SendOutboundDocumentsUseCase;
import io.jakamoconnector.domain.port.out.ErpInboxPort;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import io.jakamoconnector.domain.port.out.InboundQueuePort;
import io.jakamoconnector.domain.port.out.InboundStatePort;
import io.jakamoconnector.domain.port.out.OutboundExchangePort;
import io.jakamoconnector.domain.port.out.OutboundStatePort;
import io.jakamoconnector.domain.port.out.QueueLeasePort;
import io.jakamoconnector.domain.service.AuditWriter;
import io.jakamoconnector.domain.service.OutboundPolicy;
import io.jakamoconnector.domain.service.PickUpErpDocumentsService;
import io.jakamoconnector.domain.service.ReceiveInboundMessagesService;
import io.jakamoconnector.domain.service.SendOutboundDocumentsService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;

/**
 * The use cases over the ports, the long-running service, the one-shot sync and the health endpoint. The use cases
 * live here rather than in {@link CoreModule} because they need every adapter's port, and the storage-only
 * compositions (doctor, audit) install {@code CoreModule} without the adapters. Nothing here starts: {@code run}
 * starts the health endpoint and the service after the lifecycle.
 */
public final class ServiceModule extends AbstractModule {

    @Provides
    @Singleton
    ReceiveInboundMessagesUseCase receive(InboundQueuePort queue, InboundStatePort state, ErpInboxPort erp,
                                          DocumentReader reader, AuditWriter audit, Clock clock) {
        return new ReceiveInboundMessagesService(queue, state, erp, reader, audit, clock);
    }

    @Provides
    @Singleton
    PickUpErpDocumentsUseCase pickUp(ErpOutboxPort erp, OutboundStatePort state, DocumentReader reader,
                                     AuditWriter audit, Clock clock) {
        return new PickUpErpDocumentsService(erp, state, reader, audit, clock);
    }

    @Provides
    @Singleton
    SendOutboundDocumentsUseCase send(OutboundStatePort state, OutboundExchangePort jakamo, ErpOutboxPort erp,
                                      AuditWriter audit, Clock clock, ConnectorConfig config) {
        return new SendOutboundDocumentsService(state, jakamo, erp, audit, clock, policy(config.service().retry()));
    }

    /** The configured retries, with the core's claim time (longer than any send can take). */
    static OutboundPolicy policy(io.jakamoconnector.app.config.RetryConfig retry) {
        return new OutboundPolicy(OutboundPolicy.defaults().claimTtl(), retry.attempts(), retry.first(), retry.max());
    }

    @Provides
    @Singleton
    ConnectorService service(ConnectorConfig config, ReceiveInboundMessagesUseCase receive,
                             PickUpErpDocumentsUseCase pickUp, SendOutboundDocumentsUseCase send,
                             QueueLeasePort leases, AuditWriter audit, ServiceMetrics metrics,
                             CommittedAuditEvents committed, Clock clock) {
        committed.subscribe(new AttentionLog());   // WARN for a dead document or a quarantined message
        return new ConnectorService(config, receive, pickUp, send, leases, audit, metrics, clock);
    }

    @Provides
    @Singleton
    OneShotSync oneShotSync(ConnectorConfig config, ReceiveInboundMessagesUseCase receive,
                            PickUpErpDocumentsUseCase pickUp, SendOutboundDocumentsUseCase send,
                            QueueLeasePort leases, ServiceMetrics metrics, ErpSides erp) {
        return new OneShotSync(config, receive, pickUp, send, leases, metrics, erp);
    }

    /** Readiness asks the token adapter itself (a cached token counts), so health checks do not count as requests. */
    @Provides
    @Singleton
    HealthServer health(ConnectorConfig config, ConnectorService service, PersistenceResource persistence,
                        MsalAccessTokenAdapter tokens, JakamoApiClient api, PrometheusMeterRegistry registry,
                        WaitingForPerson waiting, ErpSides erp, Clock clock) {
        PostgresDatabase database = persistence.database();
        return new HealthServer(config.service().health(), service, () -> {
            database.checkHealth();
            return database.description();
        }, tokens, api::heldUntil, config.integrations().stream().map(IntegrationConfig::name).toList(), registry,
                waiting::current, api::queuePathUnconfirmed, i -> erp.of(i).health(i), clock);
    }

    /**
     * What waits for a person, refreshed from the database at the shortest polling interval and at least every
     * {@link WaitingForPerson#LONGEST_REFRESH}; started and stopped by the lifecycle, after the database.
     */
    @Provides
    @Singleton
    WaitingForPerson waiting(ConnectorConfig config, PersistenceResource persistence, PrometheusMeterRegistry registry,
                             Lifecycle lifecycle, Clock clock) {
        Duration refresh = WaitingForPerson.LONGEST_REFRESH;
        for (IntegrationConfig integration : config.integrations()) {
            refresh = min(refresh, min(integration.polling().inbound(), integration.polling().outbound()));
        }
        WaitingForPerson waiting = new WaitingForPerson(persistence::messageQueries, refresh, clock);
        waiting.register(registry, config.integrations().stream().map(IntegrationConfig::name).toList());
        lifecycle.add(waiting);
        return waiting;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
