package io.jakamoconnector.domain.model.sync;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Instant;
import java.util.Optional;

/** The facts of an inbound message as it is first recorded. */
public record InboundReceipt(IntegrationName integration, DedupKey dedupKey, DocumentType type,
                             Optional<BusinessKey> businessKey, Sha256 sha256, Instant receivedAt) {
    public InboundReceipt {
        Check.notNull("receipt.integration", integration);
        Check.notNull("receipt.dedupKey", dedupKey);
        Check.notNull("receipt.type", type);
        Check.notNull("receipt.businessKey", businessKey);
        Check.notNull("receipt.sha256", sha256);
        Check.notNull("receipt.receivedAt", receivedAt);
    }
}
