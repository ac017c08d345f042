package io.jakamoconnector.adapter.persistence;

import static io.jakamoconnector.adapter.persistence.SyncStateIT.ORDERS;
import static io.jakamoconnector.adapter.persistence.SyncStateIT.T0;
import static io.jakamoconnector.adapter.persistence.SyncStateIT.document;
import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.InboundQuery;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.InboundState;
import io.jakamoconnector.domain.model.sync.OutboundCorrection;
import io.jakamoconnector.domain.model.sync.OutboundQuery;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundRegistration;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.model.sync.Waiting;
import io.jakamoconnector.domain.model.sync.WaitingState;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.testing.AttemptEnds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import io.jakamoconnector.domain.model.sync.OperatorDecision;
import io.jakamoconnector.domain.model.sync.OutboundFix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessageQueriesIT {
    private static final IntegrationName CLAIMS = new IntegrationName("claims");
    private static final Duration TTL = Duration.ofMinutes(5);
    private TestDatabase db;
    private JdbiSyncStateAdapter state;
    private JdbiMessageQueriesAdapter queries;
    private JdbiOperatorCorrectionsAdapter corrections;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create();
        state = TestDatabase.syncState(db.database());
        queries = new JdbiMessageQueriesAdapter(db.database());
        JdbiAuditTrailAdapter trail = TestDatabase.auditTrail(db.database());
        corrections = new JdbiOperatorCorrectionsAdapter(db.database(), () -> trail);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void listsInboundMessagesByEveryFilterNewestFirstInPages() {
        PostgresQueueLeaseAdapter leases = new PostgresQueueLeaseAdapter(db.database());
        try (QueueLease lease = leases.tryAcquire(ORDERS, "t").orElseThrow()) {
            for (int i = 1; i <= 12; i++) {
                var r = SyncStateIT.receipt(i);
                var receipt = new io.jakamoconnector.domain.model.sync.InboundReceipt(ORDERS, r.dedupKey(), r.type(),
                        Optional.of(new BusinessKey(i % 2 == 0 ? "PO-EVEN" : "PO-" + i)), r.sha256(),
                        T0.plusSeconds(i));
                state.recordDelivered(receipt, lease, () -> "f.xml");
                if (i % 3 == 0) {
                    state.recordAcknowledged(ORDERS, r.dedupKey(), T0.plusSeconds(100));
                }
            }
        }
        assertThat(queries.listInbound(InboundQuery.newest(5))).extracting(InboundRecord::receivedAt)
                .containsExactly(T0.plusSeconds(12), T0.plusSeconds(11), T0.plusSeconds(10), T0.plusSeconds(9),
                        T0.plusSeconds(8));
        assertThat(queries.listInbound(new InboundQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 5, 10))).hasSize(2);
        assertThat(queries.listInbound(new InboundQuery(Optional.of(ORDERS), Optional.of(InboundState.ACKNOWLEDGED),
                Optional.empty(), Optional.empty(), Optional.empty(), 100, 0))).hasSize(4);
        assertThat(queries.listInbound(new InboundQuery(Optional.of(CLAIMS), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 100, 0))).isEmpty();
        assertThat(queries.listInbound(new InboundQuery(Optional.empty(), Optional.empty(),
                Optional.of(new BusinessKey("PO-EVEN")), Optional.of(T0.plusSeconds(4)),
                Optional.of(T0.plusSeconds(10)), 100, 0)))
                .extracting(InboundRecord::receivedAt)
                .containsExactly(T0.plusSeconds(8), T0.plusSeconds(6), T0.plusSeconds(4));
        var one = SyncStateIT.receipt(3);
        assertThat(queries.findInbound(ORDERS, one.dedupKey())).hasValueSatisfying(
                r -> assertThat(r.state()).isEqualTo(InboundState.ACKNOWLEDGED));
    }

    @Test
    void listsOutboundDocumentsByStateIntegrationKeyAndTime() {
        OutboundRecord a = register(ORDERS, "a.xml", "PO-1", T0);
        register(ORDERS, "b.xml", "PO-2", T0.plusSeconds(10));
        register(CLAIMS, "c.xml", "PO-1", T0.plusSeconds(20));
        sendAndEnd(a.id(), OutboundState.FAILED, "refused");

        assertThat(queries.listOutbound(OutboundQuery.newest(10))).extracting(r -> r.ref().value())
                .containsExactly("c.xml", "b.xml", "a.xml");
        assertThat(queries.listOutbound(new OutboundQuery(Optional.of(ORDERS), Optional.of(OutboundState.FAILED),
                Optional.empty(), Optional.empty(), Optional.empty(), 10, 0))).extracting(OutboundRecord::id)
                .containsExactly(a.id());
        assertThat(queries.listOutbound(new OutboundQuery(Optional.empty(), Optional.empty(),
                Optional.of(new BusinessKey("PO-1")), Optional.of(T0.plusSeconds(1)), Optional.empty(), 10, 0)))
                .extracting(r -> r.ref().value()).containsExactly("c.xml");
        assertThat(queries.findOutbound(a.id())).hasValueSatisfying(
                r -> assertThat(r.lastError()).contains("refused"));
    }

    @Test
    void retrySendsAFailedOrDeadDocumentAgainAndRefusesOthers() {
        OutboundRecord failed = register(ORDERS, "a.xml", "PO-1", T0);
        sendAndEnd(failed.id(), OutboundState.DEAD, "gave up");
        state.markArchived(failed.id(), T0);

        OutboundCorrection retried = corrections.correctOutbound(failed.id(), OutboundFix.RETRY,
                new OperatorDecision("alice", "Jakamo was down"), T0.plusSeconds(60), a -> List.of());
        assertThat(retried).isInstanceOfSatisfying(OutboundCorrection.Applied.class, applied -> {
            assertThat(applied.before().state()).isEqualTo(OutboundState.DEAD);
            assertThat(applied.after().state()).isEqualTo(OutboundState.PENDING);
            assertThat(applied.after().attempts()).isZero();
            assertThat(applied.after().lastError()).isEmpty();
            assertThat(applied.after().archived()).isFalse();
        });
        assertThat(state.claimNext(ORDERS, "w", T0.plusSeconds(61), TTL)).map(w -> w.record().id())
                .contains(failed.id());
        assertThat(corrections.correctOutbound(failed.id(), OutboundFix.RETRY,
                new OperatorDecision("alice", "again"), T0, a -> List.of()))
                .isInstanceOfSatisfying(
                OutboundCorrection.Refused.class, r -> assertThat(r.reason()).contains("is pending"));
        assertThat(corrections.correctOutbound(424242, OutboundFix.RETRY,
                new OperatorDecision("alice", "?"), T0, a -> List.of()))
                .isInstanceOf(OutboundCorrection.Refused.class);
        String resolvedBy = db.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT resolved_by || ': ' || resolution_note FROM outbound_document WHERE id = :id")
                .bind("id", failed.id()).mapTo(String.class).one());
        assertThat(resolvedBy).isEqualTo("alice: Jakamo was down");
    }

    @Test
    void anInDoubtDocumentIsResolvedAsSentOrToBeSentAgain() {
        OutboundRecord arrived = register(ORDERS, "a.xml", "PO-1", T0);
        OutboundRecord lost = register(ORDERS, "b.xml", "PO-2", T0);
        sendAndEnd(arrived.id(), OutboundState.IN_DOUBT, "timeout");
        sendAndEnd(lost.id(), OutboundState.IN_DOUBT, "timeout");

        assertThat(corrections.correctOutbound(arrived.id(), OutboundFix.RESOLVE_SENT,
                new OperatorDecision("bob", "seen in Jakamo"), T0, a -> List.of()))
                .isInstanceOfSatisfying(OutboundCorrection.Applied.class,
                        a -> assertThat(a.after().state()).isEqualTo(OutboundState.SENT));
        assertThat(corrections.correctOutbound(lost.id(), OutboundFix.RESOLVE_NOT_SENT,
                new OperatorDecision("bob", "not in Jakamo"), T0, a -> List.of()))
                .isInstanceOfSatisfying(OutboundCorrection.Applied.class, a -> {
                    assertThat(a.after().state()).isEqualTo(OutboundState.PENDING);
                    assertThat(a.after().attempts()).isZero();
                });
        assertThat(corrections.correctOutbound(arrived.id(), OutboundFix.RESOLVE_NOT_SENT,
                new OperatorDecision("bob", "changed my mind"), T0, a -> List.of()))
                .isInstanceOfSatisfying(OutboundCorrection.Refused.class,
                        r -> assertThat(r.reason()).contains("is sent"));
        assertThat(state.unarchived(ORDERS)).extracting(OutboundRecord::id).containsExactly(arrived.id());
        assertThat(state.claimNext(ORDERS, "w", T0, TTL)).map(w -> w.record().id()).contains(lost.id());
    }

    @Test
    void countsWhatWaitsForAPersonByIntegrationAndStateWithTheOldest() {
        assertThat(queries.waitingForPerson()).isEmpty();
        OutboundRecord refused = register(ORDERS, "a.xml", "PO-1", T0);
        OutboundRecord doubt1 = register(ORDERS, "b.xml", "PO-2", T0);
        OutboundRecord doubt2 = register(ORDERS, "c.xml", "PO-3", T0);
        register(ORDERS, "d.xml", "PO-4", T0);
        sendAndEnd(refused.id(), OutboundState.FAILED, "refused", T0.plusSeconds(5));
        sendAndEnd(doubt1.id(), OutboundState.IN_DOUBT, "reset", T0.plusSeconds(10));
        sendAndEnd(doubt2.id(), OutboundState.IN_DOUBT, "reset", T0.plusSeconds(20));
        PostgresQueueLeaseAdapter leases = new PostgresQueueLeaseAdapter(db.database());
        try (QueueLease lease = leases.tryAcquire(CLAIMS, "t").orElseThrow()) {
            var r = SyncStateIT.receipt(1);
            state.recordQuarantined(new io.jakamoconnector.domain.model.sync.InboundReceipt(CLAIMS, r.dedupKey(),
                    r.type(), Optional.empty(), r.sha256(), T0.plusSeconds(30)), lease, new byte[] {1}, "unreadable");
        }

        assertThat(queries.waitingForPerson()).containsExactlyInAnyOrder(
                new Waiting(ORDERS, WaitingState.FAILED, 1, T0.plusSeconds(5)),
                new Waiting(ORDERS, WaitingState.IN_DOUBT, 2, T0.plusSeconds(10)),
                new Waiting(CLAIMS, WaitingState.QUARANTINED, 1, T0.plusSeconds(30)));

        corrections.correctOutbound(doubt1.id(), OutboundFix.RESOLVE_SENT, new OperatorDecision("bob",
                "seen in Jakamo"), T0.plusSeconds(40), a -> List.of());
        corrections.correctOutbound(refused.id(), OutboundFix.RETRY, new OperatorDecision("bob", "corrected"),
                T0.plusSeconds(40), a -> List.of());
        assertThat(queries.waitingForPerson()).containsExactlyInAnyOrder(
                new Waiting(ORDERS, WaitingState.IN_DOUBT, 1, T0.plusSeconds(20)),
                new Waiting(CLAIMS, WaitingState.QUARANTINED, 1, T0.plusSeconds(30)));
    }

    private void sendAndEnd(long id, OutboundState end, String error, Instant at) {
        state.claimNext(ORDERS, "w", at, TTL).orElseThrow();
        state.markSending(id, "w", at);
        state.recordOutcome(id, "w", AttemptEnds.leaving(end, error), at);
    }

    private void sendAndEnd(long id, OutboundState end, String error) {
        state.claimNext(ORDERS, "w", T0, TTL).orElseThrow();
        state.markSending(id, "w", T0);
        state.recordOutcome(id, "w", AttemptEnds.leaving(end, error), T0);
    }

    private OutboundRecord register(IntegrationName integration, String file, String key, Instant at) {
        return ((OutboundRegistration.Registered) state.registerOutbound(integration,
                document(file, DocumentType.ORDER, key, file + key), Optional.empty(), at)).record();
    }
}
