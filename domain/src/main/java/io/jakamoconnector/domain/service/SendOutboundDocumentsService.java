package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.CorrelationId;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.SendOutcome;
import io.jakamoconnector.domain.model.sync.AttemptEnd;
import io.jakamoconnector.domain.model.sync.ClaimedWrite;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.model.sync.OutboundWork;
import io.jakamoconnector.domain.port.in.SendOutboundDocumentsCommand;
import io.jakamoconnector.domain.port.in.SendOutboundDocumentsResult;
import io.jakamoconnector.domain.port.in.SendOutboundDocumentsUseCase;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import io.jakamoconnector.domain.port.out.OutboundExchangePort;
import io.jakamoconnector.domain.port.out.PortFailureException;
import io.jakamoconnector.domain.port.out.StateStoreException;
import io.jakamoconnector.domain.port.out.OutboundStatePort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends recorded documents. The state is SENDING before the request starts, so a crash during the request is found
 * later as a document in doubt, never sent again silently: Jakamo has no idempotency key, and a second Order is a
 * second order. A ConfirmAllChanges instruction is resolved at each attempt to the confirmation URL of the last
 * Order or OrderChange received for its order; being harmless to repeat, it is retried where a document would be in
 * doubt.
 *
 * <p>An answer Jakamo gave is never thrown away because the database was briefly unreachable: when recording the
 * outcome fails on a retryable database error, the outcome is kept in memory and recorded first in the next round
 * (the claim still holds, so it is accepted). Only if the process ends first does the document become IN_DOUBT,
 * once its claim expires, as with any crash.
 */
public final class SendOutboundDocumentsService implements SendOutboundDocumentsUseCase {
    private final OutboundStatePort state;
    private final OutboundExchangePort jakamo;
    private final ErpOutboxPort erp;
    private final AuditWriter audit;
    private final Clock clock;
    private final OutboundPolicy policy;
    /** Outcomes Jakamo gave whose recording failed on a retryable database error, by document id. */
    private final Map<Long, Outcome> unrecorded = new ConcurrentHashMap<>();

    /** What an attempt ended in, ready to be recorded (its events stamped once, written with the state change). */
    private record Outcome(OutboundRecord record, String claimant, AttemptEnd end, Instant at,
                           CorrelationId correlation, List<AuditEvent> events) {
    }

    public SendOutboundDocumentsService(OutboundStatePort state, OutboundExchangePort jakamo, ErpOutboxPort erp,
                                        AuditWriter audit, Clock clock, OutboundPolicy policy) {
        this.state = state;
        this.jakamo = jakamo;
        this.erp = erp;
        this.audit = audit;
        this.clock = clock;
        this.policy = policy;
    }

    @Override
    public SendOutboundDocumentsResult send(SendOutboundDocumentsCommand command) {
        IntegrationName integration = command.integration();
        Tally tally = new Tally();
        // first what Jakamo answered but the database did not take: the claims still hold, so it is accepted now
        for (Outcome kept : List.copyOf(unrecorded.values())) {
            if (kept.record().integration().equals(integration) && unrecorded.remove(kept.record().id(), kept)) {
                settle(kept, true, tally);
            }
        }
        for (OutboundRecord abandoned : state.expireAbandonedSends(integration, clock.instant(), policy.claimTtl())) {
            if (abandoned.state() == OutboundState.PENDING) {
                // repeatable (confirm-all): asking again is harmless, so it is simply sent again
                tally.deferred++;
                audit.write(event(AuditAction.DOCUMENT_DEFERRED, AuditOutcome.RETRY, abandoned, CorrelationId.random())
                        .reason("the sender stopped while sending; " + abandoned.type().label()
                                + " is harmless to repeat, so it will be sent again"));
                continue;
            }
            tally.inDoubt++;
            audit.write(event(AuditAction.DOCUMENT_IN_DOUBT, AuditOutcome.IN_DOUBT, abandoned, CorrelationId.random())
                    .reason("the sender stopped while sending; Jakamo may or may not have the document"));
        }
        for (OutboundRecord finished : state.unarchived(integration)) {
            archive(finished, CorrelationId.random(), tally);
        }
        // nothing can go without a token: claim nothing, so the outage costs no document an attempt or a retry wait
        jakamo.checkReady(integration);
        while (tally.handled() < command.max()) {
            Optional<OutboundWork> claimed = state.claimNext(integration, command.claimant(), clock.instant(),
                    policy.claimTtl());
            if (claimed.isEmpty()) {
                break;
            }
            sendOne(claimed.get(), command.claimant(), tally);
        }
        return tally.result();
    }

    private void sendOne(OutboundWork work, String claimant, Tally tally) {
        OutboundRecord record = work.record();
        CorrelationId correlation = CorrelationId.random();
        int attempt = record.attempts() + 1;
        if (state.markSending(record.id(), claimant, clock.instant(), List.of(audit.stamp(
                event(AuditAction.DOCUMENT_CLAIMED, AuditOutcome.OK, record, correlation).attempt(attempt)
                        .reason("claimant=" + claimant)))) instanceof ClaimedWrite.ClaimLost) {
            // this sender paused past its claim and another took the document: nothing was sent, the other sends it
            return;
        }
        Instant started = clock.instant();
        SendOutcome outcome;
        String acceptedAs = "";
        try {
            if (record.type() == DocumentType.CONFIRM_ALL_CHANGES) {
                ConfirmTarget target = confirmTarget(record);
                if (target.refusal != null) {
                    fail(record, claimant, attempt, 0, target.refusal, AuditOutcome.DENIED, correlation, tally);
                    return;
                }
                acceptedAs = "; all changes accepted as of the " + target.message.type().label() + " received "
                        + target.message.receivedAt() + " (message " + target.message.dedupKey().shortForm() + ")";
                outcome = jakamo.confirmAllChanges(record.integration(), target.message.confirmUrl().orElseThrow());
            } else {
                outcome = jakamo.send(record.integration(), work.document());
            }
        } catch (PortFailureException e) {
            // the adapter could not even try (no token, a refused URI): nothing reached Jakamo
            outcome = e.retryable() ? new SendOutcome.Deferred(e.reasonCode() + ": " + e.getMessage(), e.retryAfter())
                    : new SendOutcome.Rejected("", List.of(e.reasonCode() + ": " + e.getMessage()));
        }
        long millis = Duration.between(started, clock.instant()).toMillis();
        Instant now = clock.instant();
        if (outcome instanceof SendOutcome.Accepted accepted) {
            record(record, claimant, new AttemptEnd.Sent(), now, correlation,
                    event(AuditAction.DOCUMENT_SENT, AuditOutcome.OK, record, correlation).attempt(attempt)
                            .durationMillis(millis).reason(accepted.answer() + acceptedAs), tally);
        } else if (outcome instanceof SendOutcome.Rejected rejected) {
            String error = "Jakamo refused the document" + (rejected.answer().isEmpty() ? ""
                    : " (" + rejected.answer() + ")") + ": " + String.join("; ", rejected.messages());
            fail(record, claimant, attempt, millis, error, AuditOutcome.DENIED, correlation, tally);
        } else if (outcome instanceof SendOutcome.Deferred deferred) {
            if (attempt >= policy.maxAttempts()) {
                String error = "gave up after " + attempt + " attempts; last: " + deferred.reason();
                record(record, claimant, new AttemptEnd.OutOfAttempts(error), now, correlation,
                        event(AuditAction.DOCUMENT_FAILED, AuditOutcome.FAIL, record, correlation)
                                .attempt(attempt).durationMillis(millis).reason(error), tally);
            } else {
                Instant next = now.plus(policy.delayAfter(attempt, deferred.retryAfter().orElse(null)));
                record(record, claimant, new AttemptEnd.RetryAt(next, deferred.reason()), now, correlation,
                        event(AuditAction.DOCUMENT_DEFERRED, AuditOutcome.RETRY, record, correlation)
                                .attempt(attempt).durationMillis(millis)
                                .reason(deferred.reason() + "; next attempt at " + next), tally);
            }
        } else if (outcome instanceof SendOutcome.InDoubt doubt) {
            record(record, claimant, new AttemptEnd.InDoubt(doubt.detail()), now, correlation,
                    event(AuditAction.DOCUMENT_IN_DOUBT, AuditOutcome.IN_DOUBT, record, correlation)
                            .attempt(attempt).durationMillis(millis).reason(doubt.detail()), tally);
        }
    }

    private void fail(OutboundRecord record, String claimant, int attempt, long millis, String error,
                      AuditOutcome outcome, CorrelationId correlation, Tally tally) {
        record(record, claimant, new AttemptEnd.Refused(error), clock.instant(), correlation,
                event(AuditAction.DOCUMENT_FAILED, outcome, record, correlation)
                        .attempt(attempt).durationMillis(millis).reason(error), tally);
    }

    /** The message whose confirmation URL accepts the changes, or why there is none (exactly one is set). */
    private record ConfirmTarget(InboundRecord message, String refusal) {
    }

    /**
     * Resolves a ConfirmAllChanges instruction, at each attempt, to the last Order or OrderChange received for its
     * order. It refuses when a message arrived after the instruction was picked up: the ERP cannot have seen those
     * changes, and accepting "all changes" must never accept changes nobody looked at.
     */
    private ConfirmTarget confirmTarget(OutboundRecord record) {
        BusinessKey order = record.businessKey().orElseThrow(() -> new IllegalStateException(
                "a ConfirmAllChanges instruction without an OrderID was recorded as pending: " + record.id()));
        Optional<InboundRecord> latest = state.latestOrderMessage(record.integration(), order);
        if (latest.isEmpty()) {
            return new ConfirmTarget(null, "no Order or OrderChange for sales order " + order + " has been received on "
                    + "integration " + record.integration() + ", so there is no Jakamo-Confirm-Url to accept its "
                    + "changes with; OrderID must be the customer's order number (the cbc:ID of the Order or "
                    + "OrderChange the connector delivered to from_jakamo), and the order must have arrived before "
                    + "the instruction is dropped");
        }
        InboundRecord message = latest.get();
        if (message.receivedAt().isAfter(record.createdAt())) {
            return new ConfirmTarget(null, "a newer " + message.type().label() + " for sales order " + order
                    + " arrived at " + message.receivedAt() + ", after this instruction was picked up at "
                    + record.createdAt() + "; accepting all changes now would accept changes the ERP has not seen. "
                    + "Review that " + message.type().label() + " (in from_jakamo), then drop a new ConfirmAllChanges "
                    + "(with its own ID) if all its changes are accepted too");
        }
        if (message.confirmUrl().isEmpty()) {
            return new ConfirmTarget(null, "the last " + message.type().label() + " received for sales order " + order
                    + " (at " + message.receivedAt() + ", message " + message.dedupKey().shortForm()
                    + ") carried no usable Jakamo-Confirm-Url header, so its changes cannot be accepted without an "
                    + "OrderResponse; answer it with an OrderResponse instead");
        }
        return new ConfirmTarget(message, null);
    }

    /** Records how the attempt ended with its audit event (see {@link #settle}). */
    private void record(OutboundRecord record, String claimant, AttemptEnd end, Instant now,
                        CorrelationId correlation, AuditEvent.Builder event, Tally tally) {
        settle(new Outcome(record, claimant, end, now, correlation, List.of(audit.stamp(event))), false, tally);
    }

    /**
     * Records the outcome with its events, counts it and archives the ERP file of a finished document. On a retryable
     * database error the outcome is kept for the next round and the error rethrown (the round cannot go on without the
     * database). Refused because the claim was lost meanwhile: the newer state stands, and that is audited; unless,
     * on a retry, the state found is this very outcome: the failed attempt had committed after all (the connection
     * broke after the commit, before its answer), and it is counted as recorded.
     */
    private void settle(Outcome outcome, boolean retry, Tally tally) {
        OutboundRecord record = outcome.record();
        ClaimedWrite written;
        try {
            written = state.recordOutcome(record.id(), outcome.claimant(), outcome.end(), outcome.at(),
                    outcome.events());
        } catch (StateStoreException e) {
            if (e.retryable()) {
                unrecorded.put(record.id(), outcome);
            }
            throw e;
        }
        if (written instanceof ClaimedWrite.ClaimLost lost) {
            if (retry && committedAfterAll(outcome)) {
                count(outcome, tally);
                return;
            }
            AttemptEnd end = outcome.end();
            audit.write(event(AuditAction.DOCUMENT_IN_DOUBT, AuditOutcome.IN_DOUBT, record, outcome.correlation())
                    .reason("the outcome " + end.state().name().toLowerCase(java.util.Locale.ROOT)
                            + end.error().map(error -> " (" + error + ")").orElse("")
                            + " arrived after this sender's claim was lost; the document's newer state was kept: "
                            + lost.why()));
            return;
        }
        count(outcome, tally);
    }

    private boolean committedAfterAll(Outcome outcome) {
        return state.findOutbound(outcome.record().id()).filter(now -> now.state() == outcome.end().state()
                && now.claimedBy().isEmpty() && now.lastError().equals(outcome.end().error())).isPresent();
    }

    /** Counts a recorded outcome and, for a finished document, archives its ERP file. */
    private void count(Outcome outcome, Tally tally) {
        OutboundRecord record = outcome.record();
        AttemptEnd end = outcome.end();
        if (end instanceof AttemptEnd.RetryAt) {
            tally.deferred++;
            return;
        } else if (end instanceof AttemptEnd.Sent) {
            tally.sent++;
        } else if (end instanceof AttemptEnd.Refused) {
            tally.failed++;
        } else if (end instanceof AttemptEnd.OutOfAttempts) {
            tally.dead++;
        } else {
            tally.inDoubt++;
        }
        archive(state.findOutbound(record.id()).orElse(record), outcome.correlation(), tally);
    }

    private void archive(OutboundRecord record, CorrelationId correlation, Tally tally) {
        ArchiveVerdict verdict = switch (record.state()) {
            case SENT -> new ArchiveVerdict.Processed();
            case IN_DOUBT -> new ArchiveVerdict.Failed(ArchiveVerdict.Delivery.MAY_HAVE_BEEN_SENT,
                    "the connector sent this document to Jakamo and lost the answer (" + record.lastError()
                            .orElse("the answer was lost") + "), so Jakamo may have it" + evidence(record),
                    "do not drop it again. Check in Jakamo whether " + record.type().label() + " "
                            + record.businessKey().map(Object::toString).orElse(record.ref().value())
                            + " arrived, then run one of:\n"
                            + "  jakamo-connector messages resolve " + record.id() + " --sent --reason \"found in "
                            + "Jakamo\"\n"
                            + "  jakamo-connector messages resolve " + record.id() + " --not-sent --reason \"not in "
                            + "Jakamo\"   (the connector sends it again)");
            case FAILED -> record.type() == DocumentType.CONFIRM_ALL_CHANGES
                    ? new ArchiveVerdict.Failed(ArchiveVerdict.Delivery.REFUSED_BY_JAKAMO,
                            record.lastError().orElse("the changes were not accepted"),
                            "correct OrderID if it was wrong, and drop the instruction again (with a new ID) once "
                                    + "the order's latest Order or OrderChange is in from_jakamo and accepted; "
                                    + "jakamo-connector messages retry " + record.id() + " --reason \"...\" sends "
                                    + "this one again, but only if no message for the order arrived after it was "
                                    + "picked up")
                    : record.type() == DocumentType.ATTACHMENT
                    ? new ArchiveVerdict.Failed(ArchiveVerdict.Delivery.REFUSED_BY_JAKAMO,
                            record.lastError().orElse("Jakamo refused the attachment"),
                            "check that order " + record.businessKey().map(Object::toString).orElse("(none named)")
                                    + " is known to Jakamo on this integration (its Order was sent and accepted) and "
                                    + "that Jakamo accepts this kind and size of file. If the file belongs to "
                                    + "another order, name that order (a new name or a .order file) and drop it "
                                    + "again; if the order was missing and is there now, run: jakamo-connector "
                                    + "messages retry " + record.id() + " --reason \"...\"")
                    : new ArchiveVerdict.Failed(ArchiveVerdict.Delivery.REFUSED_BY_JAKAMO,
                            record.lastError().orElse("Jakamo refused the document"),
                            "correct the document and drop it into the folder again; to resend it unchanged run: "
                                    + "jakamo-connector messages retry " + record.id() + " --reason \"...\"");
            case DEAD -> new ArchiveVerdict.Failed(ArchiveVerdict.Delivery.NOT_DELIVERED,
                    record.lastError().orElse("every attempt failed"),
                    "check the connection to Jakamo (jakamo-connector doctor), then run: jakamo-connector messages "
                            + "retry " + record.id() + " --reason \"...\"");
            case DISCARDED -> new ArchiveVerdict.Discarded("an operator discarded this document: the connector "
                    + "will never send it" + record.lastError().map(e -> ". Its last problem was: " + e).orElse("")
                    + ". Who discarded it and why is in the audit trail (jakamo-connector messages show "
                    + record.id() + ")",
                    "nothing, unless it must reach Jakamo after all: then correct it and drop it into to_jakamo "
                            + "again as a new file (check Jakamo first if it may have been sent)");
            case PENDING, SENDING -> null;
        };
        if (verdict == null) {
            return;
        }
        boolean moved = erp.archiveIfUnchanged(record.integration(), record.ref(), record.sha256(), verdict);
        AuditEvent.Builder archived = moved
                ? event(AuditAction.DOCUMENT_ARCHIVED, record.state() == OutboundState.SENT
                        || record.state() == OutboundState.DISCARDED ? AuditOutcome.OK : AuditOutcome.FAIL, record,
                        correlation).reason(verdict instanceof ArchiveVerdict.Processed ? "processed"
                        : verdict instanceof ArchiveVerdict.Discarded ? "discarded" : "failed")
                : event(AuditAction.DOCUMENT_ARCHIVED, AuditOutcome.DENIED, record, correlation).reason(
                        "left in the drop folder: the ERP rewrote the file after it was read; the version read was "
                                + record.state().name().toLowerCase(java.util.Locale.ROOT) + " (jakamo-connector "
                                + "messages show " + record.id() + "), the new content is picked up as a new document");
        state.markArchived(record.id(), clock.instant(), List.of(audit.stamp(archived)));
        tally.archived++;
    }

    /**
     * What the connector knows that tells whether a document in doubt arrived: a message Jakamo sent for the same order
     * after the document was picked up (an OrderResponse to an Order, say) shows Jakamo has the order.
     */
    private String evidence(OutboundRecord record) {
        return record.businessKey().flatMap(key -> state.firstReceivedFor(record.integration(), key,
                        record.createdAt()))
                .map(m -> ". Evidence: " + m.type().label() + " for " + m.businessKey().map(Object::toString)
                        .orElse("this order") + " arrived from Jakamo at " + m.receivedAt()
                        + ", after this file was picked up, so Jakamo most likely has the order")
                .orElse("");
    }

    private static AuditEvent.Builder event(AuditAction action, AuditOutcome outcome, OutboundRecord record,
                                            CorrelationId correlation) {
        return AuditEvent.builder(action, outcome).integration(record.integration()).correlationId(correlation)
                .fileName(record.ref().value()).sha256(record.sha256()).businessKey(record.businessKey().orElse(null));
    }

    private static final class Tally {
        int sent;
        int failed;
        int deferred;
        int dead;
        int inDoubt;
        int archived;

        int handled() {
            return sent + failed + deferred + dead + inDoubt;
        }

        SendOutboundDocumentsResult result() {
            return new SendOutboundDocumentsResult(sent, failed, deferred, dead, inDoubt, archived);
        }
    }
}
