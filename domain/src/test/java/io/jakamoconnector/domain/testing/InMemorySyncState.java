package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.sync.AttemptEnd;
import io.jakamoconnector.domain.model.sync.ClaimedWrite;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundAcknowledgement;
import io.jakamoconnector.domain.model.sync.InboundReceipt;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.InboundRecording;
import io.jakamoconnector.domain.model.sync.InboundState;
import io.jakamoconnector.domain.model.sync.InboundStatus;
import io.jakamoconnector.domain.model.sync.InboundCorrection;
import io.jakamoconnector.domain.model.sync.OperatorDecision;
import io.jakamoconnector.domain.model.sync.OutboundCorrection;
import io.jakamoconnector.domain.model.sync.OutboundFix;
import io.jakamoconnector.domain.model.sync.OrderSequence;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundRegistration;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.model.sync.OutboundStatus;
import io.jakamoconnector.domain.model.sync.OutboundWork;
import io.jakamoconnector.domain.model.sync.QueueClearing;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.port.out.OperatorCorrectionsPort;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.port.out.StateStoreException;
import io.jakamoconnector.domain.port.out.InboundStatePort;
import io.jakamoconnector.domain.port.out.OutboundStatePort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sync state in memory, with the transaction semantics of the real one: a unit of work that throws (or "crashes")
 * before its commit leaves nothing behind, its audit events included; at its commit, they are appended to the trail.
 */
public final class InMemorySyncState implements InboundStatePort, OutboundStatePort, OperatorCorrectionsPort {
    private final Map<String, InboundRecord> inbound = new LinkedHashMap<>();
    private final Map<String, byte[]> quarantined = new LinkedHashMap<>();
    private final Map<Long, InMemoryOutboundRow> outbound = new LinkedHashMap<>();
    private final CrashPoints crashes;
    private final AuditTrailPort audit;
    private final InMemoryCorrections corrections =
            new InMemoryCorrections(inbound, quarantined, outbound, this::commit);
    private long nextId = 1;
    private int commits;

    /** Writes the events of each state change to {@code audit} when the change commits. */
    public InMemorySyncState(CrashPoints crashes, AuditTrailPort audit) {
        this.crashes = crashes;
        this.audit = audit;
    }

    public InMemorySyncState(AuditTrailPort audit) {
        this(CrashPoints.none(), audit);
    }

    /** For tests that do not look at the audit trail: the events go to a trail of its own. */
    public InMemorySyncState() {
        this(CrashPoints.none(), new InMemoryAuditTrail());
    }

    private void commit(List<AuditEvent> events) {
        commits++;
        events.forEach(audit::append);
    }

    /** The units of work committed so far, as the database counts its commits (a change without events included). */
    public synchronized int commits() {
        return commits;
    }

    static String key(IntegrationName integration, DedupKey key) {
        return integration + "/" + key;
    }

    // ---- inbound ----

    @Override
    public InboundRecording recordDelivered(InboundReceipt receipt, QueueLease lease,
                                            Optional<InboundAcknowledgement> earlier, Supplier<String> delivery,
                                            Function<InboundRecord, List<AuditEvent>> events) {
        synchronized (this) {
            InboundRecord known = inbound.get(key(receipt.integration(), receipt.dedupKey()));
            if (known != null) {
                return new InboundRecording.AlreadyKnown(known);
            }
            if (!lease.isHeld()) {
                return new InboundRecording.LeaseLost(leaseLost(lease));
            }
        }
        String deliveredAs = delivery.get();        // outside the lock, as the real one writes the file mid-transaction
        synchronized (this) {
            crashes.check(CrashPoints.BEFORE_INBOUND_COMMIT);
            InboundRecord known = inbound.get(key(receipt.integration(), receipt.dedupKey()));
            if (known != null) {
                return new InboundRecording.AlreadyKnown(known);
            }
            if (!lease.isHeld()) {
                return new InboundRecording.LeaseLost(leaseLost(lease));
            }
            InboundRecord record = new InboundRecord(receipt.integration(), receipt.dedupKey(), receipt.type(),
                    receipt.businessKey(), receipt.sha256(), InboundState.DELIVERED, receipt.receivedAt(),
                    Optional.empty(), 1, Optional.of(deliveredAs), Optional.empty(), receipt.confirmUrl());
            List<AuditEvent> written = new ArrayList<>(earlier.map(this::acknowledge).orElse(List.of()));
            written.addAll(events.apply(record));
            inbound.put(key(receipt.integration(), receipt.dedupKey()), record);
            commit(written);
            crashes.check(CrashPoints.AFTER_INBOUND_COMMIT);
            return new InboundRecording.Recorded(record);
        }
    }

    @Override
    public synchronized InboundRecording recordQuarantined(InboundReceipt receipt, QueueLease lease,
                                                           Optional<InboundAcknowledgement> earlier, byte[] raw,
                                                           String reason, List<AuditEvent> events) {
        InboundRecord known = inbound.get(key(receipt.integration(), receipt.dedupKey()));
        if (known != null) {
            return new InboundRecording.AlreadyKnown(known);
        }
        if (!lease.isHeld()) {
            return new InboundRecording.LeaseLost(leaseLost(lease));
        }
        InboundRecord record = new InboundRecord(receipt.integration(), receipt.dedupKey(), receipt.type(),
                receipt.businessKey(), receipt.sha256(), InboundState.QUARANTINED, receipt.receivedAt(),
                Optional.empty(), 0, Optional.empty(), Optional.of(reason), receipt.confirmUrl());
        inbound.put(key(receipt.integration(), receipt.dedupKey()), record);
        quarantined.put(key(receipt.integration(), receipt.dedupKey()), raw.clone());
        List<AuditEvent> written = new ArrayList<>(earlier.map(this::acknowledge).orElse(List.of()));
        written.addAll(events);
        commit(written);
        return new InboundRecording.Recorded(record);
    }

    private static String leaseLost(QueueLease lease) {
        return "the queue lease of " + lease.integration() + " is no longer held (fencing token "
                + lease.fencingToken() + ")";
    }

    @Override
    public synchronized void recordAcknowledged(IntegrationName integration, DedupKey key, Instant at,
                                                List<AuditEvent> events) {
        commit(acknowledge(new InboundAcknowledgement(integration, key, at, events)));
    }

    /** Records {@code a} (uncommitted) and returns its events, to commit with it. */
    private List<AuditEvent> acknowledge(InboundAcknowledgement a) {
        InboundRecord r = inbound.get(key(a.integration(), a.key()));
        if (r != null && r.status() instanceof InboundStatus.Unacknowledged waiting) {
            inbound.put(key(a.integration(), a.key()), acknowledged(r, waiting, a.at()));
        }
        return a.audit();
    }

    private static InboundRecord acknowledged(InboundRecord r, InboundStatus.Unacknowledged waiting, Instant at) {
        InboundState next = waiting.acknowledge().state();
        return new InboundRecord(r.integration(), r.dedupKey(), r.type(), r.businessKey(), r.sha256(), next,
                r.receivedAt(), Optional.of(at), r.deliveries(), r.deliveredAs(), r.quarantineReason(), r.confirmUrl());
    }

    @Override
    public synchronized QueueClearing recordClearedBefore(QueueLease lease, DedupKey head, Instant at,
                                                          Function<InboundRecord, List<AuditEvent>> events) {
        if (!lease.isHeld()) {
            return new QueueClearing.LeaseLost(leaseLost(lease));
        }
        IntegrationName integration = lease.integration();
        List<InboundRecord> cleared = new ArrayList<>();
        List<AuditEvent> written = new ArrayList<>();
        for (Map.Entry<String, InboundRecord> e : inbound.entrySet()) {
            InboundRecord r = e.getValue();
            if (r.integration().equals(integration) && !r.dedupKey().equals(head)
                    && r.status() instanceof InboundStatus.Unacknowledged waiting) {
                InboundRecord acknowledged = acknowledged(r, waiting, at);
                e.setValue(acknowledged);
                cleared.add(acknowledged);
                written.addAll(events.apply(acknowledged));
            }
        }
        commit(written);
        return new QueueClearing.Cleared(cleared);
    }

    @Override
    public synchronized Optional<InboundRecord> findInbound(IntegrationName integration, DedupKey key) {
        return Optional.ofNullable(inbound.get(key(integration, key)));
    }

    @Override
    public synchronized Optional<InboundRecord> findUnacknowledged(IntegrationName integration,
                                                                   io.jakamoconnector.domain.model.document.Sha256 sha256) {
        InboundRecord latest = null;
        for (InboundRecord r : inbound.values()) {
            if (r.integration().equals(integration) && r.sha256().equals(sha256) && !r.state().acknowledged()) {
                latest = r;   // insertion order: the last match is the latest recorded
            }
        }
        return Optional.ofNullable(latest);
    }

    @Override
    public synchronized Optional<InboundRecord> firstReceivedFor(IntegrationName integration, BusinessKey orderNumber,
                                                                 Instant since) {
        InboundRecord first = null;
        for (InboundRecord r : inbound.values()) {      // in the order recorded
            if (r.integration().equals(integration) && r.businessKey().equals(Optional.of(orderNumber))
                    && !r.receivedAt().isBefore(since) && (first == null || r.receivedAt().isBefore(first.receivedAt()))) {
                first = r;
            }
        }
        return Optional.ofNullable(first);
    }

    @Override
    public synchronized Optional<InboundRecord> latestOrderMessage(IntegrationName integration,
                                                                   BusinessKey orderNumber) {
        InboundRecord latest = null;
        for (InboundRecord r : inbound.values()) {      // in the order recorded
            boolean order = r.type() == DocumentType.ORDER || r.type() == DocumentType.ORDER_CHANGE;
            boolean delivered = r.state() == InboundState.DELIVERED || r.state() == InboundState.ACKNOWLEDGED;
            if (order && delivered && r.integration().equals(integration) && r.businessKey().equals(
                    Optional.of(orderNumber)) && (latest == null || !r.receivedAt().isBefore(latest.receivedAt()))) {
                latest = r;
            }
        }
        return Optional.ofNullable(latest);
    }

    public synchronized List<InboundRecord> inbound() {
        return List.copyOf(inbound.values());
    }

    @Override
    public synchronized Optional<byte[]> quarantinedBytes(IntegrationName integration, DedupKey key) {
        return Optional.ofNullable(quarantined.get(key(integration, key))).map(byte[]::clone);
    }

    // ---- outbound ----

    @Override
    public synchronized OutboundRegistration registerOutbound(IntegrationName integration, OutgoingDocument document,
                                                              Optional<String> refusal, Instant now,
                                                              Function<OutboundRecord, List<AuditEvent>> events) {
        Sha256 sha = document.document().sha256();
        for (InMemoryOutboundRow o : outbound.values()) {
            if (o.integration.equals(integration) && o.document.document().sha256().equals(sha)
                    && o.document.document().businessKey().equals(document.document().businessKey())) {
                return new OutboundRegistration.AlreadyRegistered(o.record());
            }
        }
        InMemoryOutboundRow o = new InMemoryOutboundRow();
        o.id = nextId++;
        o.integration = integration;
        o.document = document;
        o.moveTo(refusal.isPresent() ? new OutboundStatus.RefusedLocally(refusal) : OutboundStatus.Pending.fresh());
        o.createdAt = now;
        List<AuditEvent> written = events.apply(o.record());
        outbound.put(o.id, o);
        commit(written);
        crashes.check(CrashPoints.AFTER_REGISTER);
        return new OutboundRegistration.Registered(o.record());
    }

    @Override
    public synchronized Optional<OutboundWork> claimNext(IntegrationName integration, String claimant, Instant now,
                                                         Duration claimTtl) {
        for (InMemoryOutboundRow o : outbound.values()) {
            // a claimant is one sequential sender: its own unsent claim is free to it at once
            boolean free = o.claimedBy == null || o.claimedAt.plus(claimTtl).isBefore(now)
                    || claimant.equals(o.claimedBy);
            boolean due = o.nextAttemptAt == null || !o.nextAttemptAt.isAfter(now);
            if (o.integration.equals(integration) && o.status() instanceof OutboundStatus.Pending pending && free
                    && due && !waitsForEarlier(o)) {
                o.moveTo(pending.claim(claimant));
                o.claimedAt = now;
                OutboundWork work = new OutboundWork(o.record(), o.document);
                crashes.check(CrashPoints.AFTER_CLAIM);
                return Optional.of(work);
            }
        }
        return Optional.empty();
    }

    /** The ordering rule of {@link OutboundStatePort#claimNext}, as the domain states it. */
    private boolean waitsForEarlier(InMemoryOutboundRow candidate) {
        return OrderSequence.waitsFor(candidate.record(), outbound.values().stream().map(InMemoryOutboundRow::record)
                .toList()).isPresent();
    }

    @Override
    public synchronized ClaimedWrite markSending(long id, String claimant, Instant now, List<AuditEvent> events) {
        InMemoryOutboundRow o = outbound.get(id);
        if (o == null || !(o.status() instanceof OutboundStatus.Pending pending) || !pending.claimedBy(claimant)) {
            return new ClaimedWrite.ClaimLost("document " + id + " is not claimed by " + claimant);
        }
        o.moveTo(pending.startSending());
        o.claimedAt = now;
        commit(events);
        crashes.check(CrashPoints.AFTER_MARK_SENDING);
        return new ClaimedWrite.Done();
    }

    @Override
    public synchronized ClaimedWrite recordOutcome(long id, String claimant, AttemptEnd end, Instant now,
                                                   List<AuditEvent> events) {
        if (crashes.take(CrashPoints.DATABASE_ERROR_ON_RECORD_OUTCOME)) {
            throw new StateStoreException("recording the outcome of outbound document " + id
                    + " failed: the database connection was reset (simulated)", true, null);
        }
        InMemoryOutboundRow o = outbound.get(id);
        if (o == null || !(o.status() instanceof OutboundStatus.Sending sending)
                || !sending.sender().equals(claimant)) {
            return new ClaimedWrite.ClaimLost("document " + id + " is no longer being sent by " + claimant
                    + "; its outcome was not recorded");
        }
        o.moveTo(sending.end(end));
        o.claimedAt = null;
        commit(events);
        if (crashes.take(CrashPoints.DATABASE_ERROR_AFTER_RECORD_OUTCOME)) {
            throw new StateStoreException("recording the outcome of outbound document " + id
                    + " failed: the connection broke before the commit's answer (simulated)", true, null);
        }
        crashes.check(CrashPoints.AFTER_RECORD_OUTCOME);
        return new ClaimedWrite.Done();
    }

    @Override
    public synchronized void markArchived(long id, Instant now, List<AuditEvent> events) {
        existing(id).archived = true;
        commit(events);
    }

    @Override
    public synchronized List<OutboundRecord> expireAbandonedSends(IntegrationName integration, Instant now,
                                                                  Duration claimTtl) {
        List<OutboundRecord> expired = new ArrayList<>();
        for (InMemoryOutboundRow o : outbound.values()) {
            if (o.integration.equals(integration) && o.status() instanceof OutboundStatus.Sending sending
                    && o.claimedAt.plus(claimTtl).isBefore(now)) {
                o.moveTo(sending.abandon(o.document.document().type().repeatable()));
                o.claimedAt = null;
                expired.add(o.record());
            }
        }
        return expired;
    }

    @Override
    public synchronized List<OutboundRecord> unarchived(IntegrationName integration) {
        return outbound.values().stream()
                .filter(o -> o.integration.equals(integration) && !o.archived
                        && (o.state.finished() || o.state == OutboundState.IN_DOUBT))
                .map(InMemoryOutboundRow::record).toList();
    }

    @Override
    public synchronized Optional<OutboundRecord> findOutbound(long id) {
        return Optional.ofNullable(outbound.get(id)).map(InMemoryOutboundRow::record);
    }

    @Override
    public synchronized OutboundCorrection correctOutbound(long id, OutboundFix fix, OperatorDecision decision,
            Instant now, Function<OutboundCorrection.Applied, List<AuditEvent>> events) {
        return corrections.correctOutbound(id, fix, events);
    }

    @Override
    public synchronized InboundCorrection redeliverQuarantined(IntegrationName integration, DedupKey key, Sha256 read,
            Document document, OperatorDecision decision, Instant now, Supplier<String> stage,
            Function<InboundCorrection.Applied, List<AuditEvent>> events) {
        return corrections.redeliverQuarantined(integration, key, read, document, stage, events);
    }

    @Override
    public synchronized OutboundCorrection retryCorrected(long id, Sha256 recorded, Document corrected,
            OperatorDecision decision, Instant now, Function<OutboundCorrection.Applied, List<AuditEvent>> events) {
        return corrections.retryCorrected(id, recorded, corrected, events);
    }

    @Override
    public synchronized InboundCorrection discardQuarantined(IntegrationName integration, DedupKey key,
            OperatorDecision decision, Instant now, Function<InboundCorrection.Applied, List<AuditEvent>> events) {
        return corrections.discardQuarantined(integration, key, events);
    }

    public synchronized List<OutboundRecord> outbound() {
        return outbound.values().stream().map(InMemoryOutboundRow::record).toList();
    }

    private InMemoryOutboundRow existing(long id) {
        return Optional.ofNullable(outbound.get(id))
                .orElseThrow(() -> new StateStoreException("no outbound document " + id, false, null));
    }
}
