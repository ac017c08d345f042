package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.sync.OutboundCorrection;
import io.jakamoconnector.domain.model.sync.OutboundFix;
import io.jakamoconnector.domain.port.in.ResolveInDoubtDocumentCommand;
import io.jakamoconnector.domain.port.in.ResolveInDoubtDocumentUseCase;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.port.out.OperatorCorrectionsPort;
import java.time.Clock;

/** Settles a document in doubt as the operator found it in Jakamo, with its audit event in the same unit of work. */
public final class ResolveInDoubtDocumentService implements ResolveInDoubtDocumentUseCase {
    private final OutboundCorrections corrections;

    public ResolveInDoubtDocumentService(OperatorCorrectionsPort corrections, AuditTrailPort trail, Clock clock,
                                         String node) {
        this.corrections = new OutboundCorrections(corrections, trail, clock, node);
    }

    @Override
    public OutboundCorrection resolve(ResolveInDoubtDocumentCommand command) {
        return corrections.apply(command.documentId(),
                command.sent() ? OutboundFix.RESOLVE_SENT : OutboundFix.RESOLVE_NOT_SENT,
                AuditAction.DOCUMENT_RESOLVED, command.decision());
    }
}
