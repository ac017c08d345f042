package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.sync.OutboundCorrection;
import io.jakamoconnector.domain.model.sync.OutboundFix;
import io.jakamoconnector.domain.port.in.RetryOutboundDocumentCommand;
import io.jakamoconnector.domain.port.in.RetryOutboundDocumentUseCase;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.port.out.OperatorCorrectionsPort;
import java.time.Clock;

/** Puts a failed or dead document back to the senders, with its audit event in the same unit of work. */
public final class RetryOutboundDocumentService implements RetryOutboundDocumentUseCase {
    private final OutboundCorrections corrections;

    public RetryOutboundDocumentService(OperatorCorrectionsPort corrections, AuditTrailPort trail, Clock clock,
                                        String node) {
        this.corrections = new OutboundCorrections(corrections, trail, clock, node);
    }

    @Override
    public OutboundCorrection retry(RetryOutboundDocumentCommand command) {
        return corrections.apply(command.documentId(), OutboundFix.RETRY, AuditAction.DOCUMENT_RETRIED,
                command.decision());
    }
}
