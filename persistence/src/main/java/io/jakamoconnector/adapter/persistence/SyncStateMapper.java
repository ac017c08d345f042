package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ConfirmUrl;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.InboundState;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundState;
import java.util.List;
import java.util.Optional;

/** Rows to domain records; the domain's own constructors check the values on the way in. */
final class SyncStateMapper {
    private SyncStateMapper() {
    }

    static InboundRecord inbound(InboundMessageRow row) {
        return new InboundRecord(new IntegrationName(row.integration()), new DedupKey(row.dedupKey()),
                DocumentType.valueOf(row.documentType()), businessKey(row.businessKey()), new Sha256(row.sha256()),
                InboundState.valueOf(row.state()), row.receivedAt(), Optional.ofNullable(row.acknowledgedAt()),
                row.deliveries(), Optional.ofNullable(row.deliveredAs()), Optional.ofNullable(row.quarantineReason()),
                Optional.ofNullable(row.confirmUrl()).map(ConfirmUrl::new));
    }

    static OutboundRecord outbound(OutboundDocumentRow row) {
        return new OutboundRecord(row.id(), new IntegrationName(row.integration()), new ErpDocumentRef(row.erpRef()),
                new Sha256(row.sha256()), DocumentType.valueOf(row.documentType()), businessKey(row.businessKey()),
                OutboundState.valueOf(row.state()), row.attempts(), row.createdAt(),
                Optional.ofNullable(row.nextAttemptAt()), Optional.ofNullable(row.claimedBy()),
                Optional.ofNullable(row.lastError()), row.archived(),
                row.warnings() == null ? List.of() : List.of(row.warnings().split("\n")));
    }

    static Optional<BusinessKey> businessKey(String value) {
        return Optional.ofNullable(value).map(BusinessKey::new);
    }
}
