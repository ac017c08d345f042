package io.jakamoconnector.domain.port.out;

import java.time.Duration;
import java.util.List;

/** A call to Jakamo failed in a way that is not an answer about a document (see {@code SendOutcome} for those). */
public final class JakamoExchangeException extends PortFailureException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** 401 even with a fresh token: the application is not mapped to the integration, or not approved. */
        AUTHENTICATION(false),
        /** 403: the token lacks the permission the endpoint needs (orders vs claims, read vs write). */
        PERMISSION(false),
        /** 4xx other than 401/403/408/429. */
        REFUSED(false),
        /** 5xx, 408, 429, a reset, a timeout: try again later. */
        TRANSIENT(true),
        /** The answer could not be read (malformed, cut off, over the size limit). */
        UNREADABLE_RESPONSE(true),
        /** A URI in a message points away from the configured Jakamo host: the token is never sent there. */
        FOREIGN_URI(false),
        /**
         * A URI in a message names a host that is not trusted for the integration: nothing is sent there, and the
         * queue waits (blocked) until a person trusts the host in the configuration or Jakamo's answer changes.
         */
        UNTRUSTED_HOST(false);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Reason reason;
    private final int status;
    private final List<String> remoteMessages;

    public JakamoExchangeException(Reason reason, int status, String message, List<String> remoteMessages,
                                   Duration retryAfter, Throwable cause) {
        super(message, reason.retryable, retryAfter, cause);
        this.reason = reason;
        this.status = status;
        this.remoteMessages = List.copyOf(remoteMessages);
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }

    public List<String> remoteMessages() {
        return remoteMessages;
    }

    @Override
    public String reasonCode() {
        return reason.name();
    }
}
