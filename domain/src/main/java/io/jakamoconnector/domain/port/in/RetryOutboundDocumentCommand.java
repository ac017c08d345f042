package io.jakamoconnector.domain.port.in;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.sync.OperatorDecision;

/** Send a failed or dead document again, on an operator's decision. */
public record RetryOutboundDocumentCommand(long documentId, OperatorDecision decision) {
    public RetryOutboundDocumentCommand {
        Check.that(documentId > 0, "documentId", "must be a document id (a positive number)");
        Check.notNull("decision", decision);
    }
}
