package io.jakamoconnector.domain.model.sync;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Instant;
import java.util.Optional;

/** What the connector remembers of one document from the ERP. */
public record OutboundRecord(long id, IntegrationName integration, ErpDocumentRef ref, Sha256 sha256,
                             DocumentType type, Optional<BusinessKey> businessKey, OutboundState state, int attempts,
                             Instant createdAt, Optional<Instant> nextAttemptAt, Optional<String> claimedBy,
                             Optional<String> lastError, boolean archived) {
}
