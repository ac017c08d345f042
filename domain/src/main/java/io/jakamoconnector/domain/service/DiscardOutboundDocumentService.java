package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.sync.OutboundCorrection;
import io.jakamoconnector.domain.model.sync.OutboundFix;
import io.jakamoconnector.domain.port.in.DiscardOutboundDocumentCommand;
import io.jakamoconnector.domain.port.in.DiscardOutboundDocumentUseCase;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.port.out.OperatorCorrectionsPort;
import java.time.Clock;

/** Ends a document that will never be sent, with its audit event in the same unit of work. */
public final class DiscardOutboundDocumentService implements DiscardOutboundDocumentUseCase {
    private final OutboundCorrections corrections;

    public DiscardOutboundDocumentService(OperatorCorrectionsPort corrections, AuditTrailPort trail, Clock clock,
                                          String node) {
        this.corrections = new OutboundCorrections(corrections, trail, clock, node);
    }

    @Override
    public OutboundCorrection discard(DiscardOutboundDocumentCommand command) {
        return corrections.apply(command.documentId(), OutboundFix.DISCARD, AuditAction.DOCUMENT_DISCARDED,
                command.decision());
    }
}
