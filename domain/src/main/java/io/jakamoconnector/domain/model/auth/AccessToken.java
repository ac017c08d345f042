package io.jakamoconnector.domain.model.auth;

import io.jakamoconnector.domain.model.Check;
import java.time.Duration;
import java.time.Instant;

/**
 * A bearer token for one integration. Its value is only ever put into an Authorization header: {@link #toString()}
 * shows the fingerprint and expiry, never the value.
 *
 * @param refreshAt when to fetch the next one in the background: the service's {@code refresh_in}, or half the lifetime
 */
public record AccessToken(String value, Instant issuedAt, Instant expiresAt, Instant refreshAt) {

    public AccessToken {
        Check.notNull("accessToken", value);
        Check.that(!value.isBlank(), "accessToken", "must not be empty (the token service answered without a token)");
        Check.notNull("accessToken.issuedAt", issuedAt);
        Check.notNull("accessToken.expiresAt", expiresAt);
        Check.that(expiresAt.isAfter(issuedAt), "accessToken.expiresAt", "must be after issuedAt");
        if (refreshAt == null) {
            refreshAt = issuedAt.plus(Duration.between(issuedAt, expiresAt).dividedBy(2));
        }
        Check.that(!refreshAt.isAfter(expiresAt), "accessToken.refreshAt", "must not be after expiresAt");
    }

    public static AccessToken of(String value, Instant issuedAt, Instant expiresAt) {
        return new AccessToken(value, issuedAt, expiresAt, null);
    }

    public Fingerprint fingerprint() {
        return Fingerprint.of(value);
    }

    /** Usable for a request starting now, with a margin for the request's own duration and clock skew. */
    public boolean isUsableAt(Instant now, Duration margin) {
        return now.plus(margin).isBefore(expiresAt);
    }

    public boolean isDueForRefreshAt(Instant now) {
        return !now.isBefore(refreshAt);
    }

    public Duration lifetime() {
        return Duration.between(issuedAt, expiresAt);
    }

    @Override
    public String toString() {
        return "AccessToken[fingerprint=" + fingerprint() + ", expiresAt=" + expiresAt + "]";
    }
}
