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
    QUARANTINED_ACKNOWLEDGED;

    public boolean acknowledged() {
        return this == ACKNOWLEDGED || this == QUARANTINED_ACKNOWLEDGED;
    }
}
