package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.CorrelationId;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.SendOutcome;
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
import io.jakamoconnector.domain.port.out.SyncStatePort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sends recorded documents. The state is SENDING before the request starts, so a crash during the request is found
 * later as a document in doubt, never sent again silently: Jakamo has no idempotency key, and a second Order is a
 * second order.
 */
public final class SendOutboundDocumentsService implements SendOutboundDocumentsUseCase {
    private final SyncStatePort state;
    private final OutboundExchangePort jakamo;
    private final ErpOutboxPort erp;
    private final AuditWriter audit;
    private final Clock clock;
    private final OutboundPolicy policy;

    public SendOutboundDocumentsService(SyncStatePort state, OutboundExchangePort jakamo, ErpOutboxPort erp,
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
        for (OutboundRecord abandoned : state.expireAbandonedSends(integration, clock.instant(), policy.claimTtl())) {
            tally.inDoubt++;
            audit.write(event(AuditAction.DOCUMENT_IN_DOUBT, AuditOutcome.IN_DOUBT, abandoned, CorrelationId.random())
                    .reason("the sender stopped while sending; Jakamo may or may not have the document"));
        }
        for (OutboundRecord finished : state.unarchived(integration)) {
            archive(finished, CorrelationId.random(), tally);
        }
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
        audit.write(event(AuditAction.DOCUMENT_CLAIMED, AuditOutcome.OK, record, correlation).attempt(attempt)
                .reason("claimant=" + claimant));
        state.markSending(record.id(), claimant, clock.instant());
        Instant started = clock.instant();
        SendOutcome outcome;
        try {
            outcome = jakamo.send(record.integration(), work.document());
        } catch (PortFailureException e) {
            // the adapter could not even try (no token, a refused URI): nothing reached Jakamo
            outcome = e.retryable() ? new SendOutcome.Deferred(e.reasonCode() + ": " + e.getMessage(), e.retryAfter())
                    : new SendOutcome.Rejected(0, java.util.List.of(e.reasonCode() + ": " + e.getMessage()));
        }
        long millis = Duration.between(started, clock.instant()).toMillis();
        Instant now = clock.instant();
        if (outcome instanceof SendOutcome.Accepted accepted) {
            if (!record(record, claimant, OutboundState.SENT, null, null, now, correlation)) {
                return;
            }
            tally.sent++;
            audit.write(event(AuditAction.DOCUMENT_SENT, AuditOutcome.OK, record, correlation).attempt(attempt)
                    .durationMillis(millis).reason("HTTP " + accepted.status()));
            archive(state.findOutbound(record.id()).orElse(record), correlation, tally);
        } else if (outcome instanceof SendOutcome.Rejected rejected) {
            String error = "Jakamo refused the document" + (rejected.status() > 0 ? " (HTTP " + rejected.status() + ")"
                    : "") + ": " + String.join("; ", rejected.messages());
            if (!record(record, claimant, OutboundState.FAILED, error, null, now, correlation)) {
                return;
            }
            tally.failed++;
            audit.write(event(AuditAction.DOCUMENT_FAILED, AuditOutcome.DENIED, record, correlation)
                    .attempt(attempt).durationMillis(millis).reason(error));
            archive(state.findOutbound(record.id()).orElse(record), correlation, tally);
        } else if (outcome instanceof SendOutcome.Deferred deferred) {
            if (attempt >= policy.maxAttempts()) {
                String error = "gave up after " + attempt + " attempts; last: " + deferred.reason();
                if (!record(record, claimant, OutboundState.DEAD, error, null, now, correlation)) {
                    return;
                }
                tally.dead++;
                audit.write(event(AuditAction.DOCUMENT_FAILED, AuditOutcome.FAIL, record, correlation)
                        .attempt(attempt).durationMillis(millis).reason(error));
                archive(state.findOutbound(record.id()).orElse(record), correlation, tally);
            } else {
                Instant next = now.plus(policy.delayAfter(attempt, deferred.retryAfter().orElse(null)));
                if (!record(record, claimant, OutboundState.PENDING, deferred.reason(), next, now, correlation)) {
                    return;
                }
                tally.deferred++;
                audit.write(event(AuditAction.DOCUMENT_DEFERRED, AuditOutcome.RETRY, record, correlation)
                        .attempt(attempt).durationMillis(millis)
                        .reason(deferred.reason() + "; next attempt at " + next));
            }
        } else if (outcome instanceof SendOutcome.InDoubt doubt) {
            if (!record(record, claimant, OutboundState.IN_DOUBT, doubt.detail(), null, now, correlation)) {
                return;
            }
            tally.inDoubt++;
            audit.write(event(AuditAction.DOCUMENT_IN_DOUBT, AuditOutcome.IN_DOUBT, record, correlation)
                    .attempt(attempt).durationMillis(millis).reason(doubt.detail()));
            archive(state.findOutbound(record.id()).orElse(record), correlation, tally);
        }
    }

    /**
     * Records the outcome; false when the claim was lost meanwhile (a pause longer than the claim's lifetime): the
     * newer state stands, and the late outcome is put on record for the person resolving the document.
     */
    private boolean record(OutboundRecord record, String claimant, OutboundState outcome, String error,
                           Instant nextAttemptAt, Instant now, CorrelationId correlation) {
        try {
            state.recordOutcome(record.id(), claimant, outcome, error, nextAttemptAt, now);
            return true;
        } catch (StateStoreException e) {
            if (e.retryable()) {
                throw e;
            }
            audit.write(event(AuditAction.DOCUMENT_IN_DOUBT, AuditOutcome.IN_DOUBT, record, correlation)
                    .reason("the outcome " + outcome.name().toLowerCase(java.util.Locale.ROOT)
                            + (error == null ? "" : " (" + error + ")") + " arrived after this sender's claim was "
                            + "lost; the document's newer state was kept: " + e.getMessage()));
            return false;
        }
    }

    private void archive(OutboundRecord record, CorrelationId correlation, Tally tally) {
        ArchiveVerdict verdict = switch (record.state()) {
            case SENT -> new ArchiveVerdict.Processed();
            case IN_DOUBT -> new ArchiveVerdict.Failed(
                    "the connector may or may not have delivered this document to Jakamo (" + record.lastError()
                            .orElse("the answer was lost") + ")",
                    "check in Jakamo whether " + record.type().label() + " " + record.businessKey().map(Object::toString)
                            .orElse(record.ref().value()) + " arrived, then run: jakamo-connector messages resolve "
                            + record.id() + " --sent (it arrived) or --not-sent (send it again)");
            case FAILED -> new ArchiveVerdict.Failed(record.lastError().orElse("Jakamo refused the document"),
                    "correct the document and drop it into the folder again; to resend it unchanged run: "
                            + "jakamo-connector messages retry " + record.id());
            case DEAD -> new ArchiveVerdict.Failed(record.lastError().orElse("every attempt failed"),
                    "check the connection to Jakamo (jakamo-connector doctor), then run: jakamo-connector messages retry "
                            + record.id());
            case PENDING, SENDING -> null;
        };
        if (verdict == null) {
            return;
        }
        erp.archive(record.integration(), record.ref(), verdict);
        state.markArchived(record.id(), clock.instant());
        tally.archived++;
        audit.write(event(AuditAction.DOCUMENT_ARCHIVED, record.state() == OutboundState.SENT ? AuditOutcome.OK
                : AuditOutcome.FAIL, record, correlation).reason(verdict instanceof ArchiveVerdict.Processed
                ? "processed" : "failed"));
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
