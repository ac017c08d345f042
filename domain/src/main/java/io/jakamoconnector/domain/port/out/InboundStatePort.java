package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundAcknowledgement;
import io.jakamoconnector.domain.model.sync.InboundReceipt;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.InboundRecording;
import io.jakamoconnector.domain.model.sync.QueueClearing;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What was received from Jakamo's queues, delivered to the ERP and acknowledged: the memory that makes crashes and
 * redeliveries harmless on the way in. The receiving use case's writes, fenced by the queue lease, and the reads it
 * needs; listings for people are {@link MessageQueriesPort}.
 *
 * <p>Each state change can carry the audit events that say it happened ({@code audit}). They are appended to the
 * audit trail in the same unit of work as the change, in the order given: a crash keeps both or neither, so the trail
 * never says something happened that the state does not show, nor the other way round, and a change with its events
 * costs one commit instead of one per event. When the change is refused (a lost lease) or fails, its events are not
 * written either; the caller audits what happened instead. A lost lease ({@link InboundRecording.LeaseLost},
 * {@link QueueClearing.LeaseLost}) is an answer; {@link StateStoreException} means the store itself failed.
 */
public interface InboundStatePort {

    /**
     * In one unit of work: checks the key is new, runs {@code delivery} (which hands the document to the ERP and
     * returns where), and records the message as delivered. If the key is known nothing runs. If {@code delivery}
     * throws, nothing is recorded. {@link InboundRecording.LeaseLost}, with nothing recorded nor delivered, when
     * {@code lease} is no longer held.
     * {@code audit} makes the events written with the record, from the record as stored; it is not called when the
     * key was known.
     * <p>
     * {@code earlier}, when present, is an earlier message's acknowledgement, recorded in the same unit of work (as
     * {@link #recordAcknowledged} would, its events before the record's), so the two cost one commit. Only with
     * {@link InboundRecording.Recorded}: when the key was known, the lease lost or anything failed, it is not recorded
     * and the caller records it on its own.
     */
    InboundRecording recordDelivered(InboundReceipt receipt, QueueLease lease, Optional<InboundAcknowledgement> earlier,
                                     Supplier<String> delivery, Function<InboundRecord, List<AuditEvent>> audit);

    /** {@link #recordDelivered(InboundReceipt, QueueLease, Optional, Supplier, Function)} with no earlier one. */
    default InboundRecording recordDelivered(InboundReceipt receipt, QueueLease lease, Supplier<String> delivery,
                                             Function<InboundRecord, List<AuditEvent>> audit) {
        return recordDelivered(receipt, lease, Optional.empty(), delivery, audit);
    }

    /** {@link #recordDelivered(InboundReceipt, QueueLease, Optional, Supplier, Function)} without audit events. */
    default InboundRecording recordDelivered(InboundReceipt receipt, QueueLease lease, Supplier<String> delivery) {
        return recordDelivered(receipt, lease, delivery, record -> List.of());
    }

    /**
     * Records an unreadable message with its raw bytes and the reason, instead of delivering it, with {@code audit}
     * unless the key was known; {@link InboundRecording.LeaseLost} and {@code earlier} like {@link #recordDelivered}.
     */
    InboundRecording recordQuarantined(InboundReceipt receipt, QueueLease lease,
                                       Optional<InboundAcknowledgement> earlier, byte[] raw, String reason,
                                       List<AuditEvent> audit);

    default InboundRecording recordQuarantined(InboundReceipt receipt, QueueLease lease, byte[] raw, String reason,
                                               List<AuditEvent> audit) {
        return recordQuarantined(receipt, lease, Optional.empty(), raw, reason, audit);
    }

    default InboundRecording recordQuarantined(InboundReceipt receipt, QueueLease lease, byte[] raw, String reason) {
        return recordQuarantined(receipt, lease, raw, reason, List.of());
    }

    /** Records that the message was cleared from Jakamo's queue (after that happened), with {@code audit}. */
    void recordAcknowledged(IntegrationName integration, DedupKey key, Instant at, List<AuditEvent> audit);

    default void recordAcknowledged(InboundAcknowledgement acknowledgement) {
        recordAcknowledged(acknowledgement.integration(), acknowledgement.key(), acknowledgement.at(),
                acknowledgement.audit());
    }

    default void recordAcknowledged(IntegrationName integration, DedupKey key, Instant at) {
        recordAcknowledged(integration, key, at, List.of());
    }

    /**
     * The queue's head is now the message {@code head}. Jakamo's queue is strictly head-of-line (the oldest message not
     * yet cleared comes first, again and again until it is cleared), so every message of this integration recorded but
     * not yet acknowledged, other than the head, has been cleared: its acknowledgement reached Jakamo but its answer or
     * its record was lost (a cut answer, a database outage, a crash). Records each of them acknowledged at {@code at},
     * with the events {@code audit} makes for it, and returns them. Fenced like {@link #recordDelivered}:
     * {@link QueueClearing.LeaseLost}, changing nothing, when {@code lease} (on the integration's queue) is no longer
     * held, since a head read under a lost lease may be older than a message the new holder has just recorded.
     */
    QueueClearing recordClearedBefore(QueueLease lease, DedupKey head, Instant at,
                                            Function<InboundRecord, List<AuditEvent>> audit);

    Optional<InboundRecord> findInbound(IntegrationName integration, DedupKey key);

    /**
     * The message of this integration recorded (delivered or quarantined) but not yet acknowledged whose body has
     * exactly this SHA-256, the latest recorded first; empty when none. Jakamo may hand out a new acknowledgement URI on
     * every read, so a message redelivered after a failed acknowledgement is recognised by its bytes.
     */
    Optional<InboundRecord> findUnacknowledged(IntegrationName integration, Sha256 sha256);
}
