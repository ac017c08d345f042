package io.jakamoconnector.adapter.auth;

import io.jakamoconnector.domain.model.auth.AccessToken;
import java.time.Duration;
import java.time.Instant;

/**
 * The token of one registration in use, with the instants the hot path compares against computed once when it is
 * stored: a cached {@code token()} is one volatile read and two comparisons. A token is handed out while it has the
 * minimum validity left, but never for less than the first three quarters of its life.
 */
final class TokenCache {
    /** A stored token: handed out before {@code usableUntil}, refreshed from {@code refreshAt}. */
    record Entry(AccessToken token, Instant usableUntil, Instant refreshAt, Instant acquiredAt) {
        boolean usableAt(Instant now) {
            return now.isBefore(usableUntil);
        }

        boolean refreshDueAt(Instant now) {
            return !now.isBefore(refreshAt);
        }
    }

    private final Duration minimumValidity;
    private volatile Entry entry;

    TokenCache(Duration minimumValidity) {
        this.minimumValidity = minimumValidity;
    }

    /** The stored token and its instants; null when none is stored. */
    Entry entry() {
        return entry;
    }

    /** The stored token, usable or not; null when none is stored. */
    AccessToken current() {
        Entry e = entry;
        return e == null ? null : e.token();
    }

    /** Whether {@code token} is the one stored and may still be handed out at {@code now}. */
    boolean usable(AccessToken token, Instant now) {
        Entry e = entry;
        return e != null && e.token() == token && e.usableAt(now);
    }

    void store(AccessToken token, Instant acquiredAt) {
        Duration quarter = token.lifetime().dividedBy(4);
        Instant usableUntil = token.expiresAt().minus(minimumValidity.compareTo(quarter) < 0 ? minimumValidity : quarter);
        entry = new Entry(token, usableUntil, token.refreshAt(), acquiredAt);
    }

    void clear() {
        entry = null;
    }
}
