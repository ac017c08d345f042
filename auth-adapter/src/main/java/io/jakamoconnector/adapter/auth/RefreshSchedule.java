package io.jakamoconnector.adapter.auth;

import io.jakamoconnector.domain.model.auth.AccessToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the registration's background refresh runs next: at the token's {@code refreshAt}, and after a failed refresh
 * again before the current token runs out. At most one refresh is scheduled at a time. Not thread-safe: the
 * registration's lock guards it, and {@code refresh} takes that lock itself.
 */
final class RefreshSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(MsalAccessTokenAdapter.class);

    private final TokenRegistration registration;
    private final Duration retryDelay;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Runnable refresh;
    private ScheduledFuture<?> task;

    /**
     * @param retryDelay how long after a failed refresh it is tried again (sooner when the token runs out sooner)
     * @param refresh    what runs at the scheduled instant; it calls {@link #fired()} first
     */
    RefreshSchedule(TokenRegistration registration, Duration retryDelay, ScheduledExecutorService scheduler, Clock clock,
                    Runnable refresh) {
        this.registration = registration;
        this.retryDelay = retryDelay;
        this.scheduler = scheduler;
        this.clock = clock;
        this.refresh = refresh;
    }

    /** Replaces any scheduled refresh with one at {@code at} (at once when it is past). */
    void at(Instant at) {
        cancel();
        long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        try {
            task = scheduler.schedule(refresh, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            task = null;   // shutting down
        }
    }

    void cancel() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    /** The scheduled refresh has started: it is no longer pending. */
    void fired() {
        task = null;
    }

    /** Whether a refresh is scheduled and has not run yet. */
    boolean pending() {
        return task != null && !task.isDone();
    }

    /**
     * After a failed {@code what}, while {@code token} is still valid: schedules the next try before it runs out, no
     * earlier than {@code heldUntil} (a remembered failure's hold; null for none).
     */
    void retryLater(AccessToken token, Instant heldUntil, String what) {
        Instant at = nextTry(token, clock.instant(), heldUntil);
        if (at != null) {
            LOG.warn("{}: {} failed; token {} stays in use until {}; next try at {}", registration.integration(),
                    what, token.fingerprint(), token.expiresAt(), at);
            at(at);
        }
    }

    /**
     * The refresh delay or half the token's remaining life, whichever is shorter, but not before {@code heldUntil};
     * null when there is no token or that is not before it expires.
     */
    Instant nextTry(AccessToken token, Instant now, Instant heldUntil) {
        if (token == null || !now.isBefore(token.expiresAt())) {
            return null;
        }
        Duration half = Duration.between(now, token.expiresAt()).dividedBy(2);
        Instant at = now.plus(retryDelay.compareTo(half) < 0 ? retryDelay : half);
        if (heldUntil != null && at.isBefore(heldUntil)) {
            at = heldUntil;
        }
        return at.isBefore(token.expiresAt()) ? at : null;
    }
}
