package io.jakamoconnector.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.sync.AttemptEnd;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundCorrection;
import io.jakamoconnector.domain.model.sync.InboundReceipt;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.InboundRecording;
import io.jakamoconnector.domain.model.sync.InboundState;
import io.jakamoconnector.domain.model.sync.OperatorDecision;
import io.jakamoconnector.domain.model.sync.OutboundCorrection;
import io.jakamoconnector.domain.model.sync.OutboundFix;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundRegistration;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.model.sync.OutboundStatus;
import io.jakamoconnector.domain.port.out.OperatorCorrectionsPort;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.port.out.StateStoreException;
import io.jakamoconnector.domain.port.out.InboundStatePort;
import io.jakamoconnector.domain.port.out.OutboundStatePort;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link OperatorCorrectionsPort} must do; run against the in-memory fake and the real database alike.
 * Implementations give a fresh, empty store per test, whose sync state and corrections share one state.
 */
public abstract class OperatorCorrectionsPortContract {
    protected static final IntegrationName ORDERS = new IntegrationName("orders");
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final OperatorDecision DECISION = new OperatorDecision("operator:alice", "checked in Jakamo");
    private final DocumentReader reader = new DocumentReader();
    private final Instant t0 = Instant.parse("2026-11-29T10:00:00Z");
    private OutboundStatePort state;
    private InboundStatePort inbound;
    private OperatorCorrectionsPort corrections;

    /** A fresh, empty store; {@link #inboundOfSameStore()} and {@link #corrections()} then work on the same one. */
    protected abstract OutboundStatePort newSyncState();

    protected abstract InboundStatePort inboundOfSameStore();

    protected abstract OperatorCorrectionsPort corrections();

    /** The reasons of the audit events written so far, in the trail's order. */
    protected abstract List<String> auditedReasons();

    /** From now on, every append to the audit trail fails. */
    protected abstract void breakAuditTrail();

    /** A lease on {@code integration}'s queue that the store accepts. */
    protected abstract QueueLease heldLease(IntegrationName integration);

    @BeforeEach
    void createStore() {
        state = newSyncState();
        inbound = inboundOfSameStore();
        corrections = corrections();
    }

    private OutboundRecord register(String file, String xml) {
        Document d = reader.readDocument(xml.getBytes(StandardCharsets.UTF_8));
        OutboundRegistration r = state.registerOutbound(ORDERS, new OutgoingDocument(new ErpDocumentRef(file), d,
                file), Optional.empty(), t0);
        return ((OutboundRegistration.Registered) r).record();
    }

    private OutboundRecord finished(String order, OutboundState outcome) {
        OutboundRecord r = register(order + ".xml", Documents.order(order));
        assertThat(state.claimNext(ORDERS, "n", t0, TTL)).map(w -> w.record().id()).contains(r.id());
        state.markSending(r.id(), "n", t0);
        state.recordOutcome(r.id(), "n", AttemptEnds.leaving(outcome,
                outcome == OutboundState.SENT ? null : "it went wrong"), t0);
        state.markArchived(r.id(), t0);
        return state.findOutbound(r.id()).orElseThrow();
    }

    private AuditEvent event(String reason) {
        return AuditEvent.builder(AuditAction.DOCUMENT_RETRIED, AuditOutcome.OK).at(t0).node("node-1")
                .actor(DECISION.operator()).integration(ORDERS).reason(reason).build();
    }

    /**
     * The story of issue 14: an OrderChange Jakamo refused because its Order did not exist yet; the ERP then drops the
     * Order, it is picked up, and the operator retries the change. The Order was registered after the change (a higher
     * id), yet it goes first: a retried change keeps waiting for an Order of its key that may still go.
     */
    @Test
    void aRetriedChangeWaitsForAnOrderDroppedAfterItWasRefused() {
        OutboundRecord change = register("po-20-change.xml", Documents.orderChange("PO-20", 1));
        assertThat(state.claimNext(ORDERS, "n", t0, TTL)).map(w -> w.record().id()).contains(change.id());
        state.markSending(change.id(), "n", t0);
        state.recordOutcome(change.id(), "n", new AttemptEnd.Refused("Jakamo: order PO-20 does not exist"), t0);
        OutboundRecord order = register("po-20.xml", Documents.order("PO-20"));
        assertThat(order.id()).isGreaterThan(change.id());

        corrections.correctOutbound(change.id(), OutboundFix.RETRY, DECISION, t0, applied -> List.of(event("retry")));

        assertThat(state.claimNext(ORDERS, "n", t0, TTL)).as("the Order goes first").map(w -> w.record().id())
                .contains(order.id());
        assertThat(state.claimNext(ORDERS, "n2", t0, TTL)).as("the change waits while the Order is sending")
                .isEmpty();
        state.markSending(order.id(), "n", t0);
        assertThat(state.claimNext(ORDERS, "n2", t0, TTL)).isEmpty();
        state.recordOutcome(order.id(), "n", new AttemptEnd.Sent(), t0);
        assertThat(state.claimNext(ORDERS, "n", t0, TTL)).as("then the retried change").map(w -> w.record().id())
                .contains(change.id());
    }

    @Test
    void aRetryPutsAFailedDocumentBackToTheSendersWithItsEventInTheSameUnitOfWork() {
        OutboundRecord failed = finished("PO-1", OutboundState.FAILED);
        AtomicReference<OutboundCorrection.Applied> seen = new AtomicReference<>();

        OutboundCorrection result = corrections.correctOutbound(failed.id(), OutboundFix.RETRY, DECISION, t0,
                applied -> {
                    seen.set(applied);
                    return List.of(event("retried " + applied.after().state()));
                });

        assertThat(result).isInstanceOf(OutboundCorrection.Applied.class).isEqualTo(seen.get());
        OutboundRecord after = state.findOutbound(failed.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(OutboundState.PENDING);
        assertThat(after.attempts()).isZero();
        assertThat(after.lastError()).isEmpty();
        assertThat(after.archived()).as("the next round files it by how it ends").isFalse();
        assertThat(seen.get().before().state()).isEqualTo(OutboundState.FAILED);
        assertThat(seen.get().after()).isEqualTo(after);
        assertThat(auditedReasons()).containsExactly("retried PENDING");
        assertThat(state.claimNext(ORDERS, "n", t0, TTL)).map(w -> w.record().id()).contains(failed.id());
    }

    @Test
    void resolvingSentMakesAnInDoubtDocumentSentAndNotSentSendsItAgain() {
        OutboundRecord sent = finished("PO-2", OutboundState.IN_DOUBT);
        OutboundRecord again = finished("PO-3", OutboundState.IN_DOUBT);

        corrections.correctOutbound(sent.id(), OutboundFix.RESOLVE_SENT, DECISION, t0, a -> List.of(event("sent")));
        corrections.correctOutbound(again.id(), OutboundFix.RESOLVE_NOT_SENT, DECISION, t0,
                a -> List.of(event("not sent")));

        assertThat(state.findOutbound(sent.id()).orElseThrow().state()).isEqualTo(OutboundState.SENT);
        assertThat(state.findOutbound(again.id()).orElseThrow().state()).isEqualTo(OutboundState.PENDING);
        assertThat(auditedReasons()).containsExactly("sent", "not sent");
    }

    @Test
    void aDiscardEndsAFailedDeadOrInDoubtDocumentForGoodWithItsEventAndTheNextRoundFilesIt() {
        OutboundRecord failed = finished("PO-20", OutboundState.FAILED);
        OutboundRecord dead = finished("PO-21", OutboundState.DEAD);
        OutboundRecord inDoubt = finished("PO-22", OutboundState.IN_DOUBT);

        for (OutboundRecord r : List.of(failed, dead, inDoubt)) {
            OutboundCorrection result = corrections.correctOutbound(r.id(), OutboundFix.DISCARD, DECISION, t0,
                    a -> List.of(event("discarded " + a.before().state())));
            assertThat(result).isInstanceOf(OutboundCorrection.Applied.class);
            OutboundRecord after = state.findOutbound(r.id()).orElseThrow();
            assertThat(after.state()).isEqualTo(OutboundState.DISCARDED);
            assertThat(after.lastError()).as("why it failed stays visible").isEqualTo(r.lastError());
            assertThat(after.archived()).as("the next round moves its file out of failed/").isFalse();
        }
        assertThat(auditedReasons()).containsExactly("discarded FAILED", "discarded DEAD", "discarded IN_DOUBT");
        assertThat(state.unarchived(ORDERS)).extracting(OutboundRecord::id)
                .containsExactly(failed.id(), dead.id(), inDoubt.id());
        assertThat(state.claimNext(ORDERS, "n", t0, TTL)).as("never sent").isEmpty();
    }

    @Test
    void aDocumentSettledByAnOperatorKeepsItsLastErrorInItsStatus() {
        OutboundRecord sent = finished("PO-25", OutboundState.IN_DOUBT);
        OutboundRecord discarded = finished("PO-26", OutboundState.DEAD);
        corrections.correctOutbound(sent.id(), OutboundFix.RESOLVE_SENT, DECISION, t0, a -> List.of(event("s")));
        corrections.correctOutbound(discarded.id(), OutboundFix.DISCARD, DECISION, t0, a -> List.of(event("d")));

        assertThat(state.findOutbound(sent.id()).orElseThrow().status())
                .isEqualTo(new OutboundStatus.Sent(1, Optional.of("it went wrong")));
        assertThat(state.findOutbound(discarded.id()).orElseThrow().status())
                .isEqualTo(new OutboundStatus.Discarded(1, Optional.of("it went wrong")));
    }

    @Test
    void aDiscardedDocumentCannotBeDiscardedRetriedOrResolvedAgain() {
        OutboundRecord failed = finished("PO-23", OutboundState.FAILED);
        corrections.correctOutbound(failed.id(), OutboundFix.DISCARD, DECISION, t0, a -> List.of(event("gone")));
        OutboundRecord discarded = state.findOutbound(failed.id()).orElseThrow();
        OutboundRecord sent = finished("PO-24", OutboundState.SENT);

        for (OutboundFix fix : OutboundFix.values()) {
            assertThat(corrections.correctOutbound(failed.id(), fix, DECISION, t0, a -> List.of(event("no"))))
                    .isEqualTo(new OutboundCorrection.Refused(failed.id(),
                            fix.refusal(failed.id(), OutboundState.DISCARDED)));
        }
        assertThat(corrections.correctOutbound(sent.id(), OutboundFix.DISCARD, DECISION, t0,
                a -> List.of(event("no")))).isInstanceOf(OutboundCorrection.Refused.class);
        assertThat(state.findOutbound(failed.id()).orElseThrow()).isEqualTo(discarded);
        assertThat(auditedReasons()).containsExactly("gone");
    }

    @Test
    void aChangeForADiscardedOrderWaitsForACorrectedOrderAsForAFailedOne() {
        OutboundRecord order = finished("PO-25", OutboundState.FAILED);
        corrections.correctOutbound(order.id(), OutboundFix.DISCARD, DECISION, t0, a -> List.of(event("gone")));
        register("PO-25-change.xml", Documents.orderChange("PO-25", 2));

        assertThat(state.claimNext(ORDERS, "n", t0, TTL)).as("Jakamo does not have PO-25").isEmpty();
    }

    @Test
    void aCorrectionForAnotherStateOrAnUnknownDocumentIsRefusedAndWritesNothing() {
        OutboundRecord sent = finished("PO-4", OutboundState.SENT);

        OutboundCorrection wrongState = corrections.correctOutbound(sent.id(), OutboundFix.RETRY, DECISION, t0,
                a -> List.of(event("must not be written")));
        OutboundCorrection unknown = corrections.correctOutbound(999, OutboundFix.RESOLVE_SENT, DECISION, t0,
                a -> List.of(event("must not be written")));

        assertThat(wrongState).isEqualTo(new OutboundCorrection.Refused(sent.id(),
                OutboundFix.RETRY.refusal(sent.id(), OutboundState.SENT)));
        assertThat(unknown).isInstanceOf(OutboundCorrection.Refused.class);
        assertThat(state.findOutbound(sent.id()).orElseThrow()).isEqualTo(sent);
        assertThat(auditedReasons()).isEmpty();
    }

    private static final byte[] ONCE_UNREADABLE = Documents.orderResponse("PO-9", "S-1")
            .getBytes(StandardCharsets.UTF_8);

    private InboundRecord quarantined(int n) {
        DedupKey key = new DedupKey(Sha256.of(("q" + n).getBytes(StandardCharsets.UTF_8)).hex());
        InboundRecording r = inbound.recordQuarantined(new InboundReceipt(ORDERS, key, DocumentType.UNKNOWN,
                Optional.empty(), Sha256.of(ONCE_UNREADABLE), t0), heldLease(ORDERS), ONCE_UNREADABLE,
                "not well-formed XML");
        return ((InboundRecording.Recorded) r).record();
    }

    private Document document() {
        return reader.readDocument(ONCE_UNREADABLE);
    }

    @Test
    void aQuarantinedMessageIsRedeliveredWithItsEventAndNoLongerKeptAside() {
        InboundRecord q = quarantined(1);
        assertThat(corrections.quarantinedBytes(ORDERS, q.dedupKey())).hasValueSatisfying(
                b -> assertThat(b).isEqualTo(ONCE_UNREADABLE));

        InboundCorrection result = corrections.redeliverQuarantined(ORDERS, q.dedupKey(), Sha256.of(ONCE_UNREADABLE),
                document(), DECISION, t0, () -> "order-response-PO-9.xml", a -> List.of(event("redelivered "
                        + a.after().state())));

        assertThat(result).isInstanceOfSatisfying(InboundCorrection.Applied.class, a -> {
            assertThat(a.before().state()).isEqualTo(InboundState.QUARANTINED);
            assertThat(a.after().state()).isEqualTo(InboundState.DELIVERED);
            assertThat(a.after().deliveredAs()).contains("order-response-PO-9.xml");
            assertThat(a.after().type()).isEqualTo(DocumentType.ORDER_RESPONSE);
            assertThat(a.after().businessKey()).contains(new BusinessKey("PO-9"));
            assertThat(inbound.findInbound(ORDERS, q.dedupKey())).contains(a.after());
        });
        assertThat(corrections.quarantinedBytes(ORDERS, q.dedupKey())).isEmpty();
        assertThat(auditedReasons()).containsExactly("redelivered DELIVERED");
    }

    @Test
    void aMessageNotQuarantinedOrWithOtherBytesIsRefusedAndNothingIsStaged() {
        InboundRecord q = quarantined(2);
        AtomicInteger staged = new AtomicInteger();

        InboundCorrection otherBytes = corrections.redeliverQuarantined(ORDERS, q.dedupKey(),
                Sha256.of("other".getBytes(StandardCharsets.UTF_8)), document(), DECISION, t0,
                () -> "x" + staged.incrementAndGet(), a -> List.of(event("must not be written")));
        InboundCorrection unknown = corrections.redeliverQuarantined(ORDERS, new DedupKey(Sha256.of(
                "nope".getBytes(StandardCharsets.UTF_8)).hex()), Sha256.of(ONCE_UNREADABLE), document(), DECISION, t0,
                () -> "x" + staged.incrementAndGet(), a -> List.of(event("must not be written")));

        assertThat(otherBytes).isInstanceOf(InboundCorrection.Refused.class);
        assertThat(unknown).isInstanceOf(InboundCorrection.Refused.class);
        assertThat(staged).hasValue(0);
        assertThat(inbound.findInbound(ORDERS, q.dedupKey())).contains(q);
        assertThat(auditedReasons()).isEmpty();
    }

    @Test
    void whenTheRedeliveryCannotBeAuditedTheMessageStaysQuarantined() {
        InboundRecord q = quarantined(3);
        breakAuditTrail();

        assertThatThrownBy(() -> corrections.redeliverQuarantined(ORDERS, q.dedupKey(), Sha256.of(ONCE_UNREADABLE),
                document(), DECISION, t0, () -> "x.xml", a -> List.of(event("redelivered"))))
                .isInstanceOf(StateStoreException.class);

        assertThat(inbound.findInbound(ORDERS, q.dedupKey())).contains(q);
        assertThat(corrections.quarantinedBytes(ORDERS, q.dedupKey())).isPresent();
    }

    private InboundRecord quarantinedAndCleared(int n) {
        InboundRecord q = quarantined(n);
        inbound.recordAcknowledged(ORDERS, q.dedupKey(), t0, List.of());
        return inbound.findInbound(ORDERS, q.dedupKey()).orElseThrow();
    }

    @Test
    void aDiscardSetsAClearedQuarantinedMessageAsideForGoodWithItsEvent() {
        InboundRecord q = quarantinedAndCleared(4);
        assertThat(q.state()).isEqualTo(InboundState.QUARANTINED_ACKNOWLEDGED);

        InboundCorrection result = corrections.discardQuarantined(ORDERS, q.dedupKey(), DECISION, t0,
                a -> List.of(event("discarded " + a.before().state())));

        assertThat(result).isInstanceOfSatisfying(InboundCorrection.Applied.class, a -> {
            assertThat(a.before()).isEqualTo(q);
            assertThat(a.after().state()).isEqualTo(InboundState.DISCARDED);
            assertThat(a.after().quarantineReason()).as("why it was set aside stays visible")
                    .isEqualTo(q.quarantineReason());
            assertThat(inbound.findInbound(ORDERS, q.dedupKey())).contains(a.after());
        });
        assertThat(corrections.quarantinedBytes(ORDERS, q.dedupKey())).isEmpty();
        assertThat(auditedReasons()).containsExactly("discarded QUARANTINED_ACKNOWLEDGED");
        assertThat(corrections.discardQuarantined(ORDERS, q.dedupKey(), DECISION, t0, a -> List.of(event("no"))))
                .as("for good: not discarded twice").isInstanceOf(InboundCorrection.Refused.class);
        assertThat(corrections.redeliverQuarantined(ORDERS, q.dedupKey(), Sha256.of(ONCE_UNREADABLE), document(),
                DECISION, t0, () -> "x.xml", a -> List.of(event("no"))))
                .as("nor redelivered").isInstanceOf(InboundCorrection.Refused.class);
        assertThat(auditedReasons()).hasSize(1);
    }

    @Test
    void aMessageStillAtTheQueuesHeadOrUnknownIsNotDiscarded() {
        InboundRecord q = quarantined(5);

        InboundCorrection atHead = corrections.discardQuarantined(ORDERS, q.dedupKey(), DECISION, t0,
                a -> List.of(event("must not be written")));
        InboundCorrection unknown = corrections.discardQuarantined(ORDERS, new DedupKey(Sha256.of(
                "nope".getBytes(StandardCharsets.UTF_8)).hex()), DECISION, t0,
                a -> List.of(event("must not be written")));

        assertThat(atHead).isInstanceOfSatisfying(InboundCorrection.Refused.class,
                r -> assertThat(r.reason()).contains("still at the head of Jakamo's queue"));
        assertThat(unknown).isInstanceOf(InboundCorrection.Refused.class);
        assertThat(inbound.findInbound(ORDERS, q.dedupKey())).contains(q);
        assertThat(corrections.quarantinedBytes(ORDERS, q.dedupKey())).isPresent();
        assertThat(auditedReasons()).isEmpty();
    }

    @Test
    void whenTheDiscardCannotBeAuditedTheMessageStaysQuarantined() {
        InboundRecord q = quarantinedAndCleared(6);
        breakAuditTrail();

        assertThatThrownBy(() -> corrections.discardQuarantined(ORDERS, q.dedupKey(), DECISION, t0,
                a -> List.of(event("discarded")))).isInstanceOf(StateStoreException.class);

        assertThat(inbound.findInbound(ORDERS, q.dedupKey())).contains(q);
        assertThat(corrections.quarantinedBytes(ORDERS, q.dedupKey())).isPresent();
    }

    @Test
    void aDocumentRefusedBeforeSendingIsNotRetriedButSentBackToTheErp() {
        Document d = reader.readDocument(Documents.order("PO-6").getBytes(StandardCharsets.UTF_8));
        OutboundRecord refused = ((OutboundRegistration.Registered) state.registerOutbound(ORDERS,
                new OutgoingDocument(new ErpDocumentRef("po-6.xml"), d, "po-6.xml"), Optional.of("a copy of po-5.xml"),
                t0)).record();

        OutboundCorrection result = corrections.correctOutbound(refused.id(), OutboundFix.RETRY, DECISION, t0,
                a -> List.of(event("must not be written")));

        assertThat(result).isInstanceOfSatisfying(OutboundCorrection.Refused.class, r -> assertThat(r.reason())
                .contains("refused by the connector before it was sent (a copy of po-5.xml)")
                .contains("drop it into to_jakamo again"));
        assertThat(state.findOutbound(refused.id()).orElseThrow()).isEqualTo(refused);
        assertThat(auditedReasons()).isEmpty();
    }

    private OutboundRecord refusedLocally(String file, String xml) {
        Document d = reader.readDocument(xml.getBytes(StandardCharsets.UTF_8));
        return ((OutboundRegistration.Registered) state.registerOutbound(ORDERS, new OutgoingDocument(
                new ErpDocumentRef(file), d, file), Optional.of("refused locally"), t0)).record();
    }

    @Test
    void aLocalRefusalRetriedWithItsCorrectedFileTakesTheCorrectedContentWithItsEvent() {
        OutboundRecord refused = refusedLocally("po-30.xml", Documents.order("PO-30"));
        Document corrected = reader.readDocument((Documents.order("PO-30") + "\n").getBytes(StandardCharsets.UTF_8));

        OutboundCorrection result = corrections.retryCorrected(refused.id(), refused.sha256(), corrected, DECISION,
                t0, a -> List.of(event("corrected " + a.after().sha256().shortForm())));

        assertThat(result).isInstanceOfSatisfying(OutboundCorrection.Applied.class, a -> {
            assertThat(a.before()).isEqualTo(refused);
            assertThat(a.after().state()).isEqualTo(OutboundState.PENDING);
            assertThat(a.after().sha256()).isEqualTo(corrected.sha256());
            assertThat(a.after().lastError()).isEmpty();
            assertThat(state.findOutbound(refused.id())).contains(a.after());
        });
        assertThat(auditedReasons()).containsExactly("corrected " + corrected.sha256().shortForm());
        assertThat(state.claimNext(ORDERS, "n", t0, TTL)).hasValueSatisfying(w -> {
            assertThat(w.record().id()).isEqualTo(refused.id());
            assertThat(w.document().document().bytes()).as("the corrected bytes are sent")
                    .isEqualTo(corrected.bytes());
        });
    }

    @Test
    void aCorrectedFileIsRefusedWhenTheDocumentChangedMeanwhileOrAnotherHasItsContent() {
        OutboundRecord refused = refusedLocally("po-31.xml", Documents.order("PO-31"));
        OutboundRecord other = register("po-32.xml", Documents.order("PO-32"));
        Document same = reader.readDocument(Documents.order("PO-32").getBytes(StandardCharsets.UTF_8));
        Document corrected = reader.readDocument((Documents.order("PO-31") + "\n").getBytes(StandardCharsets.UTF_8));

        OutboundCorrection duplicate = corrections.retryCorrected(refused.id(), refused.sha256(), same, DECISION, t0,
                a -> List.of(event("must not be written")));
        OutboundCorrection stale = corrections.retryCorrected(refused.id(), other.sha256(), corrected, DECISION, t0,
                a -> List.of(event("must not be written")));
        OutboundCorrection notLocal = corrections.retryCorrected(other.id(), other.sha256(), corrected, DECISION, t0,
                a -> List.of(event("must not be written")));

        assertThat(duplicate).isInstanceOfSatisfying(OutboundCorrection.Refused.class,
                r -> assertThat(r.reason()).contains("identical to document " + other.id()));
        assertThat(stale).isInstanceOf(OutboundCorrection.Refused.class);
        assertThat(notLocal).isInstanceOf(OutboundCorrection.Refused.class);
        assertThat(state.findOutbound(refused.id())).contains(refused);
        assertThat(auditedReasons()).isEmpty();
    }

    @Test
    void whenACorrectedFilesRetryCannotBeAuditedTheDocumentStaysAsItWas() {
        OutboundRecord refused = refusedLocally("po-33.xml", Documents.order("PO-33"));
        Document corrected = reader.readDocument((Documents.order("PO-33") + "\n").getBytes(StandardCharsets.UTF_8));
        breakAuditTrail();

        assertThatThrownBy(() -> corrections.retryCorrected(refused.id(), refused.sha256(), corrected, DECISION, t0,
                a -> List.of(event("retried")))).isInstanceOf(StateStoreException.class);

        assertThat(state.findOutbound(refused.id())).contains(refused);
    }

    @Test
    void whenTheAuditEventCannotBeWrittenTheDocumentStaysAsItWas() {
        OutboundRecord inDoubt = finished("PO-5", OutboundState.IN_DOUBT);
        breakAuditTrail();

        assertThatThrownBy(() -> corrections.correctOutbound(inDoubt.id(), OutboundFix.RESOLVE_SENT, DECISION, t0,
                a -> List.of(event("resolved")))).isInstanceOf(StateStoreException.class);

        assertThat(state.findOutbound(inDoubt.id()).orElseThrow()).isEqualTo(inDoubt);
    }
}
