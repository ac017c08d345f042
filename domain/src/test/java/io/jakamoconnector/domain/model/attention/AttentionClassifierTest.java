package io.jakamoconnector.domain.model.attention;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttentionClassifierTest {
    private static final IntegrationName ORDERS = new IntegrationName("orders");

    private static AuditEvent event(AuditAction action, AuditOutcome outcome) {
        return AuditEvent.builder(action, outcome).integration(ORDERS).businessKey(new BusinessKey("4500012345"))
                .fileName("PO4500012345.xml").reason("connection reset after https://jakamo.example/api?sig=abc#x")
                .at(Instant.parse("2026-12-01T10:00:00Z")).node("n1").actor("connector").build();
    }

    @Test
    void inDoubtDocumentNeedsAPersonNamedByItsOrder() {
        Attention a = AttentionClassifier.classify(event(AuditAction.DOCUMENT_IN_DOUBT, AuditOutcome.IN_DOUBT))
                .orElseThrow();
        assertThat(a.kind()).isEqualTo(AttentionKind.IN_DOUBT);
        assertThat(a.integration()).contains(ORDERS);
        assertThat(a.subject()).isEqualTo("order 4500012345");
        assertThat(a.detail()).isEqualTo("connection reset after https://jakamo.example/api").doesNotContain("sig");
        assertThat(a.advice()).contains("messages resolve ID --sent", "--not-sent", "--reason",
                "messages list --integration orders --state in_doubt");
    }

    @Test
    void deadIsAFailedDocumentWithOutcomeFailButARefusalIsNot() {
        assertThat(AttentionClassifier.classify(event(AuditAction.DOCUMENT_FAILED, AuditOutcome.FAIL)))
                .map(Attention::kind).contains(AttentionKind.DEAD);
        assertThat(AttentionClassifier.classify(event(AuditAction.DOCUMENT_FAILED, AuditOutcome.DENIED))).isEmpty();
    }

    @Test
    void quarantineAndTokenFailures() {
        assertThat(AttentionClassifier.classify(event(AuditAction.MESSAGE_QUARANTINED, AuditOutcome.OK)))
                .map(Attention::kind).contains(AttentionKind.QUARANTINED);
        assertThat(AttentionClassifier.classify(event(AuditAction.TOKEN_FAILED, AuditOutcome.FAIL)))
                .map(Attention::key).contains(new Attention.Key(AttentionKind.TOKEN_FAILING, "orders",
                        "the integration's token"));
    }

    @Test
    void anAuditChainTheConnectorFoundBrokenNeedsAPersonWithWhatToKeep() {
        Attention a = AttentionClassifier.classify(event(AuditAction.AUDIT_CHAIN_BROKEN, AuditOutcome.FAIL))
                .orElseThrow();
        assertThat(a.kind()).isEqualTo(AttentionKind.AUDIT_BROKEN);
        assertThat(a.subject()).isEqualTo("the audit trail");
        assertThat(a.advice()).contains("keep the database as evidence", "jakamo-connector audit verify");
    }

    @Test
    void normalWorkAndNotificationsThemselvesNeedNobody() {
        for (AuditAction action : new AuditAction[] {AuditAction.DOCUMENT_SENT, AuditAction.MESSAGE_DELIVERED,
                AuditAction.NOTIFICATION_SENT, AuditAction.NOTIFICATION_FAILED}) {
            assertThat(AttentionClassifier.classify(event(action, AuditOutcome.FAIL))).as(action.name()).isEmpty();
        }
        assertThat(AttentionClassifier.isNotificationEvent(event(AuditAction.NOTIFICATION_FAILED,
                AuditOutcome.FAIL))).isTrue();
    }

    @Test
    void detailsAreCutAndCleaned() {
        Attention a = new Attention(AttentionKind.AUDIT_BROKEN, Optional.empty(), "the audit trail",
                Instant.EPOCH, "line1\nline2 " + "x".repeat(1000));
        assertThat(a.detail()).doesNotContain("\n").hasSize(Attention.MAX_DETAIL);
        assertThat(a.headline()).startsWith("the audit trail does not verify");
    }
}
