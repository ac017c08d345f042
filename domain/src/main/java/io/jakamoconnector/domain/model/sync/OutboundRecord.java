package io.jakamoconnector.domain.model.sync;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the connector remembers of one document from the ERP.
 *
 * @param warnings the problems pre-flight validation found that did not keep it out of Jakamo, one summary each
 */
public record OutboundRecord(long id, IntegrationName integration, ErpDocumentRef ref, Sha256 sha256,
                             DocumentType type, Optional<BusinessKey> businessKey, OutboundState state, int attempts,
                             Instant createdAt, Optional<Instant> nextAttemptAt, Optional<String> claimedBy,
                             Optional<String> lastError, boolean archived, List<String> warnings) {
    public OutboundRecord {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Without warnings. */
    public OutboundRecord(long id, IntegrationName integration, ErpDocumentRef ref, Sha256 sha256, DocumentType type,
                          Optional<BusinessKey> businessKey, OutboundState state, int attempts, Instant createdAt,
                          Optional<Instant> nextAttemptAt, Optional<String> claimedBy, Optional<String> lastError,
                          boolean archived) {
        this(id, integration, ref, sha256, type, businessKey, state, attempts, createdAt, nextAttemptAt, claimedBy,
                lastError, archived, List.of());
    }

    /** Where it stands, as the type that says which transitions it allows. */
    public OutboundStatus status() {
        return OutboundStatus.of(this);
    }

    /** This record in {@code next} (obtained from a transition of {@link #status()}), archived as it was. */
    public OutboundRecord moveTo(OutboundStatus next) {
        return new OutboundRecord(id, integration, ref, sha256, type, businessKey, next.state(), next.attempts(),
                createdAt, next.nextAttemptAt(), next.claimant(), next.lastError(), archived, warnings);
    }
}
