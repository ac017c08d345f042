package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundCorrection;
import io.jakamoconnector.domain.model.sync.InboundState;
import io.jakamoconnector.domain.model.sync.OperatorDecision;
import io.jakamoconnector.domain.model.sync.OutboundCorrection;
import io.jakamoconnector.domain.model.sync.OutboundFix;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

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

    /** The outbound document as stored now, to decide which correction applies; empty when unknown. */
    Optional<io.jakamoconnector.domain.model.sync.OutboundRecord> findOutbound(long id);

    /** The raw bytes kept of a quarantined message; empty when it is unknown or not quarantined. */
    Optional<byte[]> quarantinedBytes(IntegrationName integration, DedupKey key);

    /**
     * In one unit of work: takes the message, and if it is still quarantined with the bytes whose SHA-256 is
     * {@code read} (no one redelivered it meanwhile), runs {@code stage} (which puts {@code document} where the ERP
     * will see it once published, and returns its name), records it as {@link InboundState#afterRedelivery} says with
     * the document's type and business key, the name and one more delivery, drops the kept bytes, and appends the
     * events {@code audit} makes. Otherwise {@link InboundCorrection.Refused}, with nothing run or written. If
     * {@code stage} or the audit insert fails, it throws and the message stays quarantined.
     */
    InboundCorrection redeliverQuarantined(IntegrationName integration, DedupKey key, Sha256 read, Document document,
                                           OperatorDecision decision, Instant now, Supplier<String> stage,
                                           Function<InboundCorrection.Applied, List<AuditEvent>> audit);

    /**
     * In one unit of work: takes the message, and if {@link InboundCorrection#refuseDiscard} allows it, records it as
     * {@link InboundState#afterDiscard} says, drops its kept bytes and appends the events {@code audit} makes.
     * Otherwise {@link InboundCorrection.Refused}, with nothing written. If the audit insert fails, it throws
     * {@link StateStoreException} and the message stays quarantined.
     */
    InboundCorrection discardQuarantined(IntegrationName integration, DedupKey key, OperatorDecision decision,
                                         Instant now, Function<InboundCorrection.Applied, List<AuditEvent>> audit);

    /**
     * In one unit of work: takes the document, and if it is still the local refusal with the content whose SHA-256 is
     * {@code recorded} (no one corrected it meanwhile), makes it what {@link OutboundFix#retryCorrected} says, with
     * {@code corrected}'s bytes as its content, keeps {@code decision} with it and appends the events {@code audit}
     * makes. A document that is unknown, no local refusal (any more), or whose corrected content another document of
     * its integration already has, is {@link OutboundCorrection.Refused}, with nothing written. A failure (the audit
     * insert's included) throws {@link StateStoreException} and leaves the document as it was.
     */
    OutboundCorrection retryCorrected(long id, Sha256 recorded, Document corrected, OperatorDecision decision,
                                      Instant now, Function<OutboundCorrection.Applied, List<AuditEvent>> audit);
}
