package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.model.sync.OutboundStatus;
import java.time.Instant;
import java.util.Optional;

/** The mutable row behind an {@link OutboundRecord} in {@link InMemorySyncState}. */
final class InMemoryOutboundRow {
    long id;
    IntegrationName integration;
    OutgoingDocument document;
    OutboundState state;
    int attempts;
    Instant createdAt;
    Instant nextAttemptAt;
    String claimedBy;
    Instant claimedAt;
    String lastError;
    boolean archived;

    OutboundRecord record() {
        return new OutboundRecord(id, integration, document.ref(), document.document().sha256(),
                document.document().type(), document.document().businessKey(), state, attempts, createdAt,
                Optional.ofNullable(nextAttemptAt), Optional.ofNullable(claimedBy), Optional.ofNullable(lastError),
                archived, document.warnings());
    }

    OutboundStatus status() {
        return record().status();
    }

    /**
     * Takes the row to {@code next}, which only a transition of its {@link #status()} yields: the fake cannot make a
     * move the connector's states do not allow. The claim's time and the archive flag are the caller's.
     */
    void moveTo(OutboundStatus next) {
        state = next.state();
        attempts = next.attempts();
        nextAttemptAt = next.nextAttemptAt().orElse(null);
        claimedBy = next.claimant().orElse(null);
        lastError = next.lastError().orElse(null);
    }
}
