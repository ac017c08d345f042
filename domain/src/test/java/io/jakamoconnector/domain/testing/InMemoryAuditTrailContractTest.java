package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.audit.AuditCoverage;
import io.jakamoconnector.domain.port.out.AuditRetentionPort;
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

    @Override
    protected AuditRetentionPort retentionOf(AuditTrailPort trail) {
        return (InMemoryAuditTrail) trail;
    }

    @Override
    protected AuditCoverage exportAll(AuditTrailPort trail) {
        return ((InMemoryAuditTrail) trail).exportNow("export-1.jsonl");
    }
}
