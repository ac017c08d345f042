package io.jakamoconnector.domain.service;

import static io.jakamoconnector.domain.service.OutboundFixture.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.SendOutcome;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.testing.Documents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Attachments from the ERP: the same file for two orders is two uploads, for one order one; each way an attachment
 * can fail says what to do about that failure, never the advice meant for XML.
 */
class OutboundAttachmentsTest {
    private static final byte[] PDF = "%PDF-1.4 the supplier terms, one page".getBytes(StandardCharsets.UTF_8);

    private final OutboundFixture f = new OutboundFixture();

    private void ordersSent(String... orders) {
        for (String order : orders) {
            f.erp.drop(ORDERS, order + ".xml", Documents.order(order));
        }
        f.cycle();
    }

    private ArchiveVerdict.Failed failed(ErpDocumentRef ref) {
        assertThat(f.erp.archived()).containsKey(ref);
        return (ArchiveVerdict.Failed) f.erp.archived().get(ref);
    }

    @Test
    void theSameFileForASecondOrderIsSentToThatOrderToo() {
        ordersSent("PO-001", "PO-002");
        ErpDocumentRef first = f.erp.dropAttachment(ORDERS, "PO-001_invoice.pdf", PDF, "PO-001");
        f.cycle();
        ErpDocumentRef second = f.erp.dropAttachment(ORDERS, "PO-002_invoice.pdf", PDF, "PO-002");
        f.cycle();

        assertThat(f.jakamo.received()).filteredOn(d -> d.document().type() == DocumentType.ATTACHMENT)
                .extracting(d -> d.document().businessKey().orElseThrow().value())
                .containsExactly("PO-001", "PO-002");
        assertThat(f.erp.archived()).containsEntry(first, new ArchiveVerdict.Processed())
                .containsEntry(second, new ArchiveVerdict.Processed());
    }

    @Test
    void theSameFileForTheSameOrderIsACopyThatNamesTheSentOneAndOffersNoCommandThatWouldFail() {
        ordersSent("PO-001");
        f.erp.dropAttachment(ORDERS, "PO-001_invoice.pdf", PDF, "PO-001");
        f.cycle();
        ErpDocumentRef copy = f.erp.dropAttachment(ORDERS, "PO-001_invoice-copy.pdf", PDF, "PO-001");
        f.cycle();

        assertThat(f.jakamo.received()).filteredOn(d -> d.document().type() == DocumentType.ATTACHMENT).hasSize(1);
        ArchiveVerdict.Failed verdict = failed(copy);
        assertThat(verdict.delivery()).isEqualTo(ArchiveVerdict.Delivery.NOT_SENT);
        long id = f.state.outbound().stream().filter(r -> r.type() == DocumentType.ATTACHMENT).findFirst()
                .orElseThrow().id();
        assertThat(verdict.whatHappened()).isEqualTo("not sent: this file is a copy of the attachment for order "
                + "PO-001 dropped as attachments/PO-001_invoice.pdf (document " + id + ", sent to Jakamo)");
        assertThat(verdict.whatToDo()).startsWith("nothing: Jakamo has it already")
                .contains("To attach the same file to another order, name that order")
                .doesNotContain("messages retry").doesNotContain("export the document again");
    }

    @Test
    void aCopyOfAnAttachmentJakamoRefusedOffersTheRetryThatWorksForIt() {
        ordersSent("PO-001");
        f.erp.dropAttachment(ORDERS, "PO-001_invoice.pdf", PDF, "PO-001");
        f.jakamo.script(new SendOutcome.Rejected("HTTP 413", List.of("too large")));
        f.cycle();
        ErpDocumentRef copy = f.erp.dropAttachment(ORDERS, "invoice.pdf", PDF, "PO-001");
        f.cycle();

        long id = f.state.outbound().stream().filter(r -> r.type() == DocumentType.ATTACHMENT).findFirst()
                .orElseThrow().id();
        assertThat(failed(copy).whatHappened()).endsWith("(document " + id + ", refused by Jakamo)");
        assertThat(failed(copy).whatToDo()).contains("jakamo-connector messages retry " + id + " --reason \"...\"");
    }

    @Test
    void anAttachmentThatNamesNoOrderIsToldHowToNameOneNotToExportXmlAgain() {
        ErpDocumentRef ref = f.erp.dropAttachment(ORDERS, "drawing.pdf", PDF, null);
        f.cycle();

        ArchiveVerdict.Failed verdict = failed(ref);
        assertThat(verdict.whatHappened()).isEqualTo("the attachment does not say which order it belongs to: "
                + "neither its name nor a .order file next to it names one");
        assertThat(verdict.whatToDo()).contains("name the order the attachment belongs to")
                .doesNotContain("XML").doesNotContain("DOCTYPE");
        assertThat(f.state.outbound()).singleElement()
                .satisfies(r -> assertThat(r.state()).isEqualTo(OutboundState.FAILED));
    }

    @Test
    void anAttachmentRenamedForItsOrderAfterItWasRefusedIsSent() {
        ordersSent("PO-3");
        f.erp.dropAttachment(ORDERS, "drawing.pdf", PDF, null);
        f.cycle();
        ErpDocumentRef renamed = f.erp.dropAttachment(ORDERS, "PO-3_drawing.pdf", PDF, "PO-3");
        f.cycle();

        assertThat(f.erp.archived()).containsEntry(renamed, new ArchiveVerdict.Processed());
    }

    @Test
    void anAttachmentJakamoRefusesForItsOrderSaysToCheckThatOrder() {
        ErpDocumentRef ref = f.erp.dropAttachment(ORDERS, "PO-404_drawing.pdf", PDF, "PO-404");
        f.jakamo.script(new SendOutcome.Rejected("HTTP 422", List.of("Order not found")));
        f.cycle();

        ArchiveVerdict.Failed verdict = failed(ref);
        assertThat(verdict.delivery()).isEqualTo(ArchiveVerdict.Delivery.REFUSED_BY_JAKAMO);
        assertThat(verdict.whatHappened()).contains("Order not found");
        assertThat(verdict.whatToDo()).startsWith("check that order PO-404 is known to Jakamo on this integration")
                .contains("name that order (a new name or a .order file)", "messages retry 1 --reason")
                .doesNotContain("correct the document");
    }
}
