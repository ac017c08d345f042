package io.jakamoconnector.domain.model.sync;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Instant;
import java.util.List;

/**
 * A message Jakamo has cleared from its queue (the acknowledgement was answered) whose acknowledgement is still to be
 * recorded, with the audit events that say so. The receiving use case records it with the next message's record, so a
 * message costs one commit instead of two; until then the queue itself proves it cleared (Jakamo's queue is
 * head-of-line, see {@code InboundStatePort#recordClearedBefore}).
 */
public record InboundAcknowledgement(IntegrationName integration, DedupKey key, Instant at, List<AuditEvent> audit) {
    public InboundAcknowledgement {
        Check.notNull("acknowledgement.integration", integration);
        Check.notNull("acknowledgement.key", key);
        Check.notNull("acknowledgement.at", at);
        audit = List.copyOf(Check.notNull("acknowledgement.audit", audit));
    }
}
