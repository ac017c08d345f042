package io.jakamoconnector.domain.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.sync.OperatorDecision;
import io.jakamoconnector.domain.model.sync.OutboundCorrection;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.port.in.RetryOutboundDocumentCommand;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.testing.Documents;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: a document the connector refused before sending it is retried from its file as the clerk corrected it in
 * failed/, and a file still refused is told as a local refusal, never as refused by Jakamo.
 */
class RetryLocalRefusalTest {
    private final OutboundFixture f = new OutboundFixture();
    private final RetryOutboundDocumentService retry = new RetryOutboundDocumentService(f.state, f.erp,
            i -> Optional.of(IntegrationKind.PURCHASE_ORDERS), f.audit, f.clock, "node-1");
    private final OperatorDecision clerk = new OperatorDecision("operator:clerk", "fixed the XML in failed/");

    /** A file dropped cut short: refused by the connector, filed in failed/, Jakamo never saw it. */
    private OutboundRecord refusedLocally(String name, String xml) {
        ErpDocumentRef ref = f.erp.drop(OutboundFixture.ORDERS, name, xml);
        f.pickUp();
        OutboundRecord r = f.state.outbound().stream().filter(o -> o.ref().equals(ref)).findFirst().orElseThrow();
        assertThat(r.state()).isEqualTo(OutboundState.FAILED);
        assertThat(r.attempts()).isZero();
        return r;
    }

    @Test
    void aCorrectedFileIsReadAgainFromFailedSentAndFiledAsProcessedWithItsNewSha256Audited() {
        String order = Documents.order("PO-7");
        OutboundRecord refused = refusedLocally("po-7.xml", order.substring(0, order.length() - 20));
        f.erp.correctInFailed(refused.ref(), order);

        OutboundCorrection result = retry.retry(new RetryOutboundDocumentCommand(refused.id(), clerk));

        assertThat(result).as(result.toString()).isInstanceOf(OutboundCorrection.Applied.class);
        OutboundRecord pending = f.state.findOutbound(refused.id()).orElseThrow();
        Sha256 corrected = Sha256.of(order.getBytes(StandardCharsets.UTF_8));
        assertThat(pending.state()).isEqualTo(OutboundState.PENDING);
        assertThat(pending.sha256()).isEqualTo(corrected);
        AuditEvent event = f.audit.events().get(f.audit.events().size() - 1);
        assertThat(event.action()).isEqualTo(AuditAction.DOCUMENT_RETRIED);
        assertThat(event.outcome()).isEqualTo(AuditOutcome.OK);
        assertThat(event.actor()).isEqualTo("operator:clerk");
        assertThat(event.integration()).isEqualTo(OutboundFixture.ORDERS);
        assertThat(event.sha256()).isEqualTo(corrected);
        assertThat(event.reason()).contains("read again from failed/po-7.xml").endsWith("fixed the XML in failed/");

        f.send();

        assertThat(f.jakamo.received()).singleElement().satisfies(d ->
                assertThat(d.document().bytes()).isEqualTo(order.getBytes(StandardCharsets.UTF_8)));
        assertThat(f.state.findOutbound(refused.id()).orElseThrow().state()).isEqualTo(OutboundState.SENT);
        assertThat(f.erp.archived().get(refused.ref())).as("out of failed/").isInstanceOf(ArchiveVerdict.Processed.class);
        assertThat(f.erp.inFailed(OutboundFixture.ORDERS, refused.ref())).isEmpty();
    }

    @Test
    void aFileStillUnreadableIsReportedAgainAsALocalRefusalNotAsRefusedByJakamo() {
        OutboundRecord refused = refusedLocally("po-8.xml", "<Order><cbc:ID>cut");
        f.erp.correctInFailed(refused.ref(), "<Order><cbc:ID>still cut");

        OutboundCorrection result = retry.retry(new RetryOutboundDocumentCommand(refused.id(), clerk));

        assertThat(result).isInstanceOfSatisfying(OutboundCorrection.Refused.class, r -> assertThat(r.reason())
                .contains("still refused by the connector (not sent to Jakamo)").doesNotContainIgnoringCase("by Jakamo:"));
        assertThat(f.state.findOutbound(refused.id()).orElseThrow()).isEqualTo(refused);
        assertThat(f.jakamo.received()).isEmpty();
        assertThat(f.erp.archived().get(refused.ref())).isInstanceOfSatisfying(ArchiveVerdict.Failed.class,
                v -> assertThat(v.delivery()).isEqualTo(ArchiveVerdict.Delivery.NOT_SENT));
        assertThat(f.audit.events()).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.DOCUMENT_RETRIED);
            assertThat(e.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(e.reason()).contains("still refused by the connector and was not sent to Jakamo");
        });
        assertThat(f.audit.events()).noneMatch(e -> e.action() == AuditAction.DOCUMENT_FAILED);
    }

    /** Issue 19 with 14: a retry from failed/ applies the same pre-flight validation as the first pick-up did. */
    @Test
    void aCorrectedFileThatFailsPreFlightValidationIsRefusedLocallyWithItsProblemsLocated() {
        OutboundRecord refused = refusedLocally("po-12.xml", "<Order><cbc:ID>cut");
        f.erp.correctInFailed(refused.ref(), "<Order xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Order-2\" "
                + "xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\n"
                + "<cbc:ID>PO-12</cbc:ID></Order>");

        OutboundCorrection result = retry.retry(new RetryOutboundDocumentCommand(refused.id(), clerk));

        assertThat(result).isInstanceOfSatisfying(OutboundCorrection.Refused.class, r -> assertThat(r.reason())
                .contains("still refused by the connector (not sent to Jakamo)").contains("pre-flight validation")
                .contains("/Order/cac:OrderLine"));
        assertThat(f.state.findOutbound(refused.id()).orElseThrow().state()).isEqualTo(OutboundState.FAILED);
        f.send();
        assertThat(f.jakamo.received()).isEmpty();
    }

    @Test
    void aFileWithoutAnOrderNumberMayGetOneButACorrectedFileKeepsItsOrderNumberAndType() {
        OutboundRecord noNumber = refusedLocally("po-9.xml", Documents.order("PO-9").replace("<cbc:ID>PO-9</cbc:ID>",
                "<cbc:Note>no number</cbc:Note>"));
        f.erp.correctInFailed(noNumber.ref(), Documents.order("PO-9"));
        assertThat(retry.retry(new RetryOutboundDocumentCommand(noNumber.id(), clerk)))
                .isInstanceOf(OutboundCorrection.Applied.class);

        OutboundRecord wrongKind = refusedLocally("or-10.xml", Documents.orderResponse("PO-10", "S-1"));
        f.erp.correctInFailed(wrongKind.ref(), Documents.order("PO-10"));
        assertThat(retry.retry(new RetryOutboundDocumentCommand(wrongKind.id(), clerk)))
                .isInstanceOfSatisfying(OutboundCorrection.Refused.class, r -> assertThat(r.reason())
                        .contains("is now a Order").contains("as a new file"));

        ErpDocumentRef ref = f.erp.drop(OutboundFixture.ORDERS, "po-12.xml", Documents.order("PO-12"));
        OutboundRecord keyed = ((io.jakamoconnector.domain.model.sync.OutboundRegistration.Registered) f.state
                .registerOutbound(OutboundFixture.ORDERS, new io.jakamoconnector.domain.model.exchange
                        .OutgoingDocument(ref, new io.jakamoconnector.domain.model.document.DocumentReader()
                        .readDocument(Documents.order("PO-12").getBytes(StandardCharsets.UTF_8)), "po-12.xml"),
                        Optional.of("refused locally"), f.clock.instant())).record();
        f.erp.archive(OutboundFixture.ORDERS, ref, new ArchiveVerdict.Failed("refused locally", "correct it"));
        f.erp.correctInFailed(ref, Documents.order("PO-13"));

        assertThat(retry.retry(new RetryOutboundDocumentCommand(keyed.id(), clerk)))
                .isInstanceOfSatisfying(OutboundCorrection.Refused.class, r -> assertThat(r.reason())
                        .contains("its order number changed from PO-12 to PO-13"));
        assertThat(f.state.findOutbound(keyed.id()).orElseThrow()).isEqualTo(keyed);
    }

    @Test
    void anUnchangedFileIsRefusedWithWhereToCorrectIt() {
        OutboundRecord refused = refusedLocally("po-11.xml", "<Order><cbc:ID>cut");

        OutboundCorrection result = retry.retry(new RetryOutboundDocumentCommand(refused.id(), clerk));

        assertThat(result).isInstanceOfSatisfying(OutboundCorrection.Refused.class, r -> assertThat(r.reason())
                .contains("failed/po-11.xml is unchanged; correct it there first"));
        assertThat(f.state.findOutbound(refused.id()).orElseThrow()).isEqualTo(refused);
    }
}
