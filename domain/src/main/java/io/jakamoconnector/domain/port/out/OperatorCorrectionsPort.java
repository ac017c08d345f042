package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.sync.OperatorDecision;
import io.jakamoconnector.domain.model.sync.OutboundCorrection;
import io.jakamoconnector.domain.model.sync.OutboundFix;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Where an operator's corrections are written: each one change with its audit events, in one unit of work, so the
 * trail never shows a correction the state does not, nor the other way round.
 */
public interface OperatorCorrectionsPort {

    /**
     * In one unit of work: takes the document so no sender changes it meanwhile, applies {@code fix} as
     * {@link OutboundFix#applyTo} says, keeps {@code decision} with the record and appends the events {@code audit}
     * makes from what was done. A document that is unknown or in a state {@code fix} is not for is
     * {@link OutboundCorrection.Refused}, with nothing written. A failure (the audit insert's included) throws
     * {@link StateStoreException} and leaves the document as it was.
     */
    OutboundCorrection correctOutbound(long id, OutboundFix fix, OperatorDecision decision, Instant now,
                                       Function<OutboundCorrection.Applied, List<AuditEvent>> audit);
}
