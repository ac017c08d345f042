package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.exchange.SendOutcome;
import io.jakamoconnector.domain.port.out.JakamoExchangeException;
import io.jakamoconnector.domain.port.out.JakamoExchangeException.Reason;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.sandbox.ChangeVerb;
import io.jakamoconnector.sandbox.DocumentRecord;
import io.jakamoconnector.sandbox.DuplicateOrders;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.RequestRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every outbound endpoint against the sandbox, with the exact bytes, the verbs, the refusals and the permissions. */
class OutboundExchangeIT {
    private static Testbed bed;
    private static HttpOutboundExchangeAdapter outbound;
    private static HttpOutboundExchangeAdapter outboundPut;

    @BeforeAll
    static void start() {
        bed = new Testbed();
        outbound = new HttpOutboundExchangeAdapter(bed.api(Testbed.fastOptions()));
        outboundPut = new HttpOutboundExchangeAdapter(bed.api(Testbed.fastOptions()
                .withChangeMethod(JakamoOptions.ChangeMethod.PUT)));
    }

    @AfterAll
    static void stop() throws Exception {
        bed.close();
    }

    @BeforeEach
    void reset() {
        bed.sandbox.faults().clear();
        bed.sandbox.jakamo().changeVerb(ChangeVerb.EITHER).duplicateOrders(DuplicateOrders.ACCEPT);
        bed.journal().clear();
    }

    @Test
    void anOrderIsPostedWithTheErpsExactBytes() {
        // no declaration, CRLF line ends, a comment, odd spacing: re-serialising would change every one of these
        String xml = Documents.order("PO-100").replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "")
                .replace("\n", "\r\n").replace("<cbc:IssueDate>", "<!-- from ERP -->  <cbc:IssueDate  >");
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);

        SendOutcome outcome = outbound.send(Testbed.PO, document(bytes));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Accepted.class, a -> {
            assertThat(a.answer()).isEqualTo("HTTP 200");
            assertThat(a.reference()).isEqualTo("Order PO-100 received");
        });
        DocumentRecord received = single("Order", "PO-100");
        assertThat(received.content()).isEqualTo(bytes);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.endpoint()).isEqualTo(Endpoint.ORDER_POST);
        RequestRecord request = bed.journal().requests(Endpoint.ORDER_POST).get(0);
        assertThat(request.path()).isEqualTo("/api/order");
        assertThat(request.tokenFingerprint()).isEqualTo(bed.tokens.token(Testbed.PO).fingerprint().value());
    }

    @Test
    void anOrderChangeIsPostedToItsOrderByDefaultAndPutWhenConfigured() {
        outbound.send(Testbed.PO, document(Documents.order("PO-101")));

        SendOutcome posted = outbound.send(Testbed.PO, document(Documents.orderChange("PO-101", 1)));
        SendOutcome put = outboundPut.send(Testbed.PO, document(Documents.orderChange("PO-101", 2)));

        assertThat(posted).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(put).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(bed.journal().documents("OrderChange", "PO-101")).extracting(DocumentRecord::method)
                .containsExactly("POST", "PUT");
        assertThat(bed.journal().requests(Endpoint.ORDER_CHANGE)).extracting(RequestRecord::path)
                .containsOnly("/api/order/PO-101");
    }

    @Test
    void aStatusMessageGoesToItsOrder() {
        outbound.send(Testbed.PO, document(Documents.order("PO-102")));

        SendOutcome outcome = outbound.send(Testbed.PO, document(Documents.statusMessage("PO-102", "Received")));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(single("StatusMessage", "PO-102").endpoint()).isEqualTo(Endpoint.ORDER_CHANGE);
    }

    @Test
    void anOrderNumberIsEncodedAsOnePathSegment() {
        String number = "PO/47 11?x#1%2F&ä";
        String escaped = number.replace("&", "&amp;");
        outbound.send(Testbed.PO, document(Documents.order(escaped)));

        SendOutcome outcome = outbound.send(Testbed.PO, document(Documents.orderChange(escaped, 1)));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(single("OrderChange", number).method()).isEqualTo("POST");
        assertThat(bed.journal().requests(Endpoint.ORDER_CHANGE).get(0).path())
                .isEqualTo("/api/order/PO%2F47%2011%3Fx%231%252F%26%C3%A4");
    }

    @Test
    void aChangeOfAnUnknownOrderIsRejectedWithJakamosMessage() {
        SendOutcome outcome = outbound.send(Testbed.PO, document(Documents.orderChange("PO-404", 1)));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
            assertThat(r.answer()).isEqualTo("HTTP 422");
            assertThat(r.messages()).containsExactly("Order PO-404 not found.");
        });
        assertThat(bed.journal().count(Endpoint.ORDER_CHANGE)).isEqualTo(1);
    }

    @Test
    void aDuplicateOrderJakamoRefusesIsRejected() {
        bed.sandbox.jakamo().duplicateOrders(DuplicateOrders.REJECT);
        outbound.send(Testbed.PO, document(Documents.order("PO-104")));

        SendOutcome again = outbound.send(Testbed.PO, document(Documents.order("PO-104")));

        assertThat(again).isInstanceOfSatisfying(SendOutcome.Rejected.class,
                r -> assertThat(r.messages()).containsExactly("Order PO-104 already exists."));
    }

    @Test
    void anOrderResponseIsPostedForASalesOrder() {
        bed.sandbox.jakamo().placeSalesOrder("so", "CUST-100");
        byte[] bytes = Documents.orderResponse("CUST-100", "SO-1").getBytes(StandardCharsets.UTF_8);

        SendOutcome outcome = outbound.send(Testbed.SO, document(bytes));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        DocumentRecord received = single("OrderResponse", "CUST-100");
        assertThat(received.endpoint()).isEqualTo(Endpoint.ORDER_RESPONSE_POST);
        assertThat(received.content()).isEqualTo(bytes);
    }

    @Test
    void anAttachmentIsUploadedAsOneMultipartPartNamedAttachment() {
        outbound.send(Testbed.PO, document(Documents.order("PO-105")));
        byte[] file = new byte[70_000];
        for (int i = 0; i < file.length; i++) {
            file[i] = (byte) (i * 31);
        }
        Document attachment = new Document(DocumentType.ATTACHMENT, new BusinessKey("PO-105"), file);

        SendOutcome outcome = outbound.send(Testbed.PO,
                new OutgoingDocument(new ErpDocumentRef("PO-105_drawing.pdf"), attachment, "drawing \"v2\".pdf"));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        DocumentRecord received = bed.journal().documents("po").stream()
                .filter(d -> d.kind() == DocumentRecord.Kind.ATTACHMENT).findFirst().orElseThrow();
        assertThat(received.content()).isEqualTo(file);
        assertThat(received.documentNumber()).isEqualTo("PO-105");
        assertThat(received.fileName()).isEqualTo("drawing %22v2%22.pdf");
        assertThat(bed.journal().requests(Endpoint.ATTACHMENT_UPLOAD).get(0).path())
                .isEqualTo("/api/order/PO-105/attachment");
    }

    @Test
    void claimsClaimChangesAndClaimStatusMessagesGoToTheClaimEndpoints() {
        SendOutcome claim = outbound.send(Testbed.CLAIMS, document(ClaimDocuments.claim("CL-100")));
        SendOutcome change = outbound.send(Testbed.CLAIMS, document(ClaimDocuments.claimChange("CL-100")));
        SendOutcome status = outboundPut.send(Testbed.CLAIMS, document(ClaimDocuments.statusMessage("CL-100")));

        assertThat(List.of(claim, change, status)).allSatisfy(o -> assertThat(o).isInstanceOf(SendOutcome.Accepted.class));
        assertThat(single("Claim", "CL-100").endpoint()).isEqualTo(Endpoint.CLAIM_POST);
        assertThat(single("ClaimChange", "CL-100").endpoint()).isEqualTo(Endpoint.CLAIM_CHANGE);
        DocumentRecord statusRecord = single("StatusMessage", "CL-100");
        assertThat(statusRecord.endpoint()).isEqualTo(Endpoint.CLAIM_CHANGE);
        assertThat(statusRecord.method()).isEqualTo("PUT");
    }

    @Test
    void anOrdersTokenIsRefusedOnTheClaimEndpointsAsAPermissionProblem() {
        assertPermission(Testbed.WRONG, ClaimDocuments.claim("CL-X"), Endpoint.CLAIM_POST, "Claims.Write");
    }

    @Test
    void aReadOnlyApplicationCannotPostOrders() {
        assertPermission(Testbed.READ_ONLY, Documents.order("PO-RO"), Endpoint.ORDER_POST, "Orders.Write");
    }

    @Test
    void aDocumentTheIntegrationDoesNotSendIsNotSent() {
        SendOutcome outcome = outbound.send(Testbed.PO, document(Documents.orderResponse("PO-1", "SO-1")));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
            assertThat(r.answer()).as("refused before it went out").isEmpty();
            assertThat(r.messages()).singleElement().asString().contains("does not send OrderResponse");
        });
        assertThat(bed.journal().requests()).isEmpty();
    }

    @Test
    void theConnectorsConfirmAllChangesInstructionIsNeverPostedAsADocument() {
        bed.sandbox.jakamo().placeSalesOrder("so", "CUST-101");

        SendOutcome outcome = outbound.send(Testbed.SO, document(Documents.confirmAllChanges("CUST-101", "1")));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
            assertThat(r.answer()).as("refused before it went out").isEmpty();
            assertThat(r.messages()).singleElement().asString().contains("not a Jakamo document");
        });
        assertThat(bed.journal().requests()).isEmpty();
    }

    private static void assertPermission(IntegrationName integration, String xml, Endpoint endpoint, String role) {
        assertThatThrownBy(() -> outbound.send(integration, document(xml)))
                .isInstanceOfSatisfying(JakamoExchangeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.PERMISSION);
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.remoteMessages()).singleElement().asString().contains(role);
                });
        assertThat(bed.journal().requests(endpoint)).singleElement().extracting(RequestRecord::status)
                .isEqualTo(403);
        assertThat(bed.journal().documents()).isEmpty();
    }

    private static DocumentRecord single(String root, String number) {
        List<DocumentRecord> records = bed.journal().documents(root, number);
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    static OutgoingDocument document(String xml) {
        return document(xml.getBytes(StandardCharsets.UTF_8));
    }

    static OutgoingDocument document(byte[] bytes) {
        return new OutgoingDocument(new ErpDocumentRef("doc.xml"), bed.reader.readDocument(bytes), "doc.xml");
    }
}
