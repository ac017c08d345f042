package io.jakamoconnector.domain.model.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.document.UnreadableDocumentException.Reason;
import io.jakamoconnector.domain.testing.Documents;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentReaderTest {
    private final DocumentReader reader = new DocumentReader();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void classifiesAnOrderAndTakesTheOrderNumberUnderTheRoot() {
        DocumentFacts facts = reader.read(utf8(Documents.order("PO-1001")));
        assertThat(facts.type()).isEqualTo(DocumentType.ORDER);
        assertThat(facts.rootNamespace()).isEqualTo("urn:oasis:names:specification:ubl:schema:xsd:Order-2");
        assertThat(facts.businessKey()).contains(new BusinessKey("PO-1001"));
    }

    @Test
    void classifiesTheConnectorsConfirmAllChangesInstructionByItsOrderId() {
        DocumentFacts facts = reader.read(utf8(Documents.confirmAllChanges("CUST-1", "ERP-2026-0001")));
        assertThat(facts.type()).isEqualTo(DocumentType.CONFIRM_ALL_CHANGES);
        assertThat(facts.rootNamespace()).isEqualTo(DocumentType.CONNECTOR_NAMESPACE);
        assertThat(facts.businessKey()).as("OrderID, not the instruction's own ID").contains(new BusinessKey("CUST-1"));
        assertThat(DocumentType.CONFIRM_ALL_CHANGES.repeatable()).isTrue();
        assertThat(DocumentType.ORDER.repeatable()).isFalse();
    }

    @Test
    void aConfirmAllChangesInstructionTakesOnlyTheOrderIdDirectlyUnderItsRoot() {
        DocumentFacts facts = reader.read(utf8("<ConfirmAllChanges xmlns=\"" + DocumentType.CONNECTOR_NAMESPACE
                + "\"><Note><OrderID>WRONG</OrderID></Note></ConfirmAllChanges>"));
        assertThat(facts.type()).isEqualTo(DocumentType.CONFIRM_ALL_CHANGES);
        assertThat(facts.businessKey()).isEmpty();
    }

    @Test
    void anOrderChangesKeyIsNotTheFirstElementCalledId() {
        DocumentFacts facts = reader.read(utf8(Documents.orderChange("PO-1001", 3)));
        assertThat(facts.type()).isEqualTo(DocumentType.ORDER_CHANGE);
        assertThat(facts.businessKey()).contains(new BusinessKey("PO-1001"));
    }

    @Test
    void anOrderResponsesKeyIsTheBuyersOrderReferenceNotTheSuppliersNumber() {
        DocumentFacts facts = reader.read(utf8(Documents.orderResponse("PO-1001", "SO-77")));
        assertThat(facts.type()).isEqualTo(DocumentType.ORDER_RESPONSE);
        assertThat(facts.businessKey()).contains(new BusinessKey("PO-1001"));
    }

    @Test
    void acceptsJakamosSampleOrderResponseInTheOrderNamespace() {
        String sample = Documents.orderResponse("PO-9", "S-1").replace(":OrderResponse-2", ":Order-2");
        DocumentFacts facts = reader.read(utf8(sample));
        assertThat(facts.type()).isEqualTo(DocumentType.ORDER_RESPONSE);
        assertThat(facts.rootNamespace()).endsWith(":Order-2");
    }

    @Test
    void aStatusMessagesKeyIsItsOrderId() {
        DocumentFacts facts = reader.read(utf8(Documents.statusMessage("PO-5", "Received")));
        assertThat(facts.type()).isEqualTo(DocumentType.STATUS_MESSAGE);
        assertThat(facts.businessKey()).contains(new BusinessKey("PO-5"));
    }

    @Test
    void aClaimsStatusMessageIsKeyedByItsClaimNumber() {
        DocumentFacts facts = reader.read(utf8("<StatusMessage><ClaimID>CL-3</ClaimID><Status>Closed</Status></StatusMessage>"));
        assertThat(facts.businessKey()).contains(new BusinessKey("CL-3"));
        assertThat(reader.read(utf8("<ClaimResponse><ID>x</ID><ClaimID>CL-4</ClaimID></ClaimResponse>")).businessKey())
                .contains(new BusinessKey("CL-4"));
    }

    @Test
    void readsAnAttachmentAnnouncement() {
        DocumentFacts facts = reader.read(utf8(Documents.attachmentMessage("https://h/api/a/1", "drawing.pdf", "PO-2")));
        assertThat(facts.type()).isEqualTo(DocumentType.ATTACHMENT);
        assertThat(facts.rootAttributes()).containsEntry("Jakamo-Attachment-URI", "https://h/api/a/1");
        assertThat(facts.childTexts()).containsEntry("Filename", "drawing.pdf");
        assertThat(facts.businessKey()).contains(new BusinessKey("PO-2"));
    }

    @Test
    void anUnknownRootIsUnknownWithoutAKey() {
        DocumentFacts facts = reader.read(utf8("<Invoice><ID>1</ID></Invoice>"));
        assertThat(facts.type()).isEqualTo(DocumentType.UNKNOWN);
        assertThat(facts.rootLocalName()).isEqualTo("Invoice");
        assertThat(facts.businessKey()).isEmpty();
    }

    @Test
    void theEmptyQueueStatusIsReadAsATextNotFoundByASubstring() {
        DocumentFacts facts = reader.read(utf8("<status>No more messages available.</status>"));
        assertThat(facts.rootLocalName()).isEqualTo("status");
        assertThat(facts.childTexts()).containsEntry("", "No more messages available.");

        String note = Documents.order("PO-1").replace("</Order>", "<cbc:Note>No more messages available.</cbc:Note></Order>");
        assertThat(reader.read(utf8(note)).type()).isEqualTo(DocumentType.ORDER);
    }

    @Test
    void collectsJakamosErrorTexts() {
        List<String> errors = reader.textsOf(utf8("<errors><error>Order not found</error><error>SellerContact/ID unknown</error></errors>"), "error");
        assertThat(errors).containsExactly("Order not found", "SellerContact/ID unknown");
    }

    @Test
    void keepsTheExactBytes() {
        byte[] bytes = utf8(Documents.order("PO-1").replace("\n", "\r\n  "));
        Document document = reader.readDocument(bytes);
        assertThat(document.bytes()).isEqualTo(bytes);
        assertThat(document.sha256()).isEqualTo(Sha256.of(bytes));
        assertThat(document.toString()).doesNotContain("PCE").contains("PO-1");
    }

    // ---- hostile input: every one refused, none resolves anything ----

    @Test
    void refusesAnExternalEntity() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Order [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Order><ID>&x;</ID></Order>";
        assertReason(xxe, Reason.DOCTYPE_FORBIDDEN);
    }

    @Test
    void refusesAnExternalDtdAndParameterEntities() {
        assertReason("<!DOCTYPE Order SYSTEM \"http://127.0.0.1:1/evil.dtd\"><Order/>", Reason.DOCTYPE_FORBIDDEN);
        assertReason("<!DOCTYPE Order [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/p\"> %p;]><Order/>", Reason.DOCTYPE_FORBIDDEN);
    }

    @Test
    void refusesBillionLaughs() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            sb.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        sb.append("]><lolz>&lol9;</lolz>");
        assertReason(sb.toString(), Reason.DOCTYPE_FORBIDDEN);
    }

    @Test
    void refusesAnUndeclaredEntityReference() {
        assertThatThrownBy(() -> reader.read(utf8("<Order><ID>&x;</ID></Order>")))
                .isInstanceOf(UnreadableDocumentException.class);
    }

    @Test
    void refusesDeepNestingWithoutRecursing() {
        String deep = "<a>".repeat(100_000) + "</a>".repeat(100_000);
        assertReason(deep, Reason.TOO_DEEP);
    }

    @Test
    void refusesHugeAttributeCounts() {
        StringBuilder sb = new StringBuilder("<Order");
        for (int i = 0; i < 10_000; i++) {
            sb.append(" a").append(i).append("=\"1\"");
        }
        assertReason(sb.append("/>").toString(), Reason.TOO_MANY_ATTRIBUTES);
    }

    @Test
    void refusesAnOversizeDocumentBeforeParsing() {
        DocumentReader small = new DocumentReader(1024);
        assertThatThrownBy(() -> small.read(new byte[1025]))
                .isInstanceOf(UnreadableDocumentException.class)
                .satisfies(e -> assertThat(((UnreadableDocumentException) e).reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void readCappedRefusesADeclaredOversizeBodyWithoutReadingIt() throws IOException {
        DocumentReader small = new DocumentReader(1024);
        CountingStream in = new CountingStream(new byte[10_000]);
        assertThatThrownBy(() -> small.readCapped(in, 10_000)).isInstanceOf(UnreadableDocumentException.class);
        assertThat(in.read).isZero();
    }

    @Test
    void readCappedStopsCountingAnUndeclaredOversizeBodyAtTheCap() {
        DocumentReader small = new DocumentReader(1024);
        CountingStream in = new CountingStream(new byte[1_000_000]);
        assertThatThrownBy(() -> small.readCapped(in, -1)).isInstanceOf(UnreadableDocumentException.class);
        assertThat(in.read).isLessThanOrEqualTo(1024 + 8192);
    }

    @Test
    void refusesOtherEncodingsThanUtf8() {
        byte[] utf16 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><Order><ID>1</ID></Order>".getBytes(StandardCharsets.UTF_16);
        assertThatThrownBy(() -> reader.read(utf16)).isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> reader.read(utf8("<?xml version=\"1.0\" encoding=\"UTF-7\"?><Order/>")))
                .isInstanceOf(UnreadableDocumentException.class);
    }

    @Test
    void acceptsAUtf8ByteOrderMark() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] doc = utf8(Documents.order("PO-BOM"));
        byte[] bytes = new byte[bom.length + doc.length];
        System.arraycopy(bom, 0, bytes, 0, 3);
        System.arraycopy(doc, 0, bytes, 3, doc.length);
        assertThat(reader.read(bytes).businessKey()).contains(new BusinessKey("PO-BOM"));
    }

    @Test
    void refusesTruncatedAndEmptyDocumentsWithAPlaceToLook() {
        String order = Documents.order("PO-1");
        assertThatThrownBy(() -> reader.read(utf8(order.substring(0, order.length() / 2))))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("not well-formed");
        assertReason("", Reason.EMPTY);
    }

    @Test
    void aKeyWithControlCharactersIsRefused() {
        assertThatThrownBy(() -> reader.read(utf8(Documents.order("PO-1&#10;forged log line"))))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("control characters");
    }

    private void assertReason(String xml, Reason reason) {
        assertThatThrownBy(() -> reader.read(utf8(xml)))
                .isInstanceOf(UnreadableDocumentException.class)
                .satisfies(e -> assertThat(((UnreadableDocumentException) e).reason()).isEqualTo(reason));
    }

    private static final class CountingStream extends InputStream {
        private final ByteArrayInputStream in;
        long read;

        CountingStream(byte[] bytes) {
            in = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            int b = in.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = in.read(b, off, len);
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }
}
