package io.jakamoconnector.domain.port.in;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.sync.OperatorDecision;

/** Never send a failed, dead or in-doubt document, on an operator's decision (whose reason the trail keeps). */
public record DiscardOutboundDocumentCommand(long documentId, OperatorDecision decision) {
    public DiscardOutboundDocumentCommand {
        Check.that(documentId > 0, "documentId", "must be a document id (a positive number)");
        Check.notNull("decision", decision);
    }
}
