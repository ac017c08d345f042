package io.jakamoconnector.domain.port.in;

import io.jakamoconnector.domain.model.sync.InboundCorrection;

/**
 * An operator delivers a quarantined message to the ERP after fixing what kept it out (a connector version that reads
 * it, a folder the connector may write again).
 */
public interface RedeliverQuarantinedMessageUseCase {

    /** Applied (delivered, or acknowledged when it was cleared from the queue) or Refused with why; audited either way. */
    InboundCorrection redeliver(RedeliverQuarantinedMessageCommand command);
}
