package io.jakamoconnector.domain.model.sync;

/** Where a document from the ERP stands on its way to Jakamo. */
public enum OutboundState {
    /** Recorded, waiting for a sender (possibly until its next attempt time, or until its Order was sent). */
    PENDING,
    /** A sender claimed it and may have started the request: after a crash this becomes {@link #IN_DOUBT}. */
    SENDING,
    /** Jakamo took it. */
    SENT,
    /** The request may or may not have reached Jakamo: never sent again without a person's decision. */
    IN_DOUBT,
    /** Jakamo refused it, or it could not be read: it needs a corrected document. */
    FAILED,
    /** Transient failures used up every attempt. */
    DEAD,
    /** An operator decided it will never be sent (with a reason in the audit trail): nothing waits for it any more. */
    DISCARDED;

    public boolean finished() {
        return this == SENT || this == FAILED || this == DEAD || this == DISCARDED;
    }
}
