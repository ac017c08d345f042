package io.jakamoconnector.app.wiring;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.port.out.AuditTrailPort;

/**
 * The audit trail as adapters built at injection time see it: every call goes to the trail of the started database,
 * so an adapter can be constructed before the lifecycle starts and still audit everything after. What is appended
 * while the database starts (the first token requests of {@code run}) is held in memory and written first once it is
 * up; see {@link HoldingAuditTrail}.
 */
public final class StartedAuditTrail implements AuditTrailPort {
    private final PersistenceResource persistence;

    public StartedAuditTrail(PersistenceResource persistence) {
        this.persistence = persistence;
    }

    @Override
    public void append(AuditEvent event) {
        persistence.heldAuditTrail().append(event);
    }

    @Override
    public AuditVerification verify() {
        return persistence.heldAuditTrail().verify();
    }
}
