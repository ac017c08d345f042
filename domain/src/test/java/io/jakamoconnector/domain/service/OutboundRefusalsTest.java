package io.jakamoconnector.domain.service;

import static io.jakamoconnector.domain.service.OutboundFixture.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import org.junit.jupiter.api.Test;

/** A document the connector refuses before sending says what it found, and what it expected instead. */
class OutboundRefusalsTest {
    private final OutboundFixture f = new OutboundFixture();

    private ArchiveVerdict.Failed refused(String name, String xml) {
        ErpDocumentRef ref = f.erp.drop(ORDERS, name, xml);
        f.cycle();
        assertThat(f.jakamo.received()).isEmpty();
        return (ArchiveVerdict.Failed) f.erp.archived().get(ref);
    }

    @Test
    void anUnknownRootIsNamedWithItsNamespaceAndTheRootsThisIntegrationTakes() {
        ArchiveVerdict.Failed verdict = refused("invoice.xml",
                "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"><ID>INV-1</ID></Invoice>");

        assertThat(verdict.delivery()).isEqualTo(ArchiveVerdict.Delivery.NOT_SENT);
        assertThat(verdict.whatHappened()).isEqualTo("the document's root element is <Invoice> in namespace "
                + "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2, which is not a document the connector "
                + "sends; a purchase-orders integration takes these root elements: Order, OrderChange, StatusMessage "
                + "(and attachments, as files in the attachments folder)");
        assertThat(verdict.whatToDo()).contains("one of the documents this integration sends")
                .doesNotContain("DOCTYPE");
    }

    @Test
    void anUnknownRootWithoutANamespaceSaysSo() {
        assertThat(refused("x.xml", "<PurchaseOrder><ID>1</ID></PurchaseOrder>").whatHappened())
                .startsWith("the document's root element is <PurchaseOrder> in no namespace,");
    }

    @Test
    void aDocumentOfAnotherIntegrationKindNamesTheRootItFound() {
        assertThat(refused("resp.xml", io.jakamoconnector.domain.testing.Documents.orderResponse("PO-1", "S"))
                .whatHappened()).startsWith("a purchase-orders integration does not send OrderResponse documents (its "
                + "root element is <OrderResponse> in namespace urn:oasis:names:specification:ubl:schema:xsd:"
                + "OrderResponse-2); it sends Order, OrderChange, StatusMessage, attachment");
    }

    @Test
    void aMissingOrderNumberNamesTheElementExpected() {
        assertThat(refused("change.xml", "<OrderChange xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:"
                + "OrderChange-2\"><Note>no number</Note></OrderChange>").whatHappened())
                // first line: the key; pre-flight validation's located list follows it
                .startsWith("the OrderChange has no order number (cbc:ID directly under the root), so it is not known "
                        + "which order it belongs to\n")
                .contains("/OrderChange/cbc:ID: found nothing");
        assertThat(refused("status.xml", "<StatusMessage><Status>Received</Status></StatusMessage>").whatHappened())
                .contains("has no OrderID (or, for a claim, ClaimID) element");
    }
}
