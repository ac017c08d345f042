package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import java.util.ArrayList;
import java.util.List;

/** The audit trail as a list; nothing can change it, so it always verifies. */
public final class InMemoryAuditTrail implements AuditTrailPort {
    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized void append(AuditEvent event) {
        events.add(event);
    }

    @Override
    public synchronized AuditVerification verify() {
        return new AuditVerification.Intact(events.size(), events.size(), 0);
    }

    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }

    public synchronized long count(AuditAction action) {
        return events.stream().filter(e -> e.action() == action).count();
    }
}
