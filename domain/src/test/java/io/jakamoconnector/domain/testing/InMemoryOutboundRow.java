package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundState;
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
}
