package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.port.out.AuditQueriesPort;
import io.jakamoconnector.domain.port.out.AuditTrailPort;

class InMemoryAuditQueriesContractTest extends AuditQueriesPortContract {
    private InMemoryAuditTrail trail;

    @Override
    protected AuditTrailPort newTrail() {
        trail = new InMemoryAuditTrail();
        return trail;
    }

    @Override
    protected AuditQueriesPort queries() {
        return trail;
    }
}
