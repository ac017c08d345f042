package io.jakamoconnector.app.daemon;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.port.out.AuditTrailPort;

/** Counts audit appends by action, and the appends the trail refused; otherwise the trail itself. */
public final class MeteredAuditTrail implements AuditTrailPort {
    private final AuditTrailPort trail;
    private final ServiceMetrics metrics;

    public MeteredAuditTrail(AuditTrailPort trail, ServiceMetrics metrics) {
        this.trail = trail;
        this.metrics = metrics;
    }

    @Override
    public void append(AuditEvent event) {
        try {
            trail.append(event);
        } catch (RuntimeException e) {
            metrics.auditAppendFailure(event.action());
            throw e;
        }
        metrics.auditAppend(event.action());
    }

    @Override
    public AuditVerification verify() {
        return trail.verify();
    }
}
