package io.jakamoconnector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class DocumentsTest {
    private static final LocalDate TODAY = LocalDate.of(2025, 3, 2);

    private static Element respond(SupplierReply reply) throws Exception {
        Document order = Xml.parse(Samples.order("PO-9").getBytes(StandardCharsets.UTF_8));
        byte[] response = Documents.orderResponse(order, "PO-9", "SO-1", reply, 7, TODAY);
        return Xml.parse(response).getDocumentElement();
    }

    @Test
    void confirmsAsIsLineByLineWithPartiesAndPrices() throws Exception {
        Element response = respond(SupplierReply.CONFIRM_AS_IS);
        assertThat(response.getNamespaceURI()).isEqualTo(Xml.NS_ORDER_RESPONSE);
        assertThat(Xml.text(response, "ID")).hasValue("SO-1");
        assertThat(Xml.text(response, "IssueDate")).hasValue("2025-03-02");
        assertThat(Xml.text(response, "OrderReference", "ID")).hasValue("PO-9");
        assertThat(Xml.text(response, "SellerSupplierParty", "Party", "PartyIdentification", "ID")).hasValue("VENDOR-123");
        assertThat(Xml.text(response, "BuyerCustomerParty", "Party", "PartyIdentification", "ID")).hasValue("OWN-CO");
        assertThat(Xml.children(response, "OrderLine")).extracting(l -> Xml.text(l, "LineItem", "ID").orElseThrow()).containsExactly("10", "20");
        Element line = Xml.child(response, "OrderLine", "LineItem").orElseThrow();
        assertThat(Xml.text(line, "Delivery", "Quantity")).hasValue("5");
        assertThat(Xml.child(line, "Price", "PriceAmount").orElseThrow().getAttribute("currencyID")).isEqualTo("EUR");
        assertThat(Xml.text(line, "Item", "BuyersItemIdentification", "ID")).hasValue("55-554354");
    }

    @Test
    void changedQuantityIsOneLessOrOneMoreWhenOneWasOrdered() throws Exception {
        assertThat(Xml.children(respond(SupplierReply.CHANGE_QUANTITY), "OrderLine"))
                .extracting(l -> Xml.text(l, "LineItem", "Quantity").orElseThrow()).containsExactly("4", "2");
    }

    @Test
    void changedDateIsTheRequestedDatePlusTheShift() throws Exception {
        assertThat(Xml.children(respond(SupplierReply.CHANGE_DELIVERY_DATE), "OrderLine"))
                .extracting(l -> Xml.text(l, "LineItem", "Delivery", "PromisedDeliveryPeriod", "EndDate").orElseThrow())
                .containsExactly("2025-04-08", "2025-04-22");
    }

    @Test
    void salesOrdersClaimRepliesAndAttachmentMessagesHaveTheirShapes() throws Exception {
        Element order = Xml.parse(Documents.salesOrder("CUST-1", false, TODAY)).getDocumentElement();
        assertThat(order.getNamespaceURI()).isEqualTo(Xml.NS_ORDER);
        assertThat(Xml.text(order, "ID")).hasValue("CUST-1");
        Element change = Xml.parse(Documents.salesOrder("CUST-1", true, TODAY)).getDocumentElement();
        assertThat(change.getLocalName()).isEqualTo("OrderChange");

        Element claim = Xml.parse(Documents.claimResponse("CL-1", "CR-1", ClaimReply.REJECT, TODAY)).getDocumentElement();
        assertThat(Xml.text(claim, "ClaimID")).hasValue("CL-1");
        assertThat(Xml.text(claim, "Status")).hasValue("Rejected");

        Element attachment = Xml.parse(Documents.attachmentMessage("https://h/api/attachment/1", "a&b.pdf", "PO-1")).getDocumentElement();
        assertThat(attachment.getAttribute("Jakamo-Attachment-URI")).isEqualTo("https://h/api/attachment/1");
        assertThat(Xml.text(attachment, "Filename")).hasValue("a&b.pdf");
        assertThat(Xml.text(attachment, "OrderID")).hasValue("PO-1");
    }
}
