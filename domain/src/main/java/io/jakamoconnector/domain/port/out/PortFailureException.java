package io.jakamoconnector.domain.port.out;

import java.time.Duration;
import java.util.Optional;

/**
 * Something behind a driven port failed. Adapters translate their technology's errors into a subtype at their edge,
 * keep the cause, and never put a secret into the message. {@link #retryable()} tells the core whether trying again
 * later can help; {@link #retryAfter()} carries the remote side's own advice when it gave one.
 */
public abstract class PortFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;
    private final transient Duration retryAfter;

    protected PortFailureException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** A stable code for the audit trail and metrics, such as {@code INVALID_CLIENT}. */
    public abstract String reasonCode();
}
