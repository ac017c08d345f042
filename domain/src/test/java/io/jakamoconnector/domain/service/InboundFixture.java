package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesCommand;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesResult;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.testing.CrashPoints;
import io.jakamoconnector.domain.testing.InMemoryAuditTrail;
import io.jakamoconnector.domain.testing.InMemoryErpInbox;
import io.jakamoconnector.domain.testing.InMemoryInboundQueue;
import io.jakamoconnector.domain.testing.InMemoryQueueLeases;
import io.jakamoconnector.domain.testing.InMemorySyncState;
import io.jakamoconnector.domain.testing.MutableClock;

/** One connector installation's inbound side over fakes whose state outlives a "crash" of the service. */
final class InboundFixture {
    static final IntegrationName ORDERS = new IntegrationName("orders");
    final CrashPoints crashes = new CrashPoints();
    final MutableClock clock = MutableClock.at("2026-11-29T10:00:00Z");
    final InMemoryInboundQueue queue = new InMemoryInboundQueue(crashes);
    final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    final InMemorySyncState state = new InMemorySyncState(crashes, audit);
    final InMemoryErpInbox erp = new InMemoryErpInbox(crashes);
    final InMemoryQueueLeases leases = new InMemoryQueueLeases();
    QueueLease lease = leases.tryAcquire(ORDERS, "node-1").orElseThrow();

    /** A fresh service, as a restarted process builds it. */
    ReceiveInboundMessagesService service() {
        return new ReceiveInboundMessagesService(queue, state, erp, new DocumentReader(),
                new AuditWriter(audit, clock, "node-1"), clock);
    }

    ReceiveInboundMessagesResult drain() {
        return service().receive(new ReceiveInboundMessagesCommand(ORDERS, lease, 1000));
    }
}
