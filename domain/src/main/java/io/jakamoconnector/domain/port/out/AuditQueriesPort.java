package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditedDocument;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** What an operator reads of the audit trail about documents; it only reads and never changes the trail. */
public interface AuditQueriesPort {

    /** The events about {@code document} in the trail's order, at most {@code limit} of the newest. */
    List<AuditEvent> eventsAbout(AuditedDocument document, int limit);

    /**
     * For each of {@code documents} that Jakamo accepted, when it last did (per
     * {@link io.jakamoconnector.domain.model.audit.AttemptHistory#isSending}); the others are not in the map. One
     * read for a whole listing.
     */
    Map<AuditedDocument, Instant> lastSent(Collection<AuditedDocument> documents);
}
