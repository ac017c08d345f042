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
import io.jakamoconnector.domain.model.sync.WaitingState;
import io.jakamoconnector.domain.port.in.DiscardQuarantinedMessageCommand;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.testing.InMemoryAuditTrail;
import io.jakamoconnector.domain.testing.InMemoryQueueLeases;
import io.jakamoconnector.domain.testing.InMemorySyncState;
import io.jakamoconnector.domain.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Discarding a quarantined message that will never be delivered, against the fakes. */
class DiscardQuarantinedMessageServiceTest {
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private final InMemoryAuditTrail trail = new InMemoryAuditTrail();
    private final InMemorySyncState state = new InMemorySyncState(trail);
    private final DiscardQuarantinedMessageService service = new DiscardQuarantinedMessageService(state, trail,
            new MutableClock(T0), "node-1");
    private final OperatorDecision alice = new OperatorDecision("operator:alice", "sender sent a corrected one");
    private final QueueLease lease = new InMemoryQueueLeases().tryAcquire(ORDERS, "test").orElseThrow();

    private DedupKey quarantine(String body, boolean cleared) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        DedupKey key = new DedupKey(Sha256.of(raw).hex());
        state.recordQuarantined(new InboundReceipt(ORDERS, key, DocumentType.UNKNOWN, Optional.empty(),
                Sha256.of(raw), T0), lease, raw, "not well-formed XML");
        if (cleared) {
            state.recordAcknowledged(ORDERS, key, T0, List.of());
        }
        return key;
    }

    @Test
    void aClearedQuarantinedMessageIsDiscardedNoLongerWaitsAndIsAuditedWithOperatorIntegrationAndReason() {
        DedupKey key = quarantine("<cut", true);
        int before = trail.events().size();

        InboundCorrection result = service.discard(new DiscardQuarantinedMessageCommand(ORDERS, key, alice));

        assertThat(result).isInstanceOf(InboundCorrection.Applied.class);
        InboundState now = state.findInbound(ORDERS, key).orElseThrow().state();
        assertThat(now).isEqualTo(InboundState.DISCARDED);
        assertThat(java.util.Arrays.stream(WaitingState.values()).map(Enum::name)).as("no longer waits for a person")
                .doesNotContain(now.name());
        assertThat(state.quarantinedBytes(ORDERS, key)).isEmpty();
        assertThat(trail.events()).hasSize(before + 1);
        AuditEvent event = trail.events().get(trail.events().size() - 1);
        assertThat(event.action()).isEqualTo(AuditAction.MESSAGE_DISCARDED);
        assertThat(event.outcome()).isEqualTo(AuditOutcome.OK);
        assertThat(event.actor()).isEqualTo("operator:alice");
        assertThat(event.integration()).isEqualTo(ORDERS);
        assertThat(event.sha256()).isEqualTo(Sha256.of("<cut".getBytes(StandardCharsets.UTF_8)));
        assertThat(event.reason()).startsWith("discard message orders " + key.shortForm())
                .contains("quarantined_acknowledged -> discarded").endsWith("sender sent a corrected one");
    }

    @Test
    void aMessageStillAtTheQueuesHeadIsRefusedAsAValueAndTheRefusalIsAudited() {
        DedupKey key = quarantine("<cut again", false);

        InboundCorrection result = service.discard(new DiscardQuarantinedMessageCommand(ORDERS, key, alice));

        assertThat(result).isInstanceOfSatisfying(InboundCorrection.Refused.class,
                r -> assertThat(r.reason()).contains("discard it then"));
        assertThat(state.findInbound(ORDERS, key).orElseThrow().state()).isEqualTo(InboundState.QUARANTINED);
        assertThat(trail.events()).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.MESSAGE_DISCARDED);
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAIL);
            assertThat(e.actor()).isEqualTo("operator:alice");
            assertThat(e.integration()).isEqualTo(ORDERS);
        });
    }
}
