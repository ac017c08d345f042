package io.jakamoconnector.domain.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundCorrection;
import io.jakamoconnector.domain.model.sync.InboundReceipt;
import io.jakamoconnector.domain.model.sync.InboundState;
import io.jakamoconnector.domain.model.sync.OperatorDecision;
import io.jakamoconnector.domain.port.in.RedeliverQuarantinedMessageCommand;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.domain.testing.InMemoryAuditTrail;
import io.jakamoconnector.domain.testing.InMemoryErpInbox;
import io.jakamoconnector.domain.testing.InMemoryQueueLeases;
import io.jakamoconnector.domain.testing.InMemorySyncState;
import io.jakamoconnector.domain.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Redelivering a quarantined message after its cause was fixed, against the fakes. */
class RedeliverQuarantinedMessageServiceTest {
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private final InMemoryAuditTrail trail = new InMemoryAuditTrail();
    private final InMemorySyncState state = new InMemorySyncState(trail);
    private final InMemoryErpInbox erp = new InMemoryErpInbox();
    private final RedeliverQuarantinedMessageService service = new RedeliverQuarantinedMessageService(state, erp,
            trail, new MutableClock(T0), "node-1");
    private final OperatorDecision alice = new OperatorDecision("operator:alice", "reader fixed in 1.4");
    private final QueueLease lease = new InMemoryQueueLeases().tryAcquire(ORDERS, "test").orElseThrow();

    private DedupKey quarantine(String body) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        DedupKey key = new DedupKey(Sha256.of(raw).hex());
        state.recordQuarantined(new InboundReceipt(ORDERS, key, DocumentType.UNKNOWN, Optional.empty(),
                Sha256.of(raw), T0), lease, raw, "unknown document type");
        return key;
    }

    @Test
    void aMessageThatReadsNowIsDeliveredToTheErpAndAuditedWithTheIntegration() {
        DedupKey key = quarantine(Documents.orderResponse("PO-1", "S-1"));

        InboundCorrection result = service.redeliver(new RedeliverQuarantinedMessageCommand(ORDERS, key, alice));

        assertThat(result).isInstanceOf(InboundCorrection.Applied.class);
        assertThat(state.findInbound(ORDERS, key).orElseThrow().state()).isEqualTo(InboundState.DELIVERED);
        assertThat(erp.files()).hasSize(1);
        assertThat(erp.staged()).isEmpty();
        AuditEvent event = trail.events().get(trail.events().size() - 1);
        assertThat(event.action()).isEqualTo(AuditAction.MESSAGE_REDELIVERED);
        assertThat(event.outcome()).isEqualTo(AuditOutcome.OK);
        assertThat(event.actor()).isEqualTo("operator:alice");
        assertThat(event.integration()).isEqualTo(ORDERS);
        assertThat(event.reason()).contains("quarantined -> delivered").endsWith("reader fixed in 1.4");
    }

    @Test
    void aMessageThatStillCannotBeReadIsRefusedAsAValueAndStaysQuarantined() {
        DedupKey key = quarantine("<OrderResponse><cbc:ID>cut");

        InboundCorrection result = service.redeliver(new RedeliverQuarantinedMessageCommand(ORDERS, key, alice));

        assertThat(result).isInstanceOfSatisfying(InboundCorrection.Refused.class,
                r -> assertThat(r.reason()).startsWith("it still cannot be read"));
        assertThat(state.findInbound(ORDERS, key).orElseThrow().state()).isEqualTo(InboundState.QUARANTINED);
        assertThat(erp.files()).isEmpty();
        assertThat(erp.staged()).isEmpty();
        assertThat(trail.events()).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.MESSAGE_REDELIVERED);
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAIL);
            assertThat(e.integration()).isEqualTo(ORDERS);
        });
    }
}
