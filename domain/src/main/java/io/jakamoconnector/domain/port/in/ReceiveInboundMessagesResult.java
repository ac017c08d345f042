package io.jakamoconnector.domain.port.in;

/** What one drain of a queue did, and why it stopped. */
public record ReceiveInboundMessagesResult(int received, int delivered, int duplicates, int quarantined,
                                           int acknowledged, StopReason stoppedBecause, String detail) {

    public enum StopReason {
        QUEUE_EMPTY, LIMIT_REACHED, LEASE_LOST,
        /** A call failed; the message stays at the head of the queue for the next poll. */
        FAILED
    }

    public boolean failed() {
        return stoppedBecause == StopReason.FAILED;
    }
}
