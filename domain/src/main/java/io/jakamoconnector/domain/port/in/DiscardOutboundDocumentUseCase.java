package io.jakamoconnector.domain.port.in;

import io.jakamoconnector.domain.model.sync.OutboundCorrection;

/**
 * An operator decides a FAILED, DEAD or IN_DOUBT document will never be sent: it stops waiting for a person, and its
 * ERP file is filed as discarded at the senders' next round.
 */
public interface DiscardOutboundDocumentUseCase {

    /** Applied (now DISCARDED) or Refused with why; audited either way. */
    OutboundCorrection discard(DiscardOutboundDocumentCommand command);
}
