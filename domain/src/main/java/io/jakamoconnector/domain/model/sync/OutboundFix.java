package io.jakamoconnector.domain.model.sync;

import io.jakamoconnector.domain.model.document.Document;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A correction an operator may make to an outbound document: the states it is for and what it makes of the record.
 * The one home of these rules; the persistence adapter writes what {@link #applyTo} returns.
 */
public enum OutboundFix {
    /** Send a FAILED or DEAD document again (after its cause was fixed), from the first attempt. */
    RETRY(EnumSet.of(OutboundState.FAILED, OutboundState.DEAD), OutboundState.PENDING,
            "only a failed or dead document can be retried"),
    /** The operator found an IN_DOUBT document in Jakamo: it was sent. */
    RESOLVE_SENT(EnumSet.of(OutboundState.IN_DOUBT), OutboundState.SENT,
            "only a document in doubt can be resolved"),
    /** The operator found an IN_DOUBT document missing in Jakamo: send it again, from the first attempt. */
    RESOLVE_NOT_SENT(EnumSet.of(OutboundState.IN_DOUBT), OutboundState.PENDING,
            "only a document in doubt can be resolved"),
    /**
     * The operator decided the document will never be sent (a duplicate the ERP sent twice, an order cancelled
     * meanwhile, one in doubt found in Jakamo under another form): it stops waiting for a person, for good.
     */
    DISCARD(EnumSet.of(OutboundState.FAILED, OutboundState.DEAD, OutboundState.IN_DOUBT), OutboundState.DISCARDED,
            "only a failed, dead or in-doubt document can be discarded");

    private final Set<OutboundState> from;
    private final OutboundState to;
    private final String rule;

    OutboundFix(Set<OutboundState> from, OutboundState to, String rule) {
        this.from = from;
        this.to = to;
        this.rule = rule;
    }

    public boolean allows(OutboundState state) {
        return from.contains(state);
    }

    public OutboundState target() {
        return to;
    }

    /** Whether the document goes back to the senders (no attempts, no error, due at once). */
    public boolean sendsAgain() {
        return to == OutboundState.PENDING;
    }

    /**
     * The record after this correction, or empty when its state is not one this correction is for. Not archived any
     * more, so the next round files the ERP file by how the document ends; no claim; attempts and error cleared when
     * it is sent again.
     */
    public Optional<OutboundRecord> applyTo(OutboundRecord before) {
        if (refusalFor(before).isPresent()) {
            return Optional.empty();
        }
        boolean again = sendsAgain();
        return Optional.of(new OutboundRecord(before.id(), before.integration(), before.ref(), before.sha256(),
                before.type(), before.businessKey(), to, again ? 0 : before.attempts(), before.createdAt(),
                Optional.empty(), Optional.empty(), again ? Optional.empty() : before.lastError(), false,
                before.warnings()));
    }

    /**
     * Why this correction does not apply to {@code record}, for the operator; empty when it does. A document the
     * connector refused before sending it (FAILED with no attempt: unreadable, a copy, for another integration) is
     * not retried: its recorded bytes are what was refused, and sending them would be refused again or, worse, be
     * told as refused by Jakamo, which never saw them. The ERP corrects the file and drops it again.
     */
    public Optional<String> refusalFor(OutboundRecord record) {
        if (!allows(record.state())) {
            return Optional.of(refusal(record.id(), record.state()));
        }
        if (this == RETRY && record.state() == OutboundState.FAILED && record.attempts() == 0) {
            return Optional.of("document " + record.id() + " was refused by the connector before it was sent ("
                    + record.lastError().orElse("it could not be read") + "); a retry would send the same bytes: "
                    + "correct the file and drop it into to_jakamo again");
        }
        return Optional.empty();
    }

    /** Why it is refused for a document in {@code state}, for the operator. */
    public String refusal(long id, OutboundState state) {
        return "document " + id + " is " + state.name().toLowerCase(Locale.ROOT) + "; " + rule;
    }

    /**
     * Whether the connector refused this document before it was ever sent (FAILED with no attempt: unreadable, an
     * unknown root, no order number, not for this integration): Jakamo never saw it.
     */
    public static boolean refusedLocally(OutboundRecord record) {
        return record.state() == OutboundState.FAILED && record.attempts() == 0;
    }

    /**
     * The record after a retry of a local refusal whose file was corrected: PENDING with the corrected content's
     * SHA-256, type and order number, no error, not archived (so the next round files its file by how it ends). Empty
     * when {@code before} is no local refusal (any more).
     */
    public static Optional<OutboundRecord> retryCorrected(OutboundRecord before, Document corrected) {
        if (!refusedLocally(before)) {
            return Optional.empty();
        }
        return Optional.of(new OutboundRecord(before.id(), before.integration(), before.ref(), corrected.sha256(),
                corrected.type(), corrected.businessKey(), OutboundState.PENDING, 0, before.createdAt(),
                Optional.empty(), Optional.empty(), Optional.empty(), false));
    }
}
