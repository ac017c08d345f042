package io.jakamoconnector.domain.testing;

/**
 * What someone with write access to a trail's storage could do behind the connector's back, for the tamper contract
 * ({@link AuditTrailPortContract}). Each implementation does it to its own storage, the way an insider would: the
 * stored hashes and the chain's head are left as they were.
 */
public interface AuditTrailTampering {

    /** Changes the reason of the event at {@code seq}, keeping its stored hashes. */
    void edit(long seq);

    /** Deletes the event at {@code seq}. */
    void delete(long seq);

    /** Exchanges the events at {@code seq} and {@code seq + 1}; each position keeps its sequence number. */
    void swapWithNext(long seq);

    /** Deletes every event after {@code seq}, leaving the chain's head as it was. */
    void truncateAfter(long seq);
}
