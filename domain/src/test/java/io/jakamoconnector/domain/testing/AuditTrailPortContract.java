package io.jakamoconnector.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.model.audit.CorrelationId;
import io.jakamoconnector.domain.model.auth.Fingerprint;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link io.jakamoconnector.domain.port.out.AuditTrailPort} must do. */
public abstract class AuditTrailPortContract {

    /** A fresh, empty trail. */
    protected abstract io.jakamoconnector.domain.port.out.AuditTrailPort newTrail();

    static AuditEvent event(int n) {
        return AuditEvent.builder(AuditAction.MESSAGE_DELIVERED, AuditOutcome.OK)
                .at(Instant.parse("2026-11-29T10:00:00Z").plusMillis(n)).node("node-1").actor("connector")
                .integration(new IntegrationName("orders")).businessKey(new BusinessKey("PO-" + n))
                .fileName("OrderResponse-PO-" + n + ".xml").sha256(Sha256.of(("b" + n).getBytes(StandardCharsets.UTF_8)))
                .reason("ok").correlationId(CorrelationId.random()).remoteCorrelationId("remote-" + n)
                .durationMillis(n).attempt(1).tokenFingerprint(Fingerprint.of("token-" + n)).credentialKeyId("key-1")
                .build();
    }

    @Test
    void anEmptyTrailVerifies() {
        assertThat(newTrail().verify()).isInstanceOf(AuditVerification.Intact.class);
    }

    @Test
    void appendedEventsVerifyAndAreCounted() {
        var trail = newTrail();
        for (int i = 1; i <= 25; i++) {
            trail.append(event(i));
        }
        trail.append(AuditEvent.builder(AuditAction.SERVICE_STARTED, AuditOutcome.OK)
                .at(Instant.parse("2026-11-29T11:00:00Z")).node("node-1").actor("connector").build());

        AuditVerification result = trail.verify();
        assertThat(result).isInstanceOf(AuditVerification.Intact.class);
        assertThat(((AuditVerification.Intact) result).events()).isEqualTo(26);
    }
}
