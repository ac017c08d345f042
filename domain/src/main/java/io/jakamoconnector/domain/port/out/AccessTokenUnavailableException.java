package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Duration;

/** No token could be had for an integration; the message says what to change and where. */
public final class AccessTokenUnavailableException extends PortFailureException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Wrong client secret (often the secret's id pasted instead of its value). */
        INVALID_CLIENT(false),
        SECRET_EXPIRED(false),
        /** Unknown client id, or the wrong tenant. */
        UNKNOWN_CLIENT(false),
        INVALID_SCOPE(false),
        /** Jakamo's administrators have not approved the application yet, or approved it minutes ago. */
        APP_NOT_APPROVED(true),
        CERTIFICATE_REJECTED(false),
        /** The secret or key could not be read from its reference. */
        CREDENTIAL_UNREADABLE(false),
        NETWORK(true),
        THROTTLED(true),
        SERVICE_UNAVAILABLE(true),
        /** The token service answered without a usable token. */
        EMPTY_TOKEN(true),
        UNEXPECTED(true);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }
    }

    private final IntegrationName integration;
    private final Reason reason;
    private final String remoteCorrelationId;

    public AccessTokenUnavailableException(IntegrationName integration, Reason reason, String message,
                                           Duration retryAfter, String remoteCorrelationId, Throwable cause) {
        super(integration + ": " + message, reason.retryable, retryAfter, cause);
        this.integration = integration;
        this.reason = reason;
        this.remoteCorrelationId = remoteCorrelationId;
    }

    public IntegrationName integration() {
        return integration;
    }

    public Reason reason() {
        return reason;
    }

    /** Entra's correlation id, for a support request; never a secret. */
    public String remoteCorrelationId() {
        return remoteCorrelationId;
    }

    @Override
    public String reasonCode() {
        return reason.name();
    }
}
