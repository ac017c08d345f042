package io.jakamoconnector.domain.model.sync;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ConfirmUrl;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Instant;
import java.util.Optional;

/**
 * The facts of an inbound message as it is first recorded.
 *
 * @param confirmUrl the message's {@code Jakamo-Confirm-Url}, kept so the ERP can later accept all changes of the
 *                   sales order it carried; empty for messages without one
 */
public record InboundReceipt(IntegrationName integration, DedupKey dedupKey, DocumentType type,
                             Optional<BusinessKey> businessKey, Sha256 sha256, Instant receivedAt,
                             Optional<ConfirmUrl> confirmUrl) {
    public InboundReceipt {
        Check.notNull("receipt.integration", integration);
        Check.notNull("receipt.dedupKey", dedupKey);
        Check.notNull("receipt.type", type);
        Check.notNull("receipt.businessKey", businessKey);
        Check.notNull("receipt.sha256", sha256);
        Check.notNull("receipt.receivedAt", receivedAt);
        Check.notNull("receipt.confirmUrl", confirmUrl);
    }

    /** A message without a confirmation URL (every message but a sales order's). */
    public InboundReceipt(IntegrationName integration, DedupKey dedupKey, DocumentType type,
                          Optional<BusinessKey> businessKey, Sha256 sha256, Instant receivedAt) {
        this(integration, dedupKey, type, businessKey, sha256, receivedAt, Optional.empty());
    }
}
