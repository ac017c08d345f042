package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.exchange.IntegrationName;

/**
 * The right to poll one integration's queue. Jakamo's queue has no lease of its own, so two pollers would receive the
 * same message: only the holder polls, and it checks the lease again right before each acknowledgement
 * ({@link #isKnownHeld()} after a fenced record, {@link #isHeld()} otherwise), so an instance that was paused past
 * losing the lease cannot acknowledge.
 */
public interface QueueLease extends AutoCloseable {

    IntegrationName integration();

    /** Grows every time the lease changes hands; a stale holder's number is lower than the current one. */
    long fencingToken();

    /** Checks, against the shared store, that this holder still holds the lease. */
    boolean isHeld();

    /**
     * Whether this holder still holds the lease, answered from its last proof without asking the shared store while
     * that proof is recent enough that the lease cannot have expired since (a paused holder's proof is never recent
     * once it resumes); otherwise as {@link #isHeld()}. A lease lost in another way within that time (its connection
     * cut) is caught by the store's fencing, which refuses the record, so nothing that follows a record can be done
     * under it. The default asks the store every time.
     */
    default boolean isKnownHeld() {
        return isHeld();
    }

    /** Gives the lease up. */
    @Override
    void close();
}
