package io.jakamoconnector.app.cli;

import io.jakamoconnector.domain.model.audit.AuditedDocument;
import io.jakamoconnector.domain.model.sync.OrderSequence;
import io.jakamoconnector.domain.model.sync.OutboundQuery;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.port.out.MessageQueriesPort;
import java.util.Optional;

/** What the messages commands ask about one outbound document: how the audit trail names it, what it waits for. */
final class OutboundDocuments {
    private OutboundDocuments() {
    }

    /** The document {@code d} waits for before it may go (the per-order rule the senders apply); empty if none. */
    static Optional<OutboundRecord> waitsFor(MessageQueriesPort queries, OutboundRecord d) {
        if (d.businessKey().isEmpty()) {
            return Optional.empty();
        }
        return OrderSequence.waitsFor(d, queries.listOutbound(new OutboundQuery(Optional.of(d.integration()),
                Optional.empty(), d.businessKey(), Optional.empty(), Optional.empty(), 1000, 0)));
    }

    /** How the audit trail names a document. */
    static AuditedDocument audited(OutboundRecord d) {
        return new AuditedDocument(d.integration(), d.sha256());
    }
}
