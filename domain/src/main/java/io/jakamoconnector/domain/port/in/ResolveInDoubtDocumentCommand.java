package io.jakamoconnector.domain.port.in;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.sync.OperatorDecision;

/** Settle a document in doubt: {@code sent} when the operator found it in Jakamo, else send it again. */
public record ResolveInDoubtDocumentCommand(long documentId, boolean sent, OperatorDecision decision) {
    public ResolveInDoubtDocumentCommand {
        Check.that(documentId > 0, "documentId", "must be a document id (a positive number)");
        Check.notNull("decision", decision);
    }
}
