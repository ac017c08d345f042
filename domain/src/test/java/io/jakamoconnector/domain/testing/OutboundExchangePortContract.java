package io.jakamoconnector.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.exchange.ConfirmUrl;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.exchange.SendOutcome;
import io.jakamoconnector.domain.port.out.OutboundExchangePort;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link OutboundExchangePort} must do; run against the in-memory exchange and the real Jakamo adapter
 * alike. Jakamo's answers about a document are values ({@link SendOutcome}), a refusal included: the core decides what
 * a person sees from them, so an adapter that throws for a refused document would turn a document error into an
 * outage. Nothing here looks at HTTP: outcomes carry none that the core may rely on.
 */
public abstract class OutboundExchangePortContract {
    private final IntegrationName purchaseOrders;
    private final IntegrationName salesOrders;
    private final DocumentReader reader = new DocumentReader();
    private OutboundExchangePort exchange;

    /** A purchase-orders integration (sends Orders and their changes) and a sales-orders one (confirms changes). */
    protected OutboundExchangePortContract(IntegrationName purchaseOrders, IntegrationName salesOrders) {
        this.purchaseOrders = purchaseOrders;
        this.salesOrders = salesOrders;
    }

    protected abstract OutboundExchangePort newExchange();

    /** The bytes of every document about the order that reached Jakamo, in the order they arrived. */
    protected abstract List<byte[]> received(IntegrationName integration, BusinessKey order);

    /** How many confirm-all requests for the sales order reached Jakamo. */
    protected abstract long confirmationsReceived(IntegrationName integration, String orderNumber);

    /** Jakamo does not know this order, so it refuses every change to it. */
    protected abstract void jakamoKnowsNoOrder(IntegrationName integration, String orderNumber);

    /** A customer proposed changes to the sales order; returns the confirmation URL of the message that carried them. */
    protected abstract ConfirmUrl changesProposed(IntegrationName integration, String orderNumber);

    @BeforeEach
    void freshExchange() {
        exchange = newExchange();
    }

    private OutgoingDocument outgoing(byte[] bytes) {
        return new OutgoingDocument(new ErpDocumentRef("contract.xml"), reader.readDocument(bytes), "contract.xml");
    }

    @Test
    void aReadyExchangeLetsSendsStart() {
        assertThatCode(() -> exchange.checkReady(purchaseOrders)).doesNotThrowAnyException();
    }

    @Test
    void aDocumentJakamoTakesIsAcceptedAndArrivesWithExactlyItsBytes() {
        // CRLF, a comment and odd spacing: re-serialising would change each of them
        byte[] bytes = Documents.order("PO-C1").replace("\n", "\r\n")
                .replace("<cbc:IssueDate>", "<!-- from the ERP -->  <cbc:IssueDate  >").getBytes(StandardCharsets.UTF_8);

        SendOutcome outcome = exchange.send(purchaseOrders, outgoing(bytes));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(received(purchaseOrders, new BusinessKey("PO-C1"))).as("the bytes that reached Jakamo")
                .singleElement().isEqualTo(bytes);
    }

    @Test
    void aDocumentJakamoRefusesIsRejectedWithItsMessagesNotThrown() {
        jakamoKnowsNoOrder(purchaseOrders, "PO-C404");
        OutgoingDocument change = outgoing(Documents.orderChange("PO-C404", 1).getBytes(StandardCharsets.UTF_8));

        SendOutcome[] outcome = new SendOutcome[1];
        Throwable thrown = catchThrowable(() -> outcome[0] = exchange.send(purchaseOrders, change));

        assertThat(thrown).as("a refused document is an outcome (Rejected), not an exception").isNull();
        assertThat(outcome[0]).isInstanceOfSatisfying(SendOutcome.Rejected.class,
                r -> assertThat(r.messages()).as("what Jakamo said, for the person who fixes the document")
                        .isNotEmpty().allSatisfy(m -> assertThat(m).isNotBlank()));
    }

    @Test
    void confirmingAllChangesIsAcceptedAndRepeatingItIsHarmless() {
        ConfirmUrl url = changesProposed(salesOrders, "CUST-C1");

        SendOutcome first = exchange.confirmAllChanges(salesOrders, url);
        SendOutcome again = exchange.confirmAllChanges(salesOrders, url);

        assertThat(first).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(again).as("confirming again is harmless, so it is never in doubt")
                .isInstanceOf(SendOutcome.Accepted.class);
        assertThat(confirmationsReceived(salesOrders, "CUST-C1")).isEqualTo(2);
    }
}
