package io.jakamoconnector.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.exchange.ConfirmUrl;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.MessageHeaders;
import io.jakamoconnector.domain.model.exchange.SendOutcome;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsCommand;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesCommand;
import io.jakamoconnector.domain.port.in.SendOutboundDocumentsCommand;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.testing.CrashPoints;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.domain.testing.InMemoryAuditTrail;
import io.jakamoconnector.domain.testing.InMemoryErpInbox;
import io.jakamoconnector.domain.testing.InMemoryErpOutbox;
import io.jakamoconnector.domain.testing.InMemoryInboundQueue;
import io.jakamoconnector.domain.testing.InMemoryOutboundExchange;
import io.jakamoconnector.domain.testing.InMemoryQueueLeases;
import io.jakamoconnector.domain.testing.InMemorySyncState;
import io.jakamoconnector.domain.testing.MutableClock;
import io.jakamoconnector.domain.testing.SimulatedCrash;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sales-order round trip in the core: the customer's Order and OrderChange come in with their confirmation URLs,
 * the supplier's ERP answers one with an OrderResponse and accepts the other's changes with a ConfirmAllChanges
 * instruction, which goes to the confirmation URL of the last message received for that order.
 */
class ConfirmAllChangesTest {
    private static final IntegrationName SALES = new IntegrationName("sales");
    private static final OutboundPolicy POLICY = OutboundFixture.POLICY;
    private final CrashPoints crashes = new CrashPoints();
    private final MutableClock clock = MutableClock.at("2026-11-29T10:00:00Z");
    private final InMemoryInboundQueue queue = new InMemoryInboundQueue(crashes);
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    private final InMemorySyncState state = new InMemorySyncState(crashes, audit);
    private final InMemoryErpInbox inbox = new InMemoryErpInbox(crashes);
    private final InMemoryErpOutbox outbox = new InMemoryErpOutbox(crashes);
    private final InMemoryOutboundExchange jakamo = new InMemoryOutboundExchange(crashes);
    private final QueueLease lease = new InMemoryQueueLeases().tryAcquire(SALES, "node-1").orElseThrow();

    private AuditWriter writer() {
        return new AuditWriter(audit, clock, "node-1");
    }

    private void receive() {
        new ReceiveInboundMessagesService(queue, state, inbox, new DocumentReader(), writer(), clock)
                .receive(new ReceiveInboundMessagesCommand(SALES, lease, 100));
        clock.advance(Duration.ofSeconds(1));
    }

    private void pickUp(IntegrationKind kind) {
        new PickUpErpDocumentsService(outbox, state, new DocumentReader(), writer(), clock)
                .pickUp(new PickUpErpDocumentsCommand(SALES, kind, 100));
    }

    private void send() {
        new SendOutboundDocumentsService(state, jakamo, outbox, writer(), clock, POLICY)
                .send(new SendOutboundDocumentsCommand(SALES, "node-1/sender", 100));
    }

    private void cycle() {
        pickUp(IntegrationKind.SALES_ORDERS);
        send();
        receive();
    }

    private static ConfirmUrl urlOf(io.jakamoconnector.domain.model.exchange.InboundMessage message) {
        return new ConfirmUrl(message.headers().get(MessageHeaders.CONFIRM_URL).orElseThrow());
    }

    private OutboundRecord instruction() {
        return state.outbound().stream().filter(r -> r.type() == DocumentType.CONFIRM_ALL_CHANGES).findFirst()
                .orElseThrow();
    }

    @Test
    void acceptsTheChangesAtTheConfirmationUrlOfTheLastMessageForThatOrder() {
        queue.enqueueSalesOrder(SALES, Documents.order("CUST-1"), "CUST-1");
        var change = queue.enqueueSalesOrder(SALES, Documents.orderChange("CUST-1", 1), "CUST-1");
        queue.enqueueSalesOrder(SALES, Documents.orderChange("CUST-2", 1), "CUST-2");
        receive();
        assertThat(state.inbound()).extracting(r -> r.confirmUrl().isPresent()).containsOnly(true);

        String response = Documents.orderResponse("CUST-1", "SO-1");
        outbox.drop(SALES, "response.xml", response);
        ErpDocumentRef ref = outbox.drop(SALES, "confirm.xml", Documents.confirmAllChanges("CUST-1", "ERP-1"));
        cycle();

        assertThat(jakamo.received()).singleElement().satisfies(d -> assertThat(d.document().bytes())
                .isEqualTo(response.getBytes(StandardCharsets.UTF_8)));
        assertThat(jakamo.confirmations()).singleElement().satisfies(c -> {
            assertThat(c.integration()).isEqualTo(SALES);
            assertThat(c.confirmUrl()).as("the change's URL, not the Order's or another order's")
                    .isEqualTo(urlOf(change));
        });
        assertThat(instruction().state()).isEqualTo(OutboundState.SENT);
        assertThat(outbox.archived()).containsEntry(ref, new ArchiveVerdict.Processed());
        assertThat(audit.events()).filteredOn(e -> "confirm.xml".equals(e.fileName()))
                .extracting(AuditEvent::action).containsExactly(AuditAction.DOCUMENT_PICKED_UP,
                        AuditAction.DOCUMENT_CLAIMED, AuditAction.DOCUMENT_SENT, AuditAction.DOCUMENT_ARCHIVED);
        assertThat(audit.events()).filteredOn(e -> e.action() == AuditAction.DOCUMENT_SENT
                && "confirm.xml".equals(e.fileName())).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("OrderChange").contains(
                        state.inbound().get(1).dedupKey().shortForm()));
    }

    @Test
    void withoutAReceivedOrderTheInstructionFailsSayingWhatToFix() {
        ErpDocumentRef ref = outbox.drop(SALES, "confirm.xml", Documents.confirmAllChanges("CUST-9", "ERP-9"));
        cycle();

        assertThat(jakamo.confirmations()).isEmpty();
        assertThat(instruction().state()).isEqualTo(OutboundState.FAILED);
        assertThat(outbox.archived().get(ref)).isInstanceOfSatisfying(ArchiveVerdict.Failed.class, v -> {
            assertThat(v.whatHappened()).contains("no Order or OrderChange for sales order CUST-9")
                    .contains("integration sales").contains("customer's order number");
            assertThat(v.whatToDo()).contains("messages retry " + instruction().id());
        });
        assertThat(audit.count(AuditAction.DOCUMENT_FAILED)).isEqualTo(1);
    }

    @Test
    void changesThatArrivedAfterTheInstructionWasPickedUpAreNeverAcceptedUnseen() {
        queue.enqueueSalesOrder(SALES, Documents.order("CUST-3"), "CUST-3");
        receive();
        ErpDocumentRef ref = outbox.drop(SALES, "confirm.xml", Documents.confirmAllChanges("CUST-3", "ERP-3"));
        pickUp(IntegrationKind.SALES_ORDERS);
        clock.advance(Duration.ofSeconds(5));
        queue.enqueueSalesOrder(SALES, Documents.orderChange("CUST-3", 1), "CUST-3");
        receive();
        send();

        assertThat(jakamo.confirmations()).isEmpty();
        assertThat(((ArchiveVerdict.Failed) outbox.archived().get(ref)).whatHappened())
                .contains("a newer OrderChange for sales order CUST-3").contains("changes the ERP has not seen");
    }

    @Test
    void aMessageWithoutAUsableConfirmationUrlIsDeliveredButCannotBeConfirmedAll() {
        queue.enqueue(SALES, Documents.orderChange("CUST-4", 1), Map.of(MessageHeaders.CONFIRM_URL,
                "https://jakamo.test/confirm\r\nX-Injected: 1"));
        receive();
        assertThat(inbox.files()).hasSize(1);
        assertThat(state.inbound()).singleElement().satisfies(r -> assertThat(r.confirmUrl()).isEmpty());

        ErpDocumentRef ref = outbox.drop(SALES, "confirm.xml", Documents.confirmAllChanges("CUST-4", "ERP-4"));
        cycle();
        assertThat(jakamo.confirmations()).isEmpty();
        assertThat(((ArchiveVerdict.Failed) outbox.archived().get(ref)).whatHappened())
                .contains("carried no usable Jakamo-Confirm-Url").contains("answer it with an OrderResponse");
    }

    @Test
    void theInstructionWaitsForAnEarlierOrderResponseOfTheSameOrder() {
        queue.enqueueSalesOrder(SALES, Documents.orderChange("CUST-5", 1), "CUST-5");
        receive();
        outbox.drop(SALES, "a-response.xml", Documents.orderResponse("CUST-5", "SO-5"));
        pickUp(IntegrationKind.SALES_ORDERS);
        outbox.drop(SALES, "b-confirm.xml", Documents.confirmAllChanges("CUST-5", "ERP-5"));
        pickUp(IntegrationKind.SALES_ORDERS);
        jakamo.script(new SendOutcome.Deferred("503", Optional.empty()));

        send();
        assertThat(jakamo.received()).isEmpty();
        assertThat(jakamo.confirmations()).as("not before the deferred OrderResponse").isEmpty();

        clock.advance(POLICY.firstRetry());
        send();
        assertThat(jakamo.received()).hasSize(1);
        assertThat(jakamo.confirmations()).hasSize(1);
    }

    @Test
    void aLostAnswerIsRetriedLaterNotLeftInDoubt() {
        queue.enqueueSalesOrder(SALES, Documents.order("CUST-6"), "CUST-6");
        receive();
        outbox.drop(SALES, "confirm.xml", Documents.confirmAllChanges("CUST-6", "ERP-6"));
        jakamo.script(new SendOutcome.Deferred("connection reset after the request was written", Optional.empty()));
        cycle();
        assertThat(instruction().state()).isEqualTo(OutboundState.PENDING);

        clock.advance(POLICY.firstRetry());
        send();
        assertThat(instruction().state()).isEqualTo(OutboundState.SENT);
        assertThat(jakamo.confirmations()).hasSize(1);
        assertThat(audit.count(AuditAction.DOCUMENT_IN_DOUBT)).isZero();
    }

    @Test
    void aPurchaseOrdersIntegrationDoesNotTakeTheInstructionAndOneWithoutOrderIdIsRefused() {
        ErpDocumentRef wrongKind = outbox.drop(SALES, "po.xml", Documents.confirmAllChanges("CUST-7", "ERP-7"));
        pickUp(IntegrationKind.PURCHASE_ORDERS);
        ErpDocumentRef noOrder = outbox.drop(SALES, "bare.xml", "<ConfirmAllChanges xmlns=\""
                + DocumentType.CONNECTOR_NAMESPACE + "\"><ID>1</ID></ConfirmAllChanges>");
        pickUp(IntegrationKind.SALES_ORDERS);

        assertThat(((ArchiveVerdict.Failed) outbox.archived().get(wrongKind)).whatHappened())
                .contains("purchase-orders integration does not send ConfirmAllChanges");
        assertThat(((ArchiveVerdict.Failed) outbox.archived().get(noOrder)).whatHappened())
                .contains("OrderID element directly under the root");
    }

    /**
     * The process dies at each step of sending the instruction. After a restart it is sent, never left in doubt:
     * where the crash fell between the request and its record, it is simply sent again, which Jakamo takes as the
     * same acceptance.
     */
    @ParameterizedTest
    @ValueSource(strings = {CrashPoints.AFTER_ERP_PICKUP, CrashPoints.AFTER_REGISTER, CrashPoints.AFTER_CLAIM,
            CrashPoints.AFTER_MARK_SENDING, CrashPoints.AFTER_SEND, CrashPoints.AFTER_RECORD_OUTCOME,
            CrashPoints.AFTER_ERP_ARCHIVE})
    void aCrashAtAnyStepEndsWithTheChangesAcceptedAndNothingInDoubt(String point) {
        var change = queue.enqueueSalesOrder(SALES, Documents.orderChange("CUST-8", 2), "CUST-8");
        receive();
        outbox.drop(SALES, "confirm.xml", Documents.confirmAllChanges("CUST-8", "ERP-8"));

        crashes.arm(point);
        assertThatThrownBy(this::cycle).isInstanceOf(SimulatedCrash.class);
        clock.advance(POLICY.claimTtl().plusSeconds(1));   // the dead claim expires
        cycle();
        cycle();

        assertThat(instruction().state()).isEqualTo(OutboundState.SENT);
        assertThat(outbox.waiting(SALES)).as("archived").isZero();
        assertThat(jakamo.confirmations()).extracting(InMemoryOutboundExchange.Confirmation::confirmUrl)
                .containsOnly(urlOf(change))
                .hasSize(point.equals(CrashPoints.AFTER_SEND) ? 2 : 1);
        assertThat(audit.count(AuditAction.DOCUMENT_IN_DOUBT)).isZero();
        boolean abandonedWhileSending = point.equals(CrashPoints.AFTER_MARK_SENDING)
                || point.equals(CrashPoints.AFTER_SEND);
        assertThat(audit.events()).filteredOn(e -> e.action() == AuditAction.DOCUMENT_DEFERRED)
                .hasSize(abandonedWhileSending ? 1 : 0)
                .allSatisfy(e -> assertThat(e.reason()).contains("harmless to repeat"));
        assertThat(state.outbound()).extracting(OutboundRecord::type).containsExactly(DocumentType.CONFIRM_ALL_CHANGES);
    }
}
