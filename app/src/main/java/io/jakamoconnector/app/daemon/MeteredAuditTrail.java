package io.jakamoconnector.app.daemon;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import java.util.function.Consumer;

/**
 * Reports each append once it is committed (counted and passed on by {@link CommittedAuditEvents}) and counts the
 * appends the trail refused; otherwise the trail itself.
 */
public final class MeteredAuditTrail implements AuditTrailPort {
    private final AuditTrailPort trail;
    private final ServiceMetrics metrics;
    private final Consumer<AuditEvent> committed;

    public MeteredAuditTrail(AuditTrailPort trail, ServiceMetrics metrics, Consumer<AuditEvent> committed) {
        this.trail = trail;
        this.metrics = metrics;
        this.committed = committed;
    }

    /** Counting only. */
    public MeteredAuditTrail(AuditTrailPort trail, ServiceMetrics metrics) {
        this(trail, metrics, new CommittedAuditEvents(metrics));
    }

    @Override
    public void append(AuditEvent event) {
        try {
            trail.append(event);
        } catch (RuntimeException e) {
            metrics.auditAppendFailure(event.action());
            throw e;
        }
        committed.accept(event);
    }

    @Override
    public AuditVerification verify() {
        return trail.verify();
    }
}
