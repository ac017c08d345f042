package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.attention.ChannelName;
import java.time.Duration;

/** A channel did not take a notification; the message says what to fix and never holds its URL or password. */
public final class NotificationFailedException extends PortFailureException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Not reachable, the connection broke, or no answer in time. */
        NETWORK(true),
        /** The receiver asks to slow down (HTTP 429). */
        THROTTLED(true),
        /** The receiver failed (HTTP 5xx, SMTP 4xx). */
        RECEIVER_UNAVAILABLE(true),
        /** The receiver refused it for good (HTTP 4xx, a rejected address). */
        REFUSED(false),
        /** The user name or password was not accepted. */
        AUTHENTICATION_FAILED(false),
        /** Secure transport was required and could not be had; nothing was sent in plain text. */
        INSECURE(false),
        /** The channel's settings cannot work (a secret that cannot be read, a bad address). */
        MISCONFIGURED(false);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }
    }

    private final ChannelName channel;
    private final Reason reason;

    public NotificationFailedException(ChannelName channel, Reason reason, String message, Duration retryAfter,
                                       Throwable cause) {
        super("channel " + channel + ": " + message, reason.retryable, retryAfter, cause);
        this.channel = channel;
        this.reason = reason;
    }

    public ChannelName channel() {
        return channel;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String reasonCode() {
        return reason.name();
    }
}
