package io.jakamoconnector.domain.port.in;

import io.jakamoconnector.domain.model.sync.InboundCorrection;

/**
 * An operator decides a quarantined message will never be delivered (the sender sent a corrected one, it was a test,
 * it is of no use to the ERP): it stops waiting for a person.
 */
public interface DiscardQuarantinedMessageUseCase {

    /** Applied (now DISCARDED) or Refused with why; audited either way. */
    InboundCorrection discard(DiscardQuarantinedMessageCommand command);
}
