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
        return status() instanceof InboundStatus.Redeliverable r ? java.util.Optional.of(r.redeliver().state())
                : java.util.Optional.empty();
    }

    /**
     * Where a message in this state goes when an operator discards it: DISCARDED from QUARANTINED_ACKNOWLEDGED only.
     * A QUARANTINED message is still at the head of Jakamo's queue: the service acknowledges it at its next round,
     * and a discarded one would not be; so it is discarded after that.
     */
    public java.util.Optional<InboundState> afterDiscard() {
        return status() instanceof InboundStatus.QuarantinedAcknowledged q ? java.util.Optional.of(q.discard().state())
                : java.util.Optional.empty();
    }

    /** This state as the type that says which transitions it allows. */
    public InboundStatus status() {
        return InboundStatus.of(this);
    }

    public boolean acknowledged() {
        return !(status() instanceof InboundStatus.Unacknowledged);
    }
}
