package io.jakamoconnector.domain.model.sync;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ConfirmUrl;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Instant;
import java.util.Optional;

/** What the connector remembers of one inbound message. */
public record InboundRecord(IntegrationName integration, DedupKey dedupKey, DocumentType type,
                            Optional<BusinessKey> businessKey, Sha256 sha256, InboundState state, Instant receivedAt,
                            Optional<Instant> acknowledgedAt, int deliveries, Optional<String> deliveredAs,
                            Optional<String> quarantineReason, Optional<ConfirmUrl> confirmUrl) {

    /** Where it stands, as the type that says which transitions it allows. */
    public InboundStatus status() {
        return state.status();
    }
}
