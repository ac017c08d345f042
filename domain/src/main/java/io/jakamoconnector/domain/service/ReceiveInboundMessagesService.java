package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.InvalidValueException;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.CorrelationId;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentFacts;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.UnreadableDocumentException;
import io.jakamoconnector.domain.model.exchange.ConfirmUrl;
import io.jakamoconnector.domain.model.exchange.InboundMessage;
import io.jakamoconnector.domain.model.exchange.MessageHeaders;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundAcknowledgement;
import io.jakamoconnector.domain.model.sync.InboundReceipt;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.InboundRecording;
import io.jakamoconnector.domain.model.sync.QueueClearing;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesCommand;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesResult;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesResult.StopReason;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesUseCase;
import io.jakamoconnector.domain.port.out.ErpInboxPort;
import io.jakamoconnector.domain.port.out.InboundQueuePort;
import io.jakamoconnector.domain.port.out.JakamoExchangeException;
import io.jakamoconnector.domain.port.out.PortFailureException;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.port.out.InboundStatePort;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Drains a queue the only safe way for a queue without leases or idempotency: record and deliver in one unit of work
 * keyed by the message, acknowledge only after that, and recognise a redelivered message by its key. A message that
 * cannot be read is quarantined with its raw bytes and then acknowledged, so it cannot block the queue forever.
 */
public final class ReceiveInboundMessagesService implements ReceiveInboundMessagesUseCase {
    /** Why a round stopped on a lost lease: a takeover, or the lease's database connection failing (then retaken). */
    private static final String LEASE_NO_LONGER_HELD =
            "the queue lease is no longer held (another instance took it, or its database connection failed)";

    private final InboundQueuePort queue;
    private final InboundStatePort state;
    private final ErpInboxPort erp;
    private final DocumentReader reader;
    private final AuditWriter audit;
    private final Clock clock;
    /**
     * Integrations whose recorded messages are all known to be acknowledged or at the queue's head. Empty at start
     * (a crash may have come between an acknowledgement and its record); an integration leaves it whenever an
     * acknowledgement or its record fails, and is put back once the head has been read and the rest recorded cleared.
     */
    private final java.util.Set<IntegrationName> acknowledgementsSettled =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ReceiveInboundMessagesService(InboundQueuePort queue, InboundStatePort state, ErpInboxPort erp,
                                         DocumentReader reader, AuditWriter audit, Clock clock) {
        this.queue = queue;
        this.state = state;
        this.erp = erp;
        this.reader = reader;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A message's acknowledgement is recorded with the next message's record (one commit per message instead of two);
     * the round's last one is recorded on its own before the round returns. A crash in between leaves a message
     * cleared at Jakamo but recorded delivered, which the queue's head settles after the start
     * ({@link #settleAcknowledgements}), as it settles an acknowledgement whose answer was lost.
     */
    @Override
    public ReceiveInboundMessagesResult receive(ReceiveInboundMessagesCommand command) {
        Tally tally = new Tally();
        ReceiveInboundMessagesResult result;
        try {
            result = drain(command, tally);
        } catch (RuntimeException e) {
            if (tally.unrecorded != null) {
                // not recorded: the next head read settles it
                acknowledgementsSettled.remove(command.integration());
            }
            throw e;
        }
        return recordLastAcknowledgement(command.integration(), tally, result);
    }

    private ReceiveInboundMessagesResult recordLastAcknowledgement(IntegrationName integration, Tally tally,
                                                                   ReceiveInboundMessagesResult result) {
        InboundAcknowledgement last = tally.unrecorded;
        try {
            recordUnrecorded(tally);
            return result;
        } catch (PortFailureException e) {
            if (result.stoppedBecause() != StopReason.QUEUE_EMPTY
                    && result.stoppedBecause() != StopReason.LIMIT_REACHED) {
                return result;   // already says the round did not finish
            }
            audit.write(event(AuditAction.MESSAGE_RECEIVED, AuditOutcome.FAIL, integration, CorrelationId.random())
                    .reason(e.reasonCode() + ": recording the acknowledgement of " + last.key().shortForm()
                            + " failed; it is recorded once the queue is read again: " + e.getMessage()));
            return tally.result(StopReason.FAILED, e.getMessage());
        }
    }

    /**
     * Records the acknowledgement not yet recorded, if any, on its own. If that fails, the next head read settles it.
     */
    private void recordUnrecorded(Tally tally) {
        InboundAcknowledgement unrecorded = tally.unrecorded;
        if (unrecorded == null) {
            return;
        }
        tally.unrecorded = null;
        try {
            state.recordAcknowledged(unrecorded);
        } catch (RuntimeException e) {
            acknowledgementsSettled.remove(unrecorded.integration());
            throw e;
        }
    }

    private ReceiveInboundMessagesResult drain(ReceiveInboundMessagesCommand command, Tally tally) {
        IntegrationName integration = command.integration();
        QueueLease lease = command.lease();
        while (tally.received < command.maxMessages()) {
            // from the lease's last proof while it is recent: a paused holder asks again; the record is fenced anyway
            if (!lease.isKnownHeld()) {
                leaseLost(integration, null, "stopped before acknowledging");
                return tally.result(StopReason.LEASE_LOST, LEASE_NO_LONGER_HELD);
            }
            CorrelationId correlation = CorrelationId.random();
            Optional<InboundMessage> next;
            try {
                next = queue.next(integration);
            } catch (PortFailureException e) {
                if (blocksQueue(e)) {
                    return blocked(integration, correlation, e, tally);
                }
                audit.write(event(AuditAction.MESSAGE_RECEIVED, AuditOutcome.FAIL, integration, correlation)
                        .reason(e.reasonCode() + ": " + e.getMessage()));
                return tally.result(StopReason.FAILED, e.getMessage());
            }
            if (next.isEmpty()) {
                return tally.result(StopReason.QUEUE_EMPTY, "");
            }
            tally.received++;
            try {
                if (!handle(integration, lease, next.get(), correlation, tally)) {
                    return tally.result(StopReason.LEASE_LOST, LEASE_NO_LONGER_HELD);
                }
            } catch (PortFailureException e) {
                if (blocksQueue(e)) {
                    return blocked(integration, correlation, e, tally);
                }
                audit.write(event(AuditAction.MESSAGE_RECEIVED, AuditOutcome.FAIL, integration, correlation)
                        .sha256(next.get().sha256()).reason(e.reasonCode() + ": " + e.getMessage()));
                return tally.result(StopReason.FAILED, e.getMessage());
            }
        }
        return tally.result(StopReason.LIMIT_REACHED, "");
    }

    /**
     * A callback the head needs cannot be made: an acknowledgement URI that is refused (an untrusted host, not https),
     * or an attachment on an untrusted host. Retrying changes nothing until a person trusts the host (or Jakamo's
     * answer changes), so the queue is reported blocked, with the reason naming the host and the key, not just failed.
     */
    private static boolean blocksQueue(PortFailureException e) {
        return e instanceof JakamoExchangeException j && (j.reason() == JakamoExchangeException.Reason.UNTRUSTED_HOST
                || j.reason() == JakamoExchangeException.Reason.FOREIGN_URI);
    }

    private ReceiveInboundMessagesResult blocked(IntegrationName integration, CorrelationId correlation,
                                                 PortFailureException e, Tally tally) {
        audit.write(event(AuditAction.QUEUE_BLOCKED, AuditOutcome.DENIED, integration, correlation)
                .reason(e.getMessage()));
        return tally.result(StopReason.BLOCKED, e.getMessage());
    }

    /** Returns false when the lease was lost before the acknowledgement. */
    private boolean handle(IntegrationName integration, QueueLease lease, InboundMessage message,
                           CorrelationId correlation, Tally tally) {
        DedupKey key = dedupKey(integration, message);
        // written with the message's record (one commit for the message), or on its own where nothing is recorded
        AuditEvent received = audit.stamp(event(AuditAction.MESSAGE_RECEIVED, AuditOutcome.OK, integration,
                correlation).sha256(message.sha256()).reason("bytes=" + message.body().length));
        if (!settleAcknowledgements(lease, key)) {
            leaseLost(integration, correlation, "stopped before recording what the queue's head shows cleared");
            return false;
        }

        // a redelivered message is recognised where it is recorded (recordDelivered, recordQuarantined find its key
        // known), so the usual new message costs no extra lookup; only an attachment is looked up first, as
        // downloading it again would be wasted
        if (message.refusal().isPresent()) {
            return quarantine(integration, lease, message, key, message.refusal().get(), received, correlation,
                    tally);
        }
        DocumentFacts facts;
        try {
            // the queue adapter's reading when it made one, so the body is parsed once
            facts = message.facts().isPresent() ? message.facts().get() : reader.read(message.body());
            if (facts.type() == DocumentType.UNKNOWN) {
                throw new UnreadableDocumentException(UnreadableDocumentException.Reason.NOT_WELL_FORMED,
                        "unknown document type: root element <" + facts.rootLocalName().replaceAll("[^\\w.-]", "?")
                                + "> is none this connector delivers");
            }
        } catch (UnreadableDocumentException e) {
            return quarantine(integration, lease, message, key, e.getMessage(), received, correlation, tally);
        }

        Document document;
        if (facts.type() == DocumentType.ATTACHMENT) {
            Optional<InboundRecord> known = state.findInbound(integration, key);
            if (known.isPresent()) {
                audit.append(received);
                return redelivered(integration, lease, message, known.get(), correlation, tally);
            }
            Optional<Document> downloaded = downloadAttachment(integration, lease, message, key, facts, received,
                    correlation, tally);
            if (downloaded.isEmpty()) {
                return true;
            }
            document = downloaded.get();
        } else {
            document = facts.toDocument(message.body());
        }

        InboundReceipt receipt = new InboundReceipt(integration, key, document.type(), document.businessKey(),
                message.sha256(), clock.instant(), confirmUrl(message));
        String attachmentName = facts.childTexts().get("Filename");
        // staged in the unit of work, shown to the ERP only once it is committed: see ErpInboxPort.stage
        InboundRecording recording = state.recordDelivered(receipt, lease, Optional.ofNullable(tally.unrecorded),
                () -> document.type() == DocumentType.ATTACHMENT
                        ? erp.stageAttachment(integration, document, key, attachmentName)
                        : erp.stage(integration, document, key),
                stored -> List.of(received,
                        audit.stamp(event(AuditAction.MESSAGE_SAVED, AuditOutcome.OK, integration, correlation)
                                .businessKey(document.businessKey().orElse(null)).sha256(message.sha256())
                                .reason(document.type().label())),
                        audit.stamp(event(AuditAction.MESSAGE_DELIVERED, AuditOutcome.OK, integration, correlation)
                                .businessKey(document.businessKey().orElse(null)).sha256(document.sha256())
                                .fileName(stored.deliveredAs().orElse(null)))));
        if (recording instanceof InboundRecording.AlreadyKnown already) {
            audit.append(received);
            return redelivered(integration, lease, message, already.record(), correlation, tally);
        }
        if (recording instanceof InboundRecording.LeaseLost) {
            leaseLost(integration, correlation, "stopped before recording; the message was not delivered");
            return false;
        }
        tally.unrecorded = null;   // recorded with this message
        InboundRecord record = ((InboundRecording.Recorded) recording).record();
        record.deliveredAs().ifPresent(name -> erp.publish(integration, name));
        tally.delivered++;
        return acknowledge(integration, lease, message, key, document.businessKey().orElse(null), correlation, tally,
                true);
    }

    /**
     * The message's key. After a start or a failed acknowledgement the head may be a message already recorded that
     * Jakamo hands out with a new acknowledgement URI (so another key): it is then recognised by its exact bytes among
     * the messages recorded and not yet acknowledged (Jakamo's queue is head-of-line, so an identical message behind
     * it cannot be at the head before it is cleared). Otherwise every recorded message is acknowledged or this head,
     * and the usual new message costs no lookup.
     */
    private DedupKey dedupKey(IntegrationName integration, InboundMessage message) {
        if (!acknowledgementsSettled.contains(integration)) {
            Optional<InboundRecord> pending = state.findUnacknowledged(integration, message.sha256());
            if (pending.isPresent()) {
                return pending.get().dedupKey();
            }
        }
        return message.dedupKey(integration);
    }

    /**
     * The sales order's {@code Jakamo-Confirm-Url}, kept so the ERP can accept all its changes later. A header that is
     * no usable value (blank, over-long, control characters) is not kept: accepting the changes then fails with the
     * reason, and the message itself is delivered as usual.
     */
    private static Optional<ConfirmUrl> confirmUrl(InboundMessage message) {
        try {
            return message.headers().get(MessageHeaders.CONFIRM_URL).map(ConfirmUrl::new);
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    private Optional<Document> downloadAttachment(IntegrationName integration, QueueLease lease,
                                                  InboundMessage message, DedupKey key, DocumentFacts facts,
                                                  AuditEvent received, CorrelationId correlation, Tally tally) {
        String uri = facts.rootAttributes().get("Jakamo-Attachment-URI");
        String fileName = facts.childTexts().get("Filename");
        if (uri == null || uri.isBlank() || fileName == null || fileName.isBlank()) {
            quarantine(integration, lease, message, key,
                    "attachment message without a Jakamo-Attachment-URI attribute or a Filename element", received,
                    correlation, tally);
            return Optional.empty();
        }
        try {
            byte[] bytes = queue.downloadAttachment(integration, uri);
            return Optional.of(new Document(DocumentType.ATTACHMENT, facts.businessKey().orElse(null), bytes));
        } catch (PortFailureException e) {
            if (e.retryable() || e instanceof JakamoExchangeException j
                    && j.reason() == JakamoExchangeException.Reason.UNTRUSTED_HOST) {
                // an untrusted host may be trusted tomorrow: the announcement waits at the head (the queue is blocked)
                throw e;
            }
            // the file is gone or refused for good: keep the announcement, so nothing is lost silently
            quarantine(integration, lease, message, key,
                    "the attachment " + fileName + " could not be downloaded: " + e.getMessage(), received,
                    correlation, tally);
            return Optional.empty();
        }
    }

    private boolean quarantine(IntegrationName integration, QueueLease lease, InboundMessage message, DedupKey key,
                               String reason, AuditEvent received, CorrelationId correlation, Tally tally) {
        InboundReceipt receipt = new InboundReceipt(integration, key, DocumentType.UNKNOWN, Optional.empty(),
                message.sha256(), clock.instant());
        InboundRecording recording = state.recordQuarantined(receipt, lease, Optional.ofNullable(tally.unrecorded),
                message.body(), reason, List.of(
                received,
                audit.stamp(event(AuditAction.INPUT_REJECTED, AuditOutcome.DENIED, integration, correlation)
                        .sha256(message.sha256()).reason(reason)),
                audit.stamp(event(AuditAction.MESSAGE_QUARANTINED, AuditOutcome.OK, integration, correlation)
                        .sha256(message.sha256()).reason(reason))));
        if (recording instanceof InboundRecording.AlreadyKnown already) {
            audit.append(received);
            return redelivered(integration, lease, message, already.record(), correlation, tally);
        }
        if (recording instanceof InboundRecording.LeaseLost) {
            leaseLost(integration, correlation, "stopped before quarantining");
            return false;
        }
        tally.unrecorded = null;   // recorded with this message
        tally.quarantined++;
        return acknowledge(integration, lease, message, key, null, correlation, tally, true);
    }

    private boolean redelivered(IntegrationName integration, QueueLease lease, InboundMessage message,
                                InboundRecord record, CorrelationId correlation, Tally tally) {
        recordUnrecorded(tally);   // nothing was recorded to carry it
        // a crash may have come between the commit and the publication: finish it (a no-op when it was done, or when
        // the ERP has taken the file away since)
        record.deliveredAs().ifPresent(name -> erp.publish(integration, name));
        tally.duplicates++;
        audit.write(event(AuditAction.MESSAGE_DUPLICATE, AuditOutcome.DUPLICATE_SKIPPED, integration, correlation)
                .businessKey(record.businessKey().orElse(null)).sha256(message.sha256())
                .reason("already " + record.state().name().toLowerCase(java.util.Locale.ROOT)
                        + "; not delivered again, acknowledging"));
        return acknowledge(integration, lease, message, record.dedupKey(), record.businessKey().orElse(null),
                correlation, tally, false);
    }

    /**
     * Acknowledges once the lease is still held. {@code fencedRecord}: the message was just recorded under the lease's
     * fencing, so the lease's last proof answers while it is recent (a holder paused since asks the store); a message
     * recorded earlier (a redelivery) is acknowledged only after asking the store.
     */
    private boolean acknowledge(IntegrationName integration, QueueLease lease, InboundMessage message, DedupKey key,
                                BusinessKey businessKey, CorrelationId correlation, Tally tally,
                                boolean fencedRecord) {
        if (!(fencedRecord ? lease.isKnownHeld() : lease.isHeld())) {
            leaseLost(integration, correlation, "stopped before acknowledging");
            return false;
        }
        recordUnrecorded(tally);   // none is left by now; this keeps at most one waiting
        try {
            queue.acknowledge(integration, message.ackHandle());
        } catch (RuntimeException e) {
            // the acknowledgement may have reached Jakamo without its answer: settled once the queue's head is read
            // again (the same message again, or the next one, which proves this one cleared)
            acknowledgementsSettled.remove(integration);
            throw e;
        }
        // recorded with the next message's record, or at the end of the round
        tally.unrecorded = new InboundAcknowledgement(integration, key, clock.instant(), List.of(audit.stamp(
                event(AuditAction.MESSAGE_ACKNOWLEDGED, AuditOutcome.OK, integration, correlation)
                        .businessKey(businessKey).sha256(message.sha256()))));
        tally.acknowledged++;
        return true;
    }

    /**
     * Jakamo's queue is strictly head-of-line, so with {@code head} at the head, every other message recorded but not
     * acknowledged was cleared: its acknowledgement reached Jakamo, but its answer (cut, timed out) or its record (the
     * database, a crash) was lost. Those are recorded acknowledged, each with an audit event, so the state and the
     * audit trail say what Jakamo did. Checked after a start and after a failed acknowledgement, not on every message.
     * False, with nothing recorded, when the lease was lost.
     */
    private boolean settleAcknowledgements(QueueLease lease, DedupKey head) {
        IntegrationName integration = lease.integration();
        if (acknowledgementsSettled.contains(integration)) {
            return true;
        }
        QueueClearing clearing = state.recordClearedBefore(lease, head, clock.instant(),
                record -> List.of(audit.stamp(event(AuditAction.MESSAGE_ACKNOWLEDGED, AuditOutcome.OK, integration,
                        CorrelationId.random()).businessKey(record.businessKey().orElse(null)).sha256(record.sha256())
                        .fileName(record.deliveredAs().orElse(null))
                        .reason("cleared at Jakamo: the queue's head has moved past it, so its acknowledgement reached "
                                + "Jakamo although its answer or its record was lost"))));
        if (clearing instanceof QueueClearing.LeaseLost) {
            return false;
        }
        acknowledgementsSettled.add(integration);
        return true;
    }

    /** Audits a lost lease; {@code stopped} says what this holder did not do, as the new holder does it. */
    private void leaseLost(IntegrationName integration, CorrelationId correlation, String stopped) {
        audit.write(event(AuditAction.LEASE_LOST, AuditOutcome.DENIED, integration,
                correlation == null ? CorrelationId.random() : correlation)
                .reason("queue lease no longer held: " + stopped));
    }

    private static AuditEvent.Builder event(AuditAction action, AuditOutcome outcome, IntegrationName integration,
                                            CorrelationId correlation) {
        return AuditEvent.builder(action, outcome).integration(integration).correlationId(correlation);
    }

    private static final class Tally {
        int received;
        int delivered;
        int duplicates;
        int quarantined;
        int acknowledged;
        /** Cleared at Jakamo, not yet recorded: recorded with the next message's record or when the round ends. */
        InboundAcknowledgement unrecorded;

        ReceiveInboundMessagesResult result(StopReason reason, String detail) {
            return new ReceiveInboundMessagesResult(received, delivered, duplicates, quarantined, acknowledged, reason,
                    detail);
        }
    }
}
