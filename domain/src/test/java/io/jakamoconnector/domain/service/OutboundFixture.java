package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsCommand;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsResult;
import io.jakamoconnector.domain.port.in.SendOutboundDocumentsCommand;
import io.jakamoconnector.domain.port.in.SendOutboundDocumentsResult;
import io.jakamoconnector.domain.testing.CrashPoints;
import io.jakamoconnector.domain.testing.InMemoryAuditTrail;
import io.jakamoconnector.domain.testing.InMemoryErpOutbox;
import io.jakamoconnector.domain.testing.InMemoryOutboundExchange;
import io.jakamoconnector.domain.testing.InMemorySyncState;
import io.jakamoconnector.domain.testing.MutableClock;
import java.time.Duration;

/** One installation's outbound side over fakes whose state outlives a "crash" of the service. */
final class OutboundFixture {
    static final IntegrationName ORDERS = new IntegrationName("orders");
    static final OutboundPolicy POLICY = new OutboundPolicy(Duration.ofMinutes(5), 3, Duration.ofSeconds(30),
            Duration.ofMinutes(10));
    final CrashPoints crashes = new CrashPoints();
    final MutableClock clock = MutableClock.at("2026-11-29T10:00:00Z");
    final InMemoryErpOutbox erp = new InMemoryErpOutbox(crashes);
    final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    final InMemorySyncState state = new InMemorySyncState(crashes, audit);
    final InMemoryOutboundExchange jakamo = new InMemoryOutboundExchange(crashes);

    PickUpErpDocumentsResult pickUp() {
        return new PickUpErpDocumentsService(erp, state, new DocumentReader(), new AuditWriter(audit, clock, "node-1"),
                clock).pickUp(new PickUpErpDocumentsCommand(ORDERS, IntegrationKind.PURCHASE_ORDERS, 100));
    }

    /** One service for the fixture's life, as the daemon has (a crash test's "restart" keeps nothing in it). */
    private final SendOutboundDocumentsService sender = new SendOutboundDocumentsService(state, jakamo, erp,
            new AuditWriter(audit, clock, "node-1"), clock, POLICY);

    SendOutboundDocumentsResult send() {
        return sender.send(new SendOutboundDocumentsCommand(ORDERS, "node-1/sender", 100));
    }

    /** A whole cycle, as the daemon runs it. */
    void cycle() {
        pickUp();
        send();
    }
}
