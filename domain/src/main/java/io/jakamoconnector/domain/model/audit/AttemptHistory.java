package io.jakamoconnector.domain.model.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an operator reads of one document's audit events: every step it went through (picked up, each attempt and
 * what Jakamo answered or what failed, an operator's correction, filed), oldest first. A claim is left out: the
 * attempt's outcome follows it and says the same with the answer. The one home of which events tell when a document
 * was sent, which the audit query adapters follow.
 */
public final class AttemptHistory {
    /** The event that says Jakamo accepted the document, with the time it did. */
    public static final AuditAction SENT = AuditAction.DOCUMENT_SENT;

    private final List<AuditEvent> steps;

    private AttemptHistory(List<AuditEvent> steps) {
        this.steps = steps;
    }

    /** From the document's events in the trail's order. */
    public static AttemptHistory of(List<AuditEvent> events) {
        Objects.requireNonNull(events, "events");
        return new AttemptHistory(events.stream().filter(e -> e.action() != AuditAction.DOCUMENT_CLAIMED).toList());
    }

    public List<AuditEvent> steps() {
        return steps;
    }

    /** When Jakamo last accepted it; empty when it never did (an operator's "resolve --sent" is no sending). */
    public Optional<Instant> lastSent() {
        return steps.stream().filter(AttemptHistory::isSending).map(AuditEvent::at).reduce((a, b) -> b);
    }

    /** Whether {@code event} records the document going to Jakamo and being accepted. */
    public static boolean isSending(AuditEvent event) {
        return event.action() == SENT && event.outcome() == AuditOutcome.OK;
    }
}
