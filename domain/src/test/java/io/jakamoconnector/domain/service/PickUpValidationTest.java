package io.jakamoconnector.domain.service;

import static io.jakamoconnector.domain.service.OutboundFixture.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.model.validation.ValidationMode;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsCommand;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsResult;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.testing.Documents;
import org.junit.jupiter.api.Test;

/** Pre-flight validation on pick-up: what an integration's {@code validation} mode does with a document's problems. */
class PickUpValidationTest {
    /** The Order of issue #19: no namespace, no parties, no lines, a quantity that is not a number. */
    static final String ISSUE_19_ORDER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Order>
              <ID>PO-19</ID>
              <IssueDate>2026-12-01</IssueDate>
              <Quantity>abc</Quantity>
            </Order>
            """;
    /** Valid but for a unit code that is not UN/ECE rec 20 shaped: a WARNING. */
    static final String ORDER_WITH_WARNING = Documents.order("PO-W").replace("unitCode=\"PCE\"", "unitCode=\"pcs\"");

    private final OutboundFixture f = new OutboundFixture();

    private PickUpErpDocumentsResult pickUp(ValidationMode mode) {
        return new PickUpErpDocumentsService(f.erp, f.state, new DocumentReader(),
                new AuditWriter(f.audit, f.clock, "node-1"), f.clock)
                .pickUp(new PickUpErpDocumentsCommand(ORDERS, IntegrationKind.PURCHASE_ORDERS, 100, mode));
    }

    @Test
    void enforcedErrorsKeepTheDocumentOutOfJakamoWithEveryProblemLocatedInTheReport() {
        ErpDocumentRef ref = f.erp.drop(ORDERS, "PO-19.xml", ISSUE_19_ORDER);

        PickUpErpDocumentsResult result = pickUp(ValidationMode.ENFORCE);
        f.send();

        assertThat(result.refused()).isEqualTo(1);
        assertThat(f.jakamo.received()).as("no request to Jakamo").isEmpty();
        ArchiveVerdict.Failed failed = (ArchiveVerdict.Failed) f.erp.archived().get(ref);
        assertThat(failed.delivery()).as("a local refusal, never counted as refused by Jakamo")
                .isEqualTo(ArchiveVerdict.Delivery.NOT_SENT);
        assertThat(failed.whatHappened()).contains("pre-flight validation found 4 ERRORs")
                .contains("ERROR line 5, column 13, /Order/Quantity: found \"abc\", expected a decimal number")
                .contains("/Order/cac:BuyerCustomerParty: found nothing")
                .contains("/Order/cac:SellerSupplierParty: found nothing")
                .contains("/Order/cac:OrderLine: found nothing")
                .contains("WARNING line 2, column 8, /Order: found no namespace");
        assertThat(failed.whatToDo()).contains("jakamo-connector validate <file.xml> --integration orders");
        OutboundRecord record = f.state.findOutbound(1).orElseThrow();
        assertThat(record.state()).isEqualTo(OutboundState.FAILED);
        AuditEvent rejected = f.audit.events().stream().filter(e -> e.action() == AuditAction.INPUT_REJECTED)
                .findFirst().orElseThrow();
        assertThat(rejected.reason()).contains("ERROR [decimal] line 5, column 13, /Order/Quantity")
                .as("the audit trail names where, not the document's text").doesNotContain("abc");
    }

    @Test
    void warningsTravelWithTheDocumentIntoItsRecordAndTheAuditTrail() {
        f.erp.drop(ORDERS, "PO-W.xml", ORDER_WITH_WARNING);

        pickUp(ValidationMode.ENFORCE);
        f.send();

        assertThat(f.jakamo.received()).hasSize(1);
        OutboundRecord record = f.state.findOutbound(1).orElseThrow();
        assertThat(record.state()).isEqualTo(OutboundState.SENT);
        assertThat(record.warnings()).singleElement().asString()
                .startsWith("WARNING [unit-code] line 9").contains("/Order/cac:OrderLine/cac:LineItem/cbc:Quantity");
        AuditEvent picked = f.audit.events().stream().filter(e -> e.action() == AuditAction.DOCUMENT_PICKED_UP)
                .findFirst().orElseThrow();
        assertThat(picked.reason()).contains("1 warning: WARNING [unit-code]");
    }

    @Test
    void warnModeSendsADocumentWithErrorsAndKeepsThemAsWarnings() {
        f.erp.drop(ORDERS, "PO-19.xml", ISSUE_19_ORDER);

        pickUp(ValidationMode.WARN);
        f.send();

        assertThat(f.jakamo.received()).hasSize(1);
        assertThat(f.state.findOutbound(1).orElseThrow().warnings()).hasSize(5)
                .allSatisfy(w -> assertThat(w).startsWith("WARNING"));
    }

    @Test
    void offModeChecksNothing() {
        f.erp.drop(ORDERS, "PO-19.xml", ISSUE_19_ORDER);

        pickUp(ValidationMode.OFF);
        f.send();

        assertThat(f.jakamo.received()).hasSize(1);
        assertThat(f.state.findOutbound(1).orElseThrow().warnings()).isEmpty();
    }

    @Test
    void theDefaultModeEnforces() {
        assertThat(new PickUpErpDocumentsCommand(ORDERS, IntegrationKind.PURCHASE_ORDERS, 1).validation())
                .isEqualTo(ValidationMode.ENFORCE);
    }
}
