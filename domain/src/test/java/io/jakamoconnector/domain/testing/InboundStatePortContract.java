package io.jakamoconnector.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ConfirmUrl;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundAcknowledgement;
import io.jakamoconnector.domain.model.sync.InboundReceipt;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.InboundRecording;
import io.jakamoconnector.domain.model.sync.InboundState;
import io.jakamoconnector.domain.model.sync.QueueClearing;
import io.jakamoconnector.domain.port.out.InboundStatePort;
import io.jakamoconnector.domain.port.out.QueueLease;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InboundStatePort} must do; run against the in-memory fake and the real database alike.
 * Implementations give a fresh, empty store per test.
 */
public abstract class InboundStatePortContract {
    protected static final IntegrationName ORDERS = new IntegrationName("orders");
    protected static final IntegrationName CLAIMS = new IntegrationName("claims");
    private final Instant t0 = Instant.parse("2026-11-29T10:00:00Z");
    private InboundStatePort state;

    /** A fresh, empty store. */
    protected abstract InboundStatePort newInboundState();

    /** A lease on {@code integration}'s queue that the store accepts; repeated calls may return the same lease. */
    protected abstract QueueLease heldLease(IntegrationName integration);

    /** A lease that was held once and has since been taken over by another holder. */
    protected abstract QueueLease staleLease(IntegrationName integration);

    /**
     * The reasons of the audit events the store's state changes have written so far, in the trail's order (each test
     * gives events unique reasons).
     */
    protected abstract List<String> auditedReasons();

    private AuditEvent audit(String reason) {
        return AuditEvent.builder(AuditAction.MESSAGE_SAVED, AuditOutcome.OK).at(t0).node("node-1").actor("connector")
                .reason(reason).build();
    }

    private static DedupKey key(int n) {
        return new DedupKey(Sha256.of(("m" + n).getBytes(StandardCharsets.UTF_8)).hex());
    }

    private InboundReceipt receipt(IntegrationName integration, int n) {
        return new InboundReceipt(integration, key(n), DocumentType.ORDER_RESPONSE,
                Optional.of(new BusinessKey("PO-" + n)), Sha256.of(("body" + n).getBytes(StandardCharsets.UTF_8)), t0);
    }

    @BeforeEach
    void createStore() {
        state = newInboundState();
    }

    @Test
    void recordsADeliveredMessageOnceAndRunsTheDeliveryOnce() {
        AtomicInteger deliveries = new AtomicInteger();
        QueueLease lease = heldLease(ORDERS);
        InboundRecording first = state.recordDelivered(receipt(ORDERS, 1), lease, () -> {
            deliveries.incrementAndGet();
            return "OrderResponse-PO-1.xml";
        });
        InboundRecording second = state.recordDelivered(receipt(ORDERS, 1), lease, () -> {
            deliveries.incrementAndGet();
            return "again.xml";
        });

        assertThat(first).isInstanceOf(InboundRecording.Recorded.class);
        assertThat(second).isInstanceOf(InboundRecording.AlreadyKnown.class);
        assertThat(deliveries).hasValue(1);
        var record = state.findInbound(ORDERS, key(1)).orElseThrow();
        assertThat(record.state()).isEqualTo(InboundState.DELIVERED);
        assertThat(record.deliveredAs()).contains("OrderResponse-PO-1.xml");
        assertThat(record.businessKey()).contains(new BusinessKey("PO-1"));
        assertThat(record.acknowledgedAt()).isEmpty();
    }

    @Test
    void findsAnUnacknowledgedMessageByItsBytesUntilItIsAcknowledged() {
        state.recordDelivered(receipt(ORDERS, 21), heldLease(ORDERS), () -> "a.xml");
        Sha256 body = Sha256.of("body21".getBytes(StandardCharsets.UTF_8));

        assertThat(state.findUnacknowledged(ORDERS, body).orElseThrow().dedupKey()).isEqualTo(key(21));
        assertThat(state.findUnacknowledged(CLAIMS, body)).isEmpty();
        assertThat(state.findUnacknowledged(ORDERS, Sha256.of("other".getBytes(StandardCharsets.UTF_8)))).isEmpty();

        state.recordAcknowledged(ORDERS, key(21), t0);
        assertThat(state.findUnacknowledged(ORDERS, body)).isEmpty();
    }

    @Test
    void aFailedDeliveryLeavesNothingRecorded() {
        QueueLease lease = heldLease(ORDERS);
        assertThatThrownBy(() -> state.recordDelivered(receipt(ORDERS, 2), lease, () -> {
            throw new IllegalStateException("disk full");
        })).hasMessageContaining("disk full");

        assertThat(state.findInbound(ORDERS, key(2))).isEmpty();
        assertThat(state.recordDelivered(receipt(ORDERS, 2), lease, () -> "f.xml"))
                .isInstanceOf(InboundRecording.Recorded.class);
    }

    @Test
    void theSameKeyInAnotherIntegrationIsAnotherMessage() {
        state.recordDelivered(receipt(ORDERS, 3), heldLease(ORDERS), () -> "a.xml");
        assertThat(state.recordDelivered(receipt(CLAIMS, 3), heldLease(CLAIMS), () -> "b.xml"))
                .isInstanceOf(InboundRecording.Recorded.class);
    }

    @Test
    void recordsTheAcknowledgementAfterwards() {
        state.recordDelivered(receipt(ORDERS, 4), heldLease(ORDERS), () -> "a.xml");
        Instant at = t0.plusSeconds(5);
        state.recordAcknowledged(ORDERS, key(4), at);

        var record = state.findInbound(ORDERS, key(4)).orElseThrow();
        assertThat(record.state()).isEqualTo(InboundState.ACKNOWLEDGED);
        assertThat(record.acknowledgedAt()).contains(at);
    }

    @Test
    void quarantinesAnUnreadableMessageAndRecordsItsAcknowledgement() {
        byte[] raw = "<Order><cbc:ID>broken".getBytes(StandardCharsets.UTF_8);
        InboundRecording r = state.recordQuarantined(receipt(ORDERS, 5), heldLease(ORDERS), raw, "not well-formed");
        assertThat(r).isInstanceOf(InboundRecording.Recorded.class);
        assertThat(state.findInbound(ORDERS, key(5)).orElseThrow().quarantineReason()).contains("not well-formed");

        state.recordAcknowledged(ORDERS, key(5), t0);
        assertThat(state.findInbound(ORDERS, key(5)).orElseThrow().state())
                .isEqualTo(InboundState.QUARANTINED_ACKNOWLEDGED);
        assertThat(state.recordQuarantined(receipt(ORDERS, 5), heldLease(ORDERS), raw, "again"))
                .isInstanceOf(InboundRecording.AlreadyKnown.class);
    }

    @Test
    void refusesToRecordForAStaleLeaseAndDoesNotDeliver() {
        AtomicInteger deliveries = new AtomicInteger();
        QueueLease stale = staleLease(ORDERS);
        assertThat(state.recordDelivered(receipt(ORDERS, 6), stale, () -> {
            deliveries.incrementAndGet();
            return "x.xml";
        })).isInstanceOfSatisfying(InboundRecording.LeaseLost.class,
                lost -> assertThat(lost.why()).contains("no longer held"));
        assertThat(state.recordQuarantined(receipt(ORDERS, 6), stale, new byte[] {1}, "bad"))
                .isInstanceOf(InboundRecording.LeaseLost.class);
        assertThat(deliveries).hasValue(0);
        assertThat(state.findInbound(ORDERS, key(6))).isEmpty();
    }

    // ---- sales orders: the confirmation URL ----


    private static InboundReceipt salesOrder(IntegrationName integration, int n, DocumentType type, String order,
                                             Instant at, String confirmUrl) {
        return new InboundReceipt(integration, key(n), type, Optional.of(new BusinessKey(order)),
                Sha256.of(("so" + n).getBytes(StandardCharsets.UTF_8)), at,
                Optional.ofNullable(confirmUrl).map(ConfirmUrl::new));
    }

    @Test
    void keepsEachMessagesConfirmationUrlWithItsRecord() {
        String url = "https://jakamo.test/api/order/CUST-1/confirm?message=20";
        state.recordDelivered(salesOrder(ORDERS, 20, DocumentType.ORDER, "CUST-1", t0, url), heldLease(ORDERS),
                () -> "Order-CUST-1.xml");
        state.recordDelivered(receipt(ORDERS, 21), heldLease(ORDERS), () -> "OrderResponse-PO-21.xml");

        assertThat(state.findInbound(ORDERS, key(20)).orElseThrow().confirmUrl()).contains(new ConfirmUrl(url));
        assertThat(state.findInbound(ORDERS, key(21)).orElseThrow().confirmUrl()).isEmpty();
        state.recordAcknowledged(ORDERS, key(20), t0.plusSeconds(1));
        assertThat(state.findInbound(ORDERS, key(20)).orElseThrow().confirmUrl()).as("kept after the ack")
                .contains(new ConfirmUrl(url));
    }

    // ---- audit events written with the state change ----

    @Test
    void eachStateChangeWritesItsAuditEventsInTheSameUnitOfWorkInTheOrderGiven() {
        QueueLease lease = heldLease(ORDERS);
        state.recordDelivered(receipt(ORDERS, 40), lease, () -> "OrderResponse-PO-40.xml",
                record -> List.of(audit("received 40"), audit("delivered as " + record.deliveredAs().orElseThrow())));
        state.recordAcknowledged(ORDERS, key(40), t0, List.of(audit("acknowledged 40")));
        state.recordQuarantined(receipt(ORDERS, 41), lease, new byte[] {1}, "broken",
                List.of(audit("quarantined 41")));

        assertThat(auditedReasons()).containsExactly("received 40", "delivered as OrderResponse-PO-40.xml",
                "acknowledged 40", "quarantined 41");
    }

    @Test
    void aChangeThatFailsIsRefusedOrFindsTheKeyKnownWritesNoneOfItsEvents() {
        QueueLease lease = heldLease(ORDERS);
        assertThatThrownBy(() -> state.recordDelivered(receipt(ORDERS, 42), lease, () -> {
            throw new IllegalStateException("disk full");
        }, record -> List.of(audit("failed delivery")))).hasMessageContaining("disk full");
        state.recordDelivered(receipt(ORDERS, 43), lease, () -> "a.xml", record -> List.of(audit("first 43")));
        state.recordDelivered(receipt(ORDERS, 43), lease, () -> "b.xml", record -> List.of(audit("again 43")));
        state.recordQuarantined(receipt(ORDERS, 43), lease, new byte[] {1}, "x", List.of(audit("quarantined 43")));
        assertThat(state.recordDelivered(receipt(ORDERS, 44), staleLease(ORDERS), () -> "c.xml",
                record -> List.of(audit("stale 44")))).isInstanceOf(InboundRecording.LeaseLost.class);

        assertThat(auditedReasons()).containsExactly("first 43");
    }

    @Test
    void messagesRecordedButNotAcknowledgedOtherThanTheHeadAreRecordedClearedWithTheirEvents() {
        QueueLease lease = heldLease(ORDERS);
        state.recordDelivered(receipt(ORDERS, 50), lease, () -> "a.xml");
        state.recordQuarantined(receipt(ORDERS, 51), lease, new byte[] {1}, "broken");
        state.recordDelivered(receipt(ORDERS, 52), lease, () -> "c.xml");
        state.recordAcknowledged(ORDERS, key(52), t0);
        state.recordDelivered(receipt(ORDERS, 53), lease, () -> "d.xml");
        state.recordDelivered(receipt(CLAIMS, 54), heldLease(CLAIMS), () -> "e.xml");
        Instant at = t0.plusSeconds(30);

        List<io.jakamoconnector.domain.model.sync.InboundRecord> cleared = ((QueueClearing.Cleared) state
                .recordClearedBefore(lease, key(53), at,
                        record -> List.of(audit("cleared " + record.dedupKey().value().substring(0, 8))))).records();

        assertThat(cleared).extracting(r -> r.dedupKey()).containsExactly(key(50), key(51));
        assertThat(state.findInbound(ORDERS, key(50)).orElseThrow().state()).isEqualTo(InboundState.ACKNOWLEDGED);
        assertThat(state.findInbound(ORDERS, key(50)).orElseThrow().acknowledgedAt()).contains(at);
        assertThat(state.findInbound(ORDERS, key(51)).orElseThrow().state())
                .isEqualTo(InboundState.QUARANTINED_ACKNOWLEDGED);
        assertThat(state.findInbound(ORDERS, key(53)).orElseThrow().state()).as("the head").isEqualTo(
                InboundState.DELIVERED);
        assertThat(state.findInbound(CLAIMS, key(54)).orElseThrow().state()).as("another integration's queue")
                .isEqualTo(InboundState.DELIVERED);
        assertThat(auditedReasons()).containsExactly("cleared " + key(50).value().substring(0, 8),
                "cleared " + key(51).value().substring(0, 8));
        assertThat(state.recordClearedBefore(lease, key(53), at, record -> List.of(audit("again"))))
                .isEqualTo(new QueueClearing.Cleared(List.of()));
    }

    @Test
    void aLeaseLostMeanwhileClearsNothingAndWritesNoEvent() {
        // a paused holder wakes with a head read before the takeover: that head may be older than a message the new
        // holder has recorded since, which its stale view would otherwise mark acknowledged
        state.recordDelivered(receipt(ORDERS, 60), heldLease(ORDERS), () -> "a.xml");
        QueueLease stale = staleLease(ORDERS);

        assertThat(state.recordClearedBefore(stale, key(61), t0,
                record -> List.of(audit("cleared by a stale holder"))))
                .isInstanceOf(QueueClearing.LeaseLost.class);

        assertThat(state.findInbound(ORDERS, key(60)).orElseThrow().state()).isEqualTo(InboundState.DELIVERED);
        assertThat(auditedReasons()).doesNotContain("cleared by a stale holder");
    }

    // ---- an earlier message's acknowledgement recorded with the next record ----

    private InboundAcknowledgement acknowledgement(int n, Instant at) {
        return new InboundAcknowledgement(ORDERS, key(n), at, List.of(audit("acknowledged " + n)));
    }

    @Test
    void anEarlierAcknowledgementIsRecordedWithTheNextRecordItsEventsFirst() {
        QueueLease lease = heldLease(ORDERS);
        state.recordDelivered(receipt(ORDERS, 70), lease, () -> "a.xml", record -> List.of(audit("delivered 70")));
        Instant first = t0.plusSeconds(3);
        Instant second = t0.plusSeconds(4);

        assertThat(state.recordDelivered(receipt(ORDERS, 71), lease, Optional.of(acknowledgement(70, first)),
                () -> "b.xml", record -> List.of(audit("delivered 71"))))
                .isInstanceOf(InboundRecording.Recorded.class);
        assertThat(state.recordQuarantined(receipt(ORDERS, 72), lease, Optional.of(acknowledgement(71, second)),
                new byte[] {1}, "broken", List.of(audit("quarantined 72"))))
                .isInstanceOf(InboundRecording.Recorded.class);

        InboundRecord acknowledged = state.findInbound(ORDERS, key(70)).orElseThrow();
        assertThat(acknowledged.state()).isEqualTo(InboundState.ACKNOWLEDGED);
        assertThat(acknowledged.acknowledgedAt()).contains(first);
        assertThat(state.findInbound(ORDERS, key(71)).orElseThrow().acknowledgedAt()).contains(second);
        assertThat(state.findInbound(ORDERS, key(72)).orElseThrow().state()).isEqualTo(InboundState.QUARANTINED);
        assertThat(auditedReasons()).containsExactly("delivered 70", "acknowledged 70", "delivered 71",
                "acknowledged 71", "quarantined 72");
    }

    @Test
    void anEarlierAcknowledgementIsNotRecordedWhenTheRecordIsNot() {
        QueueLease lease = heldLease(ORDERS);
        state.recordDelivered(receipt(ORDERS, 73), lease, () -> "a.xml");
        state.recordDelivered(receipt(ORDERS, 74), lease, () -> "b.xml");
        Optional<InboundAcknowledgement> earlier = Optional.of(acknowledgement(74, t0));

        assertThat(state.recordDelivered(receipt(ORDERS, 73), lease, earlier, () -> "again.xml",
                record -> List.of())).as("the key known").isInstanceOf(InboundRecording.AlreadyKnown.class);
        assertThat(state.recordQuarantined(receipt(ORDERS, 73), lease, earlier, new byte[] {1}, "x", List.of()))
                .as("the key known").isInstanceOf(InboundRecording.AlreadyKnown.class);
        assertThatThrownBy(() -> state.recordDelivered(receipt(ORDERS, 75), lease, earlier, () -> {
            throw new IllegalStateException("disk full");
        }, record -> List.of())).hasMessageContaining("disk full");
        QueueLease stale = staleLease(ORDERS);
        assertThat(state.recordDelivered(receipt(ORDERS, 76), stale, earlier, () -> "c.xml", record -> List.of()))
                .isInstanceOf(InboundRecording.LeaseLost.class);
        assertThat(state.recordQuarantined(receipt(ORDERS, 76), stale, earlier, new byte[] {1}, "x", List.of()))
                .isInstanceOf(InboundRecording.LeaseLost.class);

        assertThat(state.findInbound(ORDERS, key(74)).orElseThrow().state()).isEqualTo(InboundState.DELIVERED);
        assertThat(auditedReasons()).doesNotContain("acknowledged 74");
    }
}
