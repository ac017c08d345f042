package io.jakamoconnector.domain.model.sync;

/** Where an inbound message stands. Each state is recorded only after what it names has happened. */
public enum InboundState {
    /** Recorded and handed to the ERP (one transaction); not yet acknowledged at Jakamo. */
    DELIVERED,
    /** Delivered and cleared from Jakamo's queue. */
    ACKNOWLEDGED,
    /** Could not be read; its raw bytes and the reason are kept, and it was not given to the ERP. */
    QUARANTINED,
    /** Quarantined and cleared from Jakamo's queue, so it no longer blocks the messages behind it. */
    QUARANTINED_ACKNOWLEDGED,
    /**
     * Quarantined, acknowledged and set aside for good by an operator (with a reason the audit trail keeps): it no
     * longer waits for a person, and its kept bytes were dropped.
     */
    DISCARDED;

    /**
     * Where a message in this state goes when an operator delivers its kept bytes to the ERP after the cause of its
     * quarantine was fixed: DELIVERED, or ACKNOWLEDGED when it was cleared from the queue already; empty for a
     * message that was delivered, which has nothing to redeliver.
     */
    public java.util.Optional<InboundState> afterRedelivery() {
        return switch (this) {
            case QUARANTINED -> java.util.Optional.of(DELIVERED);
            case QUARANTINED_ACKNOWLEDGED -> java.util.Optional.of(ACKNOWLEDGED);
            case DELIVERED, ACKNOWLEDGED, DISCARDED -> java.util.Optional.empty();
        };
    }

    /**
     * Where a message in this state goes when an operator discards it: DISCARDED from QUARANTINED_ACKNOWLEDGED only.
     * A QUARANTINED message is still at the head of Jakamo's queue: the service acknowledges it at its next round,
     * and a discarded one would not be; so it is discarded after that.
     */
    public java.util.Optional<InboundState> afterDiscard() {
        return this == QUARANTINED_ACKNOWLEDGED ? java.util.Optional.of(DISCARDED) : java.util.Optional.empty();
    }

    public boolean acknowledged() {
        return this == ACKNOWLEDGED || this == QUARANTINED_ACKNOWLEDGED || this == DISCARDED;
    }
}
