package io.jakamoconnector.domain.model.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptHistoryTest {
    private final Instant t0 = Instant.parse("2026-11-29T10:00:00Z");

    private AuditEvent event(AuditAction action, AuditOutcome outcome, int second) {
        return AuditEvent.builder(action, outcome).at(t0.plusSeconds(second)).node("n").actor("connector").build();
    }

    @Test
    void leavesOutClaimsAndKeepsEveryOtherStepInOrder() {
        AuditEvent picked = event(AuditAction.DOCUMENT_PICKED_UP, AuditOutcome.OK, 0);
        AuditEvent failed = event(AuditAction.DOCUMENT_FAILED, AuditOutcome.FAIL, 2);
        AuditEvent retried = event(AuditAction.DOCUMENT_RETRIED, AuditOutcome.OK, 3);
        AuditEvent sent = event(AuditAction.DOCUMENT_SENT, AuditOutcome.OK, 5);

        AttemptHistory history = AttemptHistory.of(List.of(picked, event(AuditAction.DOCUMENT_CLAIMED,
                AuditOutcome.OK, 1), failed, retried, event(AuditAction.DOCUMENT_CLAIMED, AuditOutcome.OK, 4), sent));

        assertThat(history.steps()).containsExactly(picked, failed, retried, sent);
        assertThat(history.lastSent()).contains(t0.plusSeconds(5));
    }

    @Test
    void anOperatorsResolveIsNoSending() {
        AttemptHistory history = AttemptHistory.of(List.of(event(AuditAction.DOCUMENT_IN_DOUBT,
                AuditOutcome.IN_DOUBT, 1), event(AuditAction.DOCUMENT_RESOLVED, AuditOutcome.OK, 2)));

        assertThat(history.lastSent()).isEmpty();
    }
}
