package io.jakamoconnector.domain.model.sync;

import io.jakamoconnector.domain.model.document.Document;
import java.util.Locale;
import java.util.Optional;

/**
 * A correction an operator may make to an outbound document: the states it is for and what it makes of the record.
 * The one home of these rules; the persistence adapter writes what {@link #applyTo} returns.
 */
public enum OutboundFix {
    /** Send a FAILED or DEAD document again (after its cause was fixed), from the first attempt. */
    RETRY("only a failed or dead document can be retried"),
    /** The operator found an IN_DOUBT document in Jakamo: it was sent. */
    RESOLVE_SENT("only a document in doubt can be resolved"),
    /** The operator found an IN_DOUBT document missing in Jakamo: send it again, from the first attempt. */
    RESOLVE_NOT_SENT("only a document in doubt can be resolved"),
    /**
     * The operator decided the document will never be sent (a duplicate the ERP sent twice, an order cancelled
     * meanwhile, one in doubt found in Jakamo under another form): it stops waiting for a person, for good.
     */
    DISCARD("only a failed, dead or in-doubt document can be discarded");

    private final String rule;

    OutboundFix(String rule) {
        this.rule = rule;
    }

    /**
     * Where this correction takes a document in {@code from}, by the transition that state allows; empty when its
     * state has no such transition.
     */
    public Optional<OutboundStatus> next(OutboundStatus from) {
        OutboundStatus to = switch (this) {
            case RETRY -> from instanceof OutboundStatus.Retryable r ? r.retry() : null;
            case RESOLVE_SENT -> from instanceof OutboundStatus.InDoubt d ? d.resolveAsSent() : null;
            case RESOLVE_NOT_SENT -> from instanceof OutboundStatus.InDoubt d ? d.resolveAsNotSent() : null;
            case DISCARD -> from instanceof OutboundStatus.Discardable d ? d.discard() : null;
        };
        return Optional.ofNullable(to);
    }

    /**
     * The record after this correction, or empty when its state does not allow it. Not archived any more, so the next
     * round files the ERP file by how the document ends; no claim; attempts and error cleared when it is sent again.
     */
    public Optional<OutboundRecord> applyTo(OutboundRecord before) {
        return next(before.status()).map(to -> unarchived(before.moveTo(to)));
    }

    /**
     * Why this correction does not apply to {@code record}, for the operator; empty when it does. A document the
     * connector refused before sending it (FAILED with no attempt: unreadable, a copy, for another integration) is
     * not retried: its recorded bytes are what was refused, and sending them would be refused again or, worse, be
     * told as refused by Jakamo, which never saw them. The ERP corrects the file and drops it again.
     */
    public Optional<String> refusalFor(OutboundRecord record) {
        OutboundStatus status = record.status();
        if (next(status).isPresent()) {
            return Optional.empty();
        }
        if (this == RETRY && status instanceof OutboundStatus.RefusedLocally) {
            return Optional.of("document " + record.id() + " was refused by the connector before it was sent ("
                    + record.lastError().orElse("it could not be read") + "); a retry would send the same bytes: "
                    + "correct the file and drop it into to_jakamo again");
        }
        return Optional.of(refusal(record.id(), record.state()));
    }

    /** Why it is refused for a document in {@code state}, for the operator. */
    public String refusal(long id, OutboundState state) {
        return "document " + id + " is " + state.name().toLowerCase(Locale.ROOT) + "; " + rule;
    }

    /**
     * The record after a retry of a local refusal whose file was corrected: PENDING with the corrected content's
     * SHA-256, type and order number, no error, not archived (so the next round files its file by how it ends). Empty
     * when {@code before} is no local refusal (any more).
     */
    public static Optional<OutboundRecord> retryCorrected(OutboundRecord before, Document corrected) {
        if (!(before.status() instanceof OutboundStatus.RefusedLocally local)) {
            return Optional.empty();
        }
        OutboundStatus to = local.correct();
        return Optional.of(new OutboundRecord(before.id(), before.integration(), before.ref(), corrected.sha256(),
                corrected.type(), corrected.businessKey(), to.state(), to.attempts(), before.createdAt(),
                to.nextAttemptAt(), to.claimant(), to.lastError(), false));
    }

    private static OutboundRecord unarchived(OutboundRecord r) {
        return new OutboundRecord(r.id(), r.integration(), r.ref(), r.sha256(), r.type(), r.businessKey(), r.state(),
                r.attempts(), r.createdAt(), r.nextAttemptAt(), r.claimedBy(), r.lastError(), false, r.warnings());
    }
}
