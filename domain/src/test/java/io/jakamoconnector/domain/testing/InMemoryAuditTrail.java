package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.model.audit.AttemptHistory;
import io.jakamoconnector.domain.model.audit.AuditedDocument;
import io.jakamoconnector.domain.port.out.AuditQueriesPort;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The audit trail as a list; nothing can change it, so it always verifies. It answers the operator's reads too. */
public final class InMemoryAuditTrail implements AuditTrailPort, AuditQueriesPort {
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

    @Override
    public synchronized List<AuditEvent> eventsAbout(AuditedDocument document, int limit) {
        List<AuditEvent> about = events.stream().filter(e -> isAbout(e, document)).toList();
        return about.subList(Math.max(0, about.size() - limit), about.size());
    }

    @Override
    public synchronized Map<AuditedDocument, Instant> lastSent(Collection<AuditedDocument> documents) {
        Map<AuditedDocument, Instant> sent = new HashMap<>();
        for (AuditEvent e : events) {
            if (AttemptHistory.isSending(e)) {
                documents.stream().filter(d -> isAbout(e, d)).findFirst().ifPresent(d -> sent.put(d, e.at()));
            }
        }
        return sent;
    }

    private static boolean isAbout(AuditEvent e, AuditedDocument document) {
        return document.integration().equals(e.integration()) && document.sha256().equals(e.sha256());
    }
}
