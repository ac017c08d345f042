package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.port.out.AuditTrailPort;

class InMemoryAuditTrailContractTest extends AuditTrailPortContract {
    @Override
    protected AuditTrailPort newTrail() {
        return new InMemoryAuditTrail();
    }

    @Override
    protected AuditTrailTampering tamperingOf(AuditTrailPort trail) {
        return ((InMemoryAuditTrail) trail).tampering();
    }
}
