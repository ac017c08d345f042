package io.jakamoconnector.adapter.jakamo;

import java.time.Duration;
import java.util.List;

/**
 * A request that got no usable answer, classified by what it means for repeating it. Internal to one call: the adapters
 * turn it into a {@code JakamoExchangeException} or a {@code SendOutcome} at their edge.
 */
final class AttemptFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    enum Kind {
        /** Nothing of the request can have been processed: no connection, or the body was never written. */
        NOT_SENT,
        /** The request may have reached Jakamo, and the answer was lost (a timeout, a reset). */
        MAYBE_SENT,
        /** Jakamo (or a proxy) answered with a status that says "later": 408, 429, 503, or any 5xx to a repeatable call. */
        STATUS,
        /** A successful answer whose body was cut off or timed out. */
        BODY
    }

    private final Kind kind;
    private final int status;
    private final List<String> remoteMessages;
    private final transient Duration retryAfter;
    private final boolean retryable;

    AttemptFailure(Kind kind, int status, String message, List<String> remoteMessages, Duration retryAfter,
                   boolean retryable, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.status = status;
        this.remoteMessages = List.copyOf(remoteMessages);
        this.retryAfter = retryAfter;
        this.retryable = retryable;
    }

    Kind kind() {
        return kind;
    }

    int status() {
        return status;
    }

    List<String> remoteMessages() {
        return remoteMessages;
    }

    Duration retryAfter() {
        return retryAfter;
    }

    boolean retryable() {
        return retryable;
    }

    /** Whether the same call may try again now (after the backoff), rather than handing the failure back. */
    boolean repeatNow(boolean repeatableCall, Duration longestWait) {
        if (!retryable || (retryAfter != null && retryAfter.compareTo(longestWait) > 0)) {
            return false;
        }
        return repeatableCall || kind == Kind.NOT_SENT || kind == Kind.STATUS;
    }
}
