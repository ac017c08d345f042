package io.jakamoconnector.domain.service;

import static io.jakamoconnector.domain.service.OutboundFixture.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.validation.ValidationMode;
import io.jakamoconnector.domain.plugin.HandOverVerdict;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsCommand;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.testing.Documents;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An ERP side's immediate answer ({@code ErpContext.judge}) and the pick-up's verdict come from one judge. */
class HandOverJudgeTest {
    private final OutboundFixture f = new OutboundFixture();
    private final HandOverJudge judge = new HandOverJudge(new DocumentReader());

    private HandOverVerdict judged(IntegrationKind kind, ValidationMode mode, String xml) {
        return judge.judge(ORDERS, kind, mode, xml.getBytes(StandardCharsets.UTF_8));
    }

    /** What the pick-up archived for the same bytes, as failed: reason and advice; null when it was not refused. */
    private ArchiveVerdict.Failed pickedUp(IntegrationKind kind, ValidationMode mode, String xml) {
        ErpDocumentRef ref = f.erp.drop(ORDERS, "doc.xml", xml);
        new PickUpErpDocumentsService(f.erp, f.state, new DocumentReader(),
                new AuditWriter(f.audit, f.clock, "node-1"), f.clock)
                .pickUp(new PickUpErpDocumentsCommand(ORDERS, kind, 10, mode));
        return f.erp.archived().get(ref) instanceof ArchiveVerdict.Failed failed ? failed : null;
    }

    @Test
    void aDocumentThisIntegrationSendsIsAcceptableWithItsWarnings() {
        HandOverVerdict verdict = judged(IntegrationKind.PURCHASE_ORDERS, ValidationMode.ENFORCE,
                PickUpValidationTest.ORDER_WITH_WARNING);

        assertThat(verdict).isInstanceOfSatisfying(HandOverVerdict.Acceptable.class, a -> {
            assertThat(a.type()).isEqualTo(DocumentType.ORDER);
            assertThat(a.warnings()).singleElement().satisfies(p -> assertThat(p.summary()).contains("unit-code"));
        });
        assertThat(pickedUp(IntegrationKind.PURCHASE_ORDERS, ValidationMode.ENFORCE,
                PickUpValidationTest.ORDER_WITH_WARNING)).as("the pick-up sends it too").isNull();
    }

    @Test
    void aValidationRefusalSaysWhatThePickUpArchivesAndListsTheLocatedProblems() {
        HandOverVerdict verdict = judged(IntegrationKind.PURCHASE_ORDERS, ValidationMode.ENFORCE,
                PickUpValidationTest.ISSUE_19_ORDER);
        ArchiveVerdict.Failed archived = pickedUp(IntegrationKind.PURCHASE_ORDERS, ValidationMode.ENFORCE,
                PickUpValidationTest.ISSUE_19_ORDER);

        assertThat(verdict).isInstanceOfSatisfying(HandOverVerdict.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(archived.whatHappened());
            assertThat(r.advice()).isEqualTo(archived.whatToDo());
            assertThat(r.problems()).anySatisfy(p -> assertThat(p.summary()).contains("line 5, column 13"));
        });
    }

    @Test
    void aDocumentOfAnotherKindOrUnreadableIsRefusedAsThePickUpRefusesIt() {
        String claim = Documents.orderResponse("PO-1", "SUP-1");
        HandOverVerdict other = judged(IntegrationKind.PURCHASE_ORDERS, ValidationMode.ENFORCE, claim);
        ArchiveVerdict.Failed otherArchived = pickedUp(IntegrationKind.PURCHASE_ORDERS, ValidationMode.ENFORCE, claim);
        assertThat(other).isInstanceOfSatisfying(HandOverVerdict.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(otherArchived.whatHappened()).contains("does not send");
            assertThat(r.problems()).isEmpty();
        });

        HandOverVerdict unreadable = judged(IntegrationKind.PURCHASE_ORDERS, ValidationMode.ENFORCE, "<Order>");
        assertThat(unreadable).isInstanceOfSatisfying(HandOverVerdict.Refused.class,
                r -> assertThat(r.advice()).contains("well-formed UTF-8 XML"));
    }
}
