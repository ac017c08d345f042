package io.jakamoconnector.app.daemon;

import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.adapter.erpfolder.FolderErpSettings;
import io.jakamoconnector.app.config.ErpConfig;
import io.jakamoconnector.app.config.HealthConfig;
import io.jakamoconnector.app.config.IntegrationConfig;
import io.jakamoconnector.app.config.LogFormat;
import io.jakamoconnector.app.config.PollingConfig;
import io.jakamoconnector.app.config.SecretReference;
import io.jakamoconnector.app.config.ServiceConfig;
import io.jakamoconnector.domain.model.auth.ClientId;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.service.AuditWriter;
import io.jakamoconnector.domain.service.OutboundPolicy;
import io.jakamoconnector.domain.service.PickUpErpDocumentsService;
import io.jakamoconnector.domain.service.ReceiveInboundMessagesService;
import io.jakamoconnector.domain.service.SendOutboundDocumentsService;
import io.jakamoconnector.domain.testing.InMemoryAuditTrail;
import io.jakamoconnector.domain.testing.InMemoryErpInbox;
import io.jakamoconnector.domain.testing.InMemoryErpOutbox;
import io.jakamoconnector.domain.testing.InMemoryInboundQueue;
import io.jakamoconnector.domain.testing.InMemoryOutboundExchange;
import io.jakamoconnector.domain.testing.InMemoryQueueLeases;
import io.jakamoconnector.domain.testing.InMemorySyncState;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The service over the domain's fakes: the real use cases, the real loops, no I/O. */
final class ServiceFixture {
    static final IntegrationName ORDERS = new IntegrationName("orders");

    final InMemoryInboundQueue queue = new InMemoryInboundQueue();
    final InMemoryAuditTrail trail = new InMemoryAuditTrail();
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final ServiceMetrics metrics = new ServiceMetrics(registry);
    final MeteredAuditTrail meteredTrail = new MeteredAuditTrail(trail, metrics);
    // the state's events are counted too, as the real adapter reports them once committed
    final InMemorySyncState state = new InMemorySyncState(meteredTrail);
    final InMemoryErpInbox erpInbox = new InMemoryErpInbox();
    final InMemoryErpOutbox erpOutbox = new InMemoryErpOutbox();
    final InMemoryOutboundExchange jakamo = new InMemoryOutboundExchange();
    final InMemoryQueueLeases leases = new InMemoryQueueLeases();
    final Clock clock = Clock.systemUTC();
    final AuditWriter audit = new AuditWriter(meteredTrail, clock, "node-1");
    final ConnectorConfig config;

    ServiceFixture(int senders, Duration interval) {
        IntegrationConfig orders = new IntegrationConfig(ORDERS, IntegrationKind.PURCHASE_ORDERS, Environment.demo(),
                new ClientId("3f0c2a9e-0000-4000-8000-00000000000a"),
                Optional.of(new SecretReference(SecretReference.Kind.ENV, "ORDERS_SECRET")), Optional.empty(),
                new ErpConfig("folders", FolderErpSettings.under(Path.of("/nonexistent/erp/orders"))),
                new PollingConfig(interval, interval, senders));
        config = new ConnectorConfig("test", "node-1", Path.of("/nonexistent"), Optional.empty(), Optional.empty(),
                List.of(orders), new ServiceConfig(PollingConfig.defaults(), new HealthConfig("127.0.0.1", 0, 3),
                LogFormat.HUMAN, Duration.ofSeconds(5)));
    }

    ConnectorService service() {
        DocumentReader reader = new DocumentReader();
        return new ConnectorService(config,
                new ReceiveInboundMessagesService(new MeteredInboundQueue(queue, metrics), state, erpInbox, reader,
                        audit, clock),
                new PickUpErpDocumentsService(erpOutbox, state, reader, audit, clock),
                new SendOutboundDocumentsService(state, jakamo, erpOutbox, audit, clock, OutboundPolicy.defaults()),
                leases, audit, metrics, clock);
    }

    double counter(String name) {
        var counter = registry.find(name).tag("integration", ORDERS.value()).counter();
        return counter == null ? 0 : counter.count();
    }
}
