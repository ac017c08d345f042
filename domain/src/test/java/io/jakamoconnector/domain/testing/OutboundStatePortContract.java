package io.jakamoconnector.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ConfirmUrl;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.sync.AttemptEnd;
import io.jakamoconnector.domain.model.sync.ClaimedWrite;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundReceipt;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundRegistration;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.model.sync.OutboundStatus;
import io.jakamoconnector.domain.model.sync.OutboundWork;
import io.jakamoconnector.domain.port.out.InboundStatePort;
import io.jakamoconnector.domain.port.out.OutboundStatePort;
import io.jakamoconnector.domain.port.out.QueueLease;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link OutboundStatePort} must do; run against the in-memory fake and the real database alike.
 * Implementations give a fresh, empty store per test, and its inbound side to record the messages the sender reads.
 */
public abstract class OutboundStatePortContract {
    protected static final IntegrationName ORDERS = new IntegrationName("orders");
    protected static final IntegrationName CLAIMS = new IntegrationName("claims");
    private final Instant t0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(5);
    private final DocumentReader reader = new DocumentReader();
    private OutboundStatePort state;
    private InboundStatePort inbound;

    /** A fresh, empty store. */
    protected abstract OutboundStatePort newOutboundState();

    /** The inbound side of the store {@link #newOutboundState()} made last, to record what was received. */
    protected abstract InboundStatePort inboundOfSameStore();

    /** A lease on {@code integration}'s queue that the store accepts; repeated calls may return the same lease. */
    protected abstract QueueLease heldLease(IntegrationName integration);

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
        state = newOutboundState();
        inbound = inboundOfSameStore();
    }

    protected OutboundStatePort state() {
        return state;
    }

    private OutgoingDocument outgoing(String file, String xml) {
        Document d = reader.readDocument(xml.getBytes(StandardCharsets.UTF_8));
        return new OutgoingDocument(new ErpDocumentRef(file), d, file);
    }

    private OutboundRecord register(String file, String xml) {
        OutboundRegistration r = state.registerOutbound(ORDERS, outgoing(file, xml), Optional.empty(), t0);
        assertThat(r).isInstanceOf(OutboundRegistration.Registered.class);
        return ((OutboundRegistration.Registered) r).record();
    }

    // ---- what was received for an order ----


    private static InboundReceipt salesOrder(IntegrationName integration, int n, DocumentType type, String order,
                                             Instant at, String confirmUrl) {
        return new InboundReceipt(integration, key(n), type, Optional.of(new BusinessKey(order)),
                Sha256.of(("so" + n).getBytes(StandardCharsets.UTF_8)), at,
                Optional.ofNullable(confirmUrl).map(ConfirmUrl::new));
    }

    @Test
    void theLatestOrderMessageIsTheLastOrderOrChangeReceivedForThatOrderOnThatIntegration() {
        QueueLease lease = heldLease(ORDERS);
        assertThat(state.latestOrderMessage(ORDERS, new BusinessKey("CUST-2"))).isEmpty();
        inbound.recordDelivered(salesOrder(ORDERS, 30, DocumentType.ORDER, "CUST-2", t0, "https://j.test/o"), lease,
                () -> "a.xml");
        inbound.recordDelivered(salesOrder(ORDERS, 31, DocumentType.ORDER_CHANGE, "CUST-2", t0.plusSeconds(60),
                "https://j.test/c1"), lease, () -> "b.xml");
        // received earlier though recorded later (another instance's clock): time received decides
        inbound.recordDelivered(salesOrder(ORDERS, 32, DocumentType.ORDER_CHANGE, "CUST-2", t0.plusSeconds(30),
                "https://j.test/older"), lease, () -> "c.xml");
        // not candidates: another order, another type, another integration, a quarantined message
        inbound.recordDelivered(salesOrder(ORDERS, 33, DocumentType.ORDER_CHANGE, "CUST-3", t0.plusSeconds(90),
                "https://j.test/other-order"), lease, () -> "d.xml");
        inbound.recordDelivered(salesOrder(ORDERS, 34, DocumentType.ORDER_RESPONSE, "CUST-2", t0.plusSeconds(90),
                null), lease, () -> "e.xml");
        inbound.recordDelivered(salesOrder(CLAIMS, 35, DocumentType.ORDER_CHANGE, "CUST-2", t0.plusSeconds(90),
                "https://j.test/other-integration"), heldLease(CLAIMS), () -> "f.xml");
        inbound.recordQuarantined(salesOrder(ORDERS, 36, DocumentType.ORDER_CHANGE, "CUST-2", t0.plusSeconds(90),
                "https://j.test/quarantined"), lease, new byte[] {1}, "unreadable");

        var latest = state.latestOrderMessage(ORDERS, new BusinessKey("CUST-2")).orElseThrow();
        assertThat(latest.dedupKey()).isEqualTo(key(31));
        assertThat(latest.confirmUrl()).contains(new ConfirmUrl("https://j.test/c1"));

        inbound.recordAcknowledged(ORDERS, key(31), t0.plusSeconds(61));
        inbound.recordDelivered(salesOrder(ORDERS, 37, DocumentType.ORDER_CHANGE, "CUST-2", t0.plusSeconds(60),
                null), lease, () -> "g.xml");
        assertThat(state.latestOrderMessage(ORDERS, new BusinessKey("CUST-2")).orElseThrow().dedupKey())
                .as("same time received: the one recorded last, even without a URL").isEqualTo(key(37));
    }

    @Test
    void theFirstMessageReceivedForAnOrderSinceATimeIsFoundOnItsIntegrationOnly() {
        QueueLease lease = heldLease(ORDERS);
        inbound.recordDelivered(salesOrder(ORDERS, 40, DocumentType.ORDER_RESPONSE, "PO-40", t0.minusSeconds(10),
                null), lease, () -> "before.xml");
        assertThat(state.firstReceivedFor(ORDERS, new BusinessKey("PO-40"), t0)).as("received before").isEmpty();
        inbound.recordDelivered(salesOrder(ORDERS, 42, DocumentType.ORDER_RESPONSE, "PO-40", t0.plusSeconds(20),
                null), lease, () -> "later.xml");
        inbound.recordDelivered(salesOrder(ORDERS, 41, DocumentType.ORDER_RESPONSE, "PO-40", t0.plusSeconds(10),
                null), lease, () -> "first.xml");
        inbound.recordDelivered(salesOrder(CLAIMS, 43, DocumentType.ORDER_RESPONSE, "PO-40", t0.plusSeconds(5),
                null), heldLease(CLAIMS), () -> "other-integration.xml");

        assertThat(state.firstReceivedFor(ORDERS, new BusinessKey("PO-40"), t0)).map(InboundRecord::dedupKey)
                .contains(key(41));
        assertThat(state.firstReceivedFor(ORDERS, new BusinessKey("PO-99"), t0)).isEmpty();
    }

    @Test
    void anAbandonedRepeatableSendGoesBackToPendingInsteadOfInDoubt() {
        OutboundRecord confirm = register("confirm.xml", Documents.confirmAllChanges("CUST-4", "1"));
        OutboundRecord order = register("po-a.xml", Documents.order("PO-A"));
        state.claimNext(ORDERS, "dead-node", t0, TTL).orElseThrow();
        state.markSending(confirm.id(), "dead-node", t0);
        state.claimNext(ORDERS, "dead-node", t0, TTL).orElseThrow();
        state.markSending(order.id(), "dead-node", t0);

        List<OutboundRecord> expired = state.expireAbandonedSends(ORDERS, t0.plus(TTL).plusSeconds(1), TTL);

        assertThat(expired).extracting(OutboundRecord::id, OutboundRecord::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(confirm.id(), OutboundState.PENDING),
                org.assertj.core.groups.Tuple.tuple(order.id(), OutboundState.IN_DOUBT));
        OutboundRecord again = state.findOutbound(confirm.id()).orElseThrow();
        assertThat(again.attempts()).isEqualTo(1);
        assertThat(again.claimedBy()).isEmpty();
        assertThat(state.claimNext(ORDERS, "n", t0.plus(TTL).plusSeconds(2), TTL)).map(w -> w.record().id())
                .as("due at once, for any sender").contains(confirm.id());
    }

    // ---- outbound ----

    @Test
    void keepsTheValidationWarningsADocumentWasRegisteredWith() {
        Document d = reader.readDocument(Documents.order("PO-W").getBytes(StandardCharsets.UTF_8));
        List<String> warnings = List.of("WARNING [unit-code] line 9, column 40, /Order/cbc:Quantity: expected C62",
                "WARNING [namespace] line 2, column 5, /Order: expected xmlns");
        OutboundRegistration r = state.registerOutbound(ORDERS, new OutgoingDocument(new ErpDocumentRef("w.xml"), d,
                "w.xml", warnings), Optional.empty(), t0);
        long id = ((OutboundRegistration.Registered) r).record().id();

        assertThat(((OutboundRegistration.Registered) r).record().warnings()).isEqualTo(warnings);
        assertThat(state.findOutbound(id).orElseThrow().warnings()).isEqualTo(warnings);
        assertThat(register("plain.xml", Documents.order("PO-X")).warnings()).isEmpty();
    }

    @Test
    void registersEachDocumentOncePerIntegrationBySha256() {
        OutboundRecord first = register("po-1.xml", Documents.order("PO-1"));
        OutboundRegistration again = state.registerOutbound(ORDERS, outgoing("copy-of-po-1.xml",
                Documents.order("PO-1")), Optional.empty(), t0);
        OutboundRegistration elsewhere = state.registerOutbound(CLAIMS, outgoing("po-1.xml",
                Documents.order("PO-1")), Optional.empty(), t0);

        assertThat(again).isInstanceOf(OutboundRegistration.AlreadyRegistered.class);
        assertThat(((OutboundRegistration.AlreadyRegistered) again).record().id()).isEqualTo(first.id());
        assertThat(((OutboundRegistration.AlreadyRegistered) again).record().ref().value()).isEqualTo("po-1.xml");
        assertThat(elsewhere).isInstanceOf(OutboundRegistration.Registered.class);
        assertThat(first.state()).isEqualTo(OutboundState.PENDING);
        assertThat(first.type()).isEqualTo(DocumentType.ORDER);
        assertThat(first.businessKey()).contains(new BusinessKey("PO-1"));
    }

    @Test
    void theSameAttachmentBytesForTwoOrdersAreTwoDocumentsAndForOneOrderOne() {
        byte[] pdf = "%PDF-1.4 the same terms sheet".getBytes(StandardCharsets.UTF_8);
        OutboundRegistration forFirst = state.registerOutbound(ORDERS, attachment("PO-001_terms.pdf", "PO-001", pdf),
                Optional.empty(), t0);
        OutboundRegistration forSecond = state.registerOutbound(ORDERS, attachment("PO-002_terms.pdf", "PO-002", pdf),
                Optional.empty(), t0);
        OutboundRegistration againForFirst = state.registerOutbound(ORDERS,
                attachment("copy_terms.pdf", "PO-001", pdf), Optional.empty(), t0);

        assertThat(forFirst).isInstanceOf(OutboundRegistration.Registered.class);
        assertThat(forSecond).as("the same file for another order is another upload")
                .isInstanceOf(OutboundRegistration.Registered.class);
        OutboundRecord first = ((OutboundRegistration.Registered) forFirst).record();
        assertThat(((OutboundRegistration.Registered) forSecond).record().id()).isNotEqualTo(first.id());
        assertThat(againForFirst).isInstanceOf(OutboundRegistration.AlreadyRegistered.class);
        OutboundRecord earlier = ((OutboundRegistration.AlreadyRegistered) againForFirst).record();
        assertThat(earlier.id()).as("the record for the same order, not the other one").isEqualTo(first.id());
        assertThat(earlier.businessKey()).contains(new BusinessKey("PO-001"));
        assertThat(earlier.ref().value()).isEqualTo("attachments/PO-001_terms.pdf");
    }

    @Test
    void anAttachmentThatNamesNoOrderIsRecordedOnceAndItsCorrectedCopyIsANewDocument() {
        byte[] pdf = "%PDF-1.4 a drawing".getBytes(StandardCharsets.UTF_8);
        OutboundRegistration refused = state.registerOutbound(ORDERS, attachment("drawing.pdf", null, pdf),
                Optional.of("names no order"), t0);
        OutboundRegistration again = state.registerOutbound(ORDERS, attachment("drawing-copy.pdf", null, pdf),
                Optional.of("names no order"), t0);
        OutboundRegistration renamed = state.registerOutbound(ORDERS, attachment("PO-3_drawing.pdf", "PO-3", pdf),
                Optional.empty(), t0);

        assertThat(refused).isInstanceOf(OutboundRegistration.Registered.class);
        assertThat(again).isInstanceOf(OutboundRegistration.AlreadyRegistered.class);
        assertThat(renamed).isInstanceOf(OutboundRegistration.Registered.class);
    }

    private static OutgoingDocument attachment(String file, String order, byte[] bytes) {
        Document d = new Document(DocumentType.ATTACHMENT, order == null ? null : new BusinessKey(order), bytes);
        return new OutgoingDocument(new ErpDocumentRef("attachments/" + file), d, file);
    }

    @Test
    void aClaimReturnsTheExactBytesAndHoldsUntilItExpires() {
        OutboundRecord r = register("po-2.xml", Documents.order("PO-2"));
        OutboundWork work = state.claimNext(ORDERS, "node-a", t0, TTL).orElseThrow();
        assertThat(work.record().id()).isEqualTo(r.id());
        assertThat(work.document().document().bytes()).isEqualTo(Documents.order("PO-2").getBytes(StandardCharsets.UTF_8));
        assertThat(work.document().fileName()).isEqualTo("po-2.xml");

        assertThat(state.claimNext(ORDERS, "node-b", t0.plusSeconds(60), TTL)).isEmpty();
        assertThat(state.claimNext(ORDERS, "node-b", t0.plus(TTL).plusSeconds(1), TTL))
                .map(w -> w.record().id()).contains(r.id());
    }

    @Test
    void aSenderThatClaimsAgainRetakesItsOwnUnsentClaimAtOnceWhileOthersWaitForTheTtl() {
        // the database went away between the claim and markSending: the sender's next round must not wait claimTtl
        OutboundRecord order = register("po-lost.xml", Documents.order("PO-LOST"));
        OutboundRecord later = register("po-later.xml", Documents.order("PO-LATER"));
        assertThat(state.claimNext(ORDERS, "n-1", t0, TTL)).map(w -> w.record().id()).contains(order.id());

        assertThat(state.claimNext(ORDERS, "n-2", t0.plusSeconds(5), TTL)).as("another sender passes it by")
                .map(w -> w.record().id()).contains(later.id());
        assertThat(state.claimNext(ORDERS, "n-1", t0.plusSeconds(5), TTL)).as("its own sender takes it again")
                .map(w -> w.record().id()).contains(order.id());
        state.markSending(order.id(), "n-1", t0.plusSeconds(5));
        assertThat(state.claimNext(ORDERS, "n-1", t0.plusSeconds(6), TTL))
                .as("a document SENDING is never retaken (and PO-LATER is n-2's)").isEmpty();
        state.recordOutcome(order.id(), "n-1", new AttemptEnd.Sent(), t0.plusSeconds(6));
        assertThat(state.findOutbound(order.id()).orElseThrow().attempts()).as("one attempt, not two").isEqualTo(1);
    }

    @Test
    void aChangeWaitsUntilItsOrderWasSentButOtherOrdersDoNot() {
        OutboundRecord order = register("po-3.xml", Documents.order("PO-3"));
        OutboundRecord change = register("po-3-change.xml", Documents.orderChange("PO-3", 1));
        OutboundRecord other = register("po-4.xml", Documents.order("PO-4"));

        OutboundWork first = state.claimNext(ORDERS, "n", t0, TTL).orElseThrow();
        assertThat(first.record().id()).isEqualTo(order.id());
        OutboundWork second = state.claimNext(ORDERS, "n2", t0, TTL).orElseThrow();
        assertThat(second.record().id()).as("the change must wait for PO-3").isEqualTo(other.id());
        assertThat(state.claimNext(ORDERS, "n3", t0, TTL)).isEmpty();

        state.markSending(order.id(), "n", t0);
        state.recordOutcome(order.id(), "n", new AttemptEnd.Sent(), t0);
        assertThat(state.claimNext(ORDERS, "n", t0, TTL)).map(w -> w.record().id()).contains(change.id());
    }

    @Test
    void aChangeRecordedBeforeItsOrderStillWaitsForTheOrder() {
        OutboundRecord change = register("change-first.xml", Documents.orderChange("PO-9", 1));
        OutboundRecord status = register("status.xml", Documents.statusMessage("PO-9", "Received"));
        OutboundRecord order = register("order-later.xml", Documents.order("PO-9"));

        OutboundWork first = state.claimNext(ORDERS, "n", t0, TTL).orElseThrow();
        assertThat(first.record().id()).isEqualTo(order.id());
        assertThat(state.claimNext(ORDERS, "n2", t0, TTL)).isEmpty();
        state.markSending(order.id(), "n", t0);
        state.recordOutcome(order.id(), "n", new AttemptEnd.Sent(), t0);

        OutboundWork second = state.claimNext(ORDERS, "n", t0, TTL).orElseThrow();
        assertThat(second.record().id()).as("then in the order recorded").isEqualTo(change.id());
        assertThat(state.claimNext(ORDERS, "n2", t0, TTL)).as("the status message waits for the change").isEmpty();
        state.markSending(change.id(), "n", t0);
        state.recordOutcome(change.id(), "n", new AttemptEnd.Sent(), t0);
        assertThat(state.claimNext(ORDERS, "n", t0, TTL)).map(w -> w.record().id()).contains(status.id());
    }

    private void finish(OutboundRecord r, OutboundState state, String error) {
        assertThat(this.state.claimNext(ORDERS, "n", t0, TTL)).map(w -> w.record().id()).contains(r.id());
        this.state.markSending(r.id(), "n", t0);
        this.state.recordOutcome(r.id(), "n", AttemptEnds.leaving(state, error), t0);
    }

    @ParameterizedTest
    @EnumSource(value = OutboundState.class, names = {"FAILED", "DEAD"})
    void anOrderThatCannotGoHoldsBackItsChangesUntilACorrectedOrderWasSentButNotTheCorrectedOrder(
            OutboundState outcome) {
        OutboundRecord refused = register("po-7.xml", Documents.order("PO-7"));
        finish(refused, outcome, "Jakamo said no");
        OutboundRecord change = register("po-7-change.xml", Documents.orderChange("PO-7", 1));
        assertThat(state.claimNext(ORDERS, "n", t0, TTL)).as("a change to an Order Jakamo does not have waits")
                .isEmpty();

        OutboundRecord corrected = register("po-7-corrected.xml", Documents.order("PO-7")
                .replace("<cbc:Quantity unitCode=\"PCE\">10</cbc:Quantity>", "<cbc:Quantity unitCode=\"PCE\">11</cbc:Quantity>"));
        assertThat(corrected.id()).isNotEqualTo(refused.id());
        finish(corrected, OutboundState.SENT, null);
        assertThat(state.claimNext(ORDERS, "n", t0, TTL)).as("then the change goes").map(w -> w.record().id())
                .contains(change.id());
    }

    @Test
    void aRefusedChangeDoesNotHoldBackTheNextChange() {
        OutboundRecord order = register("po-8.xml", Documents.order("PO-8"));
        finish(order, OutboundState.SENT, null);
        OutboundRecord bad = register("po-8-change-1.xml", Documents.orderChange("PO-8", 1));
        finish(bad, OutboundState.FAILED, "Jakamo said no");
        OutboundRecord fixed = register("po-8-change-2.xml", Documents.orderChange("PO-8", 2));
        assertThat(state.claimNext(ORDERS, "n", t0, TTL)).map(w -> w.record().id()).contains(fixed.id());
    }

    @Test
    void aChangeInDoubtStillHoldsBackTheNextChange() {
        OutboundRecord order = register("po-10.xml", Documents.order("PO-10"));
        finish(order, OutboundState.SENT, null);
        OutboundRecord doubtful = register("po-10-change-1.xml", Documents.orderChange("PO-10", 1));
        state.claimNext(ORDERS, "n", t0, TTL).orElseThrow();
        state.markSending(doubtful.id(), "n", t0);
        state.expireAbandonedSends(ORDERS, t0.plus(TTL).plusSeconds(1), TTL);
        register("po-10-change-2.xml", Documents.orderChange("PO-10", 2));
        assertThat(state.claimNext(ORDERS, "n", t0.plus(TTL).plusSeconds(2), TTL))
                .as("Jakamo may have it: a person decides first").isEmpty();
    }

    @Test
    void theStatusOfAStoredDocumentIsItsStateTypeWithWhatItsRowKeeps() {
        OutboundRecord r = register("po-st.xml", Documents.order("PO-ST"));
        assertThat(state.findOutbound(r.id()).orElseThrow().status()).isEqualTo(OutboundStatus.Pending.fresh());
        state.claimNext(ORDERS, "n", t0, TTL).orElseThrow();
        assertThat(state.findOutbound(r.id()).orElseThrow().status()).as("claimed, not yet sending")
                .isEqualTo(OutboundStatus.Pending.fresh().claim("n"));
        state.markSending(r.id(), "n", t0);
        Instant next = t0.plusSeconds(60);
        state.recordOutcome(r.id(), "n", new AttemptEnd.RetryAt(next, "503"), t0);
        assertThat(state.findOutbound(r.id()).orElseThrow().status()).as("pending with its previous error")
                .isEqualTo(new OutboundStatus.Pending(1, Optional.of(next), Optional.empty(), Optional.of("503")));
        state.claimNext(ORDERS, "m", next, TTL).orElseThrow();
        state.markSending(r.id(), "m", next);
        assertThat(state.findOutbound(r.id()).orElseThrow().status()).as("sending, the previous error kept")
                .isEqualTo(new OutboundStatus.Sending("m", 2, Optional.of(next), Optional.of("503")));
        state.recordOutcome(r.id(), "m", new AttemptEnd.Refused("bad"), next);
        assertThat(state.findOutbound(r.id()).orElseThrow().status())
                .isEqualTo(new OutboundStatus.Refused(2, Optional.of("bad")));
        OutboundRegistration local = state.registerOutbound(ORDERS, outgoing("po-l.xml", Documents.order("PO-L")),
                Optional.of("unreadable"), t0);
        assertThat(((OutboundRegistration.Registered) local).record().status())
                .isEqualTo(new OutboundStatus.RefusedLocally(Optional.of("unreadable")));
    }

    @Test
    void aDeferredDocumentIsNotDueBeforeItsNextAttempt() {
        OutboundRecord r = register("po-5.xml", Documents.order("PO-5"));
        state.claimNext(ORDERS, "n", t0, TTL).orElseThrow();
        state.markSending(r.id(), "n", t0);
        Instant next = t0.plus(1, ChronoUnit.MINUTES);
        state.recordOutcome(r.id(), "n", new AttemptEnd.RetryAt(next, "503"), t0);

        OutboundRecord after = state.findOutbound(r.id()).orElseThrow();
        assertThat(after.attempts()).isEqualTo(1);
        assertThat(after.lastError()).contains("503");
        assertThat(state.claimNext(ORDERS, "n", next.minusSeconds(1), TTL)).isEmpty();
        assertThat(state.claimNext(ORDERS, "n", next, TTL)).isPresent();
    }

    @Test
    void anAbandonedSendBecomesInDoubtAndIsNeverClaimedAgain() {
        OutboundRecord r = register("po-6.xml", Documents.order("PO-6"));
        state.claimNext(ORDERS, "dead-node", t0, TTL).orElseThrow();
        state.markSending(r.id(), "dead-node", t0);

        assertThat(state.expireAbandonedSends(ORDERS, t0.plusSeconds(10), TTL)).isEmpty();
        List<OutboundRecord> expired = state.expireAbandonedSends(ORDERS, t0.plus(TTL).plusSeconds(1), TTL);
        assertThat(expired).extracting(OutboundRecord::id).containsExactly(r.id());
        assertThat(state.findOutbound(r.id()).orElseThrow().state()).isEqualTo(OutboundState.IN_DOUBT);
        assertThat(state.claimNext(ORDERS, "n", t0.plus(TTL.multipliedBy(3)), TTL)).isEmpty();
    }

    @Test
    void aLateOutcomeFromASenderWhoseClaimWasLostIsRefused() {
        OutboundRecord r = register("po-late.xml", Documents.order("PO-LATE"));
        state.claimNext(ORDERS, "paused", t0, TTL).orElseThrow();
        state.markSending(r.id(), "paused", t0);
        state.expireAbandonedSends(ORDERS, t0.plus(TTL).plusSeconds(1), TTL);

        assertThat(state.recordOutcome(r.id(), "paused", new AttemptEnd.Sent(), t0.plus(TTL).plusSeconds(2)))
                .isInstanceOfSatisfying(ClaimedWrite.ClaimLost.class,
                        lost -> assertThat(lost.why()).contains("paused"));
        assertThat(state.findOutbound(r.id()).orElseThrow().state()).isEqualTo(OutboundState.IN_DOUBT);
        assertThat(state.recordOutcome(r.id(), "someone-else", new AttemptEnd.Sent(), t0))
                .isInstanceOf(ClaimedWrite.ClaimLost.class);
    }

    @Test
    void finishedDocumentsAreListedUntilArchived() {
        OutboundRecord r = register("po-7.xml", Documents.order("PO-7"));
        state.claimNext(ORDERS, "n", t0, TTL).orElseThrow();
        state.markSending(r.id(), "n", t0);
        state.recordOutcome(r.id(), "n", new AttemptEnd.Sent(), t0);
        assertThat(state.unarchived(ORDERS)).extracting(OutboundRecord::id).containsExactly(r.id());

        state.markArchived(r.id(), t0);
        assertThat(state.unarchived(ORDERS)).isEmpty();
        assertThat(state.findOutbound(r.id()).orElseThrow().archived()).isTrue();
    }

    @Test
    void aRefusedDocumentIsRecordedAsFailedWithItsReason() {
        OutboundRegistration r = state.registerOutbound(ORDERS, outgoing("bad.xml", Documents.orderResponse("PO-8", "S")),
                Optional.of("not for this integration"), t0);
        OutboundRecord record = ((OutboundRegistration.Registered) r).record();
        assertThat(record.state()).isEqualTo(OutboundState.FAILED);
        assertThat(record.lastError()).contains("not for this integration");
        assertThat(state.claimNext(ORDERS, "n", t0, TTL)).isEmpty();
        assertThat(state.unarchived(ORDERS)).extracting(OutboundRecord::id).containsExactly(record.id());
    }

    @Test
    void concurrentSendersNeverClaimTheSameDocument() throws Exception {
        int documents = 60;
        for (int i = 0; i < documents; i++) {
            register("po-c" + i + ".xml", Documents.order("PO-C" + i));
        }
        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String claimant = "worker-" + w;
                workers.add(pool.submit(() -> {
                    Optional<OutboundWork> work;
                    while ((work = state.claimNext(ORDERS, claimant, t0, TTL)).isPresent()) {
                        long id = work.get().record().id();
                        claimed.add(id);
                        state.markSending(id, claimant, t0);
                        state.recordOutcome(id, claimant, new AttemptEnd.Sent(), t0);
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(claimed).hasSize(documents).doesNotHaveDuplicates();
    }

    // ---- audit events written with the state change ----

    @Test
    void eachStateChangeWritesItsAuditEventsInTheSameUnitOfWorkInTheOrderGiven() {
        OutboundRegistration registered = state.registerOutbound(ORDERS, outgoing("po-40.xml",
                Documents.order("PO-40")), Optional.empty(), t0,
                record -> List.of(audit("picked up as " + record.id())));
        long id = ((OutboundRegistration.Registered) registered).record().id();
        state.claimNext(ORDERS, "n", t0, TTL).orElseThrow();
        state.markSending(id, "n", t0, List.of(audit("claimed " + id)));
        state.recordOutcome(id, "n", new AttemptEnd.Sent(), t0, List.of(audit("sent " + id)));
        state.markArchived(id, t0, List.of(audit("archived " + id)));

        assertThat(auditedReasons()).containsExactly("picked up as " + id, "claimed " + id, "sent " + id,
                "archived " + id);
    }

    @Test
    void aChangeThatIsRefusedOrFindsTheDocumentKnownWritesNoneOfItsEvents() {
        OutboundRecord r = register("po-41.xml", Documents.order("PO-41"));
        state.registerOutbound(ORDERS, outgoing("po-41.xml", Documents.order("PO-41")), Optional.empty(),
                t0, record -> List.of(audit("registered again")));
        assertThat(state.markSending(r.id(), "unclaimed", t0, List.of(audit("not claimed"))))
                .isInstanceOf(ClaimedWrite.ClaimLost.class);
        state.claimNext(ORDERS, "paused", t0, TTL).orElseThrow();
        state.markSending(r.id(), "paused", t0, List.of(audit("claimed 41")));
        state.expireAbandonedSends(ORDERS, t0.plus(TTL).plusSeconds(1), TTL);
        assertThat(state.recordOutcome(r.id(), "paused", new AttemptEnd.Sent(), t0.plus(TTL).plusSeconds(2),
                List.of(audit("late outcome")))).isInstanceOf(ClaimedWrite.ClaimLost.class);

        assertThat(auditedReasons()).containsExactly("claimed 41");
    }
}
