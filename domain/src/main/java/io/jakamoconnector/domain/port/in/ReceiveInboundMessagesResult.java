package io.jakamoconnector.domain.port.in;

/** What one drain of a queue did, and why it stopped. */
public record ReceiveInboundMessagesResult(int received, int delivered, int duplicates, int quarantined,
                                           int acknowledged, StopReason stoppedBecause, String detail) {

    public enum StopReason {
        QUEUE_EMPTY, LIMIT_REACHED, LEASE_LOST,
        /** A call failed; the message stays at the head of the queue for the next poll. */
        FAILED,
        /**
         * The queue cannot move without a person: a callback of its head names a host that is not trusted (the detail
         * names the host and the configuration key). The message stays at the head; nothing was sent to that host.
         */
        BLOCKED
    }

    public boolean failed() {
        return stoppedBecause == StopReason.FAILED || stoppedBecause == StopReason.BLOCKED;
    }
}
