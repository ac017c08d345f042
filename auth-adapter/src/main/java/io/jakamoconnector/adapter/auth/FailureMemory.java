package io.jakamoconnector.adapter.auth;

import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The failure held against a registration after an acquisition failed, so that callers without a token get it again
 * without a request to Entra until the hold is over: no storms. Configuration errors are held longest, "not approved"
 * shorter, a {@code Retry-After} as asked, other passing failures briefly. Not thread-safe: the registration's lock
 * guards it.
 */
final class FailureMemory {
    private record Remembered(AccessTokenUnavailableException failure, Instant since, Instant until) {
    }

    private final TokenRegistration registration;
    private final TokenClientSettings settings;
    private final Clock clock;
    private Remembered remembered;

    FailureMemory(TokenRegistration registration, TokenClientSettings settings, Clock clock) {
        this.registration = registration;
        this.settings = settings;
        this.clock = clock;
    }

    /** Holds {@code failure} for as long as its reason asks, from now; a zero hold forgets instead. */
    void remember(AccessTokenUnavailableException failure) {
        Duration hold = switch (failure.reason()) {
            case INVALID_CLIENT, SECRET_EXPIRED, UNKNOWN_CLIENT, INVALID_SCOPE, CERTIFICATE_REJECTED,
                 CREDENTIAL_UNREADABLE -> settings.permanentFailureBackoff();
            case APP_NOT_APPROVED -> settings.notApprovedBackoff();
            default -> failure.retryAfter().orElse(settings.transientFailureBackoff());
        };
        Instant now = clock.instant();
        remembered = hold.isZero() ? null : new Remembered(failure, now, now.plus(hold));
    }

    void forget() {
        remembered = null;
    }

    /** Whether a failure is remembered at all, held or not any more. */
    boolean isEmpty() {
        return remembered == null;
    }

    /** Whether no request may be sent at {@code now}. */
    boolean holdsAt(Instant now) {
        return remembered != null && now.isBefore(remembered.until());
    }

    /** The end of the hold of the remembered failure; null when none is remembered. */
    Instant heldUntil() {
        return remembered == null ? null : remembered.until();
    }

    /** The remembered failure's reason; only while one is remembered. */
    AccessTokenUnavailableException.Reason reason() {
        return remembered.failure().reason();
    }

    /** The remembered failure for one more caller, saying when it happened and when a request is sent again. */
    AccessTokenUnavailableException replay() {
        Remembered held = remembered;
        AccessTokenUnavailableException failure = held.failure();
        Duration left = Duration.between(clock.instant(), held.until());
        String message = failure.getMessage();
        String prefix = registration.integration() + ": ";
        if (message.startsWith(prefix)) {
            message = message.substring(prefix.length());
        }
        return new AccessTokenUnavailableException(registration.integration(), failure.reason(),
                message + " [failed at " + held.since() + "; no new request before " + held.until() + "]",
                failure.retryAfter().isPresent() || failure.retryable() ? left : null,
                failure.remoteCorrelationId(), failure);
    }
}
