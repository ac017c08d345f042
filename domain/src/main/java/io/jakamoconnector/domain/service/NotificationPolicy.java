package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.Check;
import java.time.Duration;

/**
 * When notifications go out.
 *
 * @param digestAfter   at most this many messages per channel within {@code digestWindow} name one thing each; more
 *                      wait for the window's end and go as one digest (and more than this many at once go as one
 *                      digest at once)
 * @param digestWindow  see {@code digestAfter}
 * @param maxPerHour    messages per channel per hour at most (digests included); beyond it, what waits goes as one
 *                      digest once the hour allows
 * @param repeatAfter   the same thing (kind, integration, subject) is not told again within this time
 * @param maxAttempts   attempts per message when the channel fails in a way that may heal
 * @param firstRetry    the wait after the first failed attempt; it doubles each time up to {@code maxRetry}
 * @param maxRetry      the longest wait between attempts
 */
public record NotificationPolicy(int digestAfter, Duration digestWindow, int maxPerHour, Duration repeatAfter,
                                 int maxAttempts, Duration firstRetry, Duration maxRetry) {
    public NotificationPolicy {
        Check.that(digestAfter >= 1, "notifications.digestAfter", "must be at least 1");
        Check.notNull("notifications.digestWindow", digestWindow);
        Check.that(!digestWindow.isNegative() && !digestWindow.isZero(), "notifications.digestWindow",
                "must be positive");
        Check.that(maxPerHour >= 1, "notifications.maxPerHour", "must be at least 1");
        Check.notNull("notifications.repeatAfter", repeatAfter);
        Check.that(!repeatAfter.isNegative(), "notifications.repeatAfter", "must not be negative");
        Check.that(maxAttempts >= 1, "notifications.maxAttempts", "must be at least 1");
        Check.notNull("notifications.firstRetry", firstRetry);
        Check.notNull("notifications.maxRetry", maxRetry);
        Check.that(!firstRetry.isNegative() && maxRetry.compareTo(firstRetry) >= 0, "notifications.maxRetry",
                "must be at least firstRetry");
    }

    /** Five single messages a minute, 30 an hour, the same thing once a day, five attempts from 10 s to 5 min. */
    public static NotificationPolicy defaults() {
        return new NotificationPolicy(5, Duration.ofMinutes(1), 30, Duration.ofHours(24), 5, Duration.ofSeconds(10),
                Duration.ofMinutes(5));
    }

    /** The wait after failed attempt {@code attempt}, or the channel's own advice when longer. */
    public Duration delayAfter(int attempt, Duration advice) {
        Duration exponential = firstRetry.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
        Duration delay = exponential.compareTo(maxRetry) > 0 ? maxRetry : exponential;
        return advice != null && advice.compareTo(delay) > 0 ? advice : delay;
    }
}
