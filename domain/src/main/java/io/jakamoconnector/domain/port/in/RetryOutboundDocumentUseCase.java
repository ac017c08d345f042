package io.jakamoconnector.domain.port.in;

import io.jakamoconnector.domain.model.sync.OutboundCorrection;

/** An operator sends a FAILED or DEAD document again after fixing its cause. */
public interface RetryOutboundDocumentUseCase {

    /** Applied (now PENDING, from the first attempt) or Refused with why; audited either way. */
    OutboundCorrection retry(RetryOutboundDocumentCommand command);
}
