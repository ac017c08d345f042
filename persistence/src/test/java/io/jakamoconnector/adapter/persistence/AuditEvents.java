package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.CorrelationId;
import io.jakamoconnector.domain.model.auth.Fingerprint;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Audit events for tests: varied, with every optional field present in some and absent in others. (The builder is
 * immutable: each call returns a copy, hence the reassignments.)
 */
final class AuditEvents {
    static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456789Z");
    private static final AuditAction[] ACTIONS = AuditAction.values();
    private static final AuditOutcome[] OUTCOMES = AuditOutcome.values();

    private AuditEvents() {
    }

    static AuditEvent event(long n) {
        AuditEvent.Builder b = AuditEvent.builder(ACTIONS[(int) (n % ACTIONS.length)],
                        OUTCOMES[(int) (n % OUTCOMES.length)])
                .at(T0.plusMillis(n)).node("node-" + (n % 3)).actor(n % 7 == 0 ? "operator \"ops\"" : "connector")
                .integration(new IntegrationName(n % 2 == 0 ? "orders" : "claims"))
                .correlationId(new CorrelationId("c-" + n));
        if (n % 2 == 0) {
            b = b.businessKey(new BusinessKey("PO-" + n)).fileName("PO-" + n + "_\u00e4\u00f6.xml")
                    .sha256(Sha256.of(("doc " + n).getBytes(StandardCharsets.UTF_8)));
        }
        if (n % 3 == 0) {
            b = b.reason("HTTP 503; AADSTS7000215 \\ \"quoted\"").remoteCorrelationId("r-" + n)
                    .durationMillis(n % 1000).attempt((int) (n % 5) + 1);
        }
        if (n % 5 == 0) {
            b = b.tokenFingerprint(Fingerprint.of("token " + n)).credentialKeyId("kid-" + (n % 4));
        }
        return b.build();
    }
}
