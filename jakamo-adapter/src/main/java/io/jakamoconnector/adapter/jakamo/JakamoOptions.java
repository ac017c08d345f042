package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.exchange.RetryAfter;
import java.time.Duration;

/**
 * How the adapter talks to one integration's Jakamo endpoints.
 *
 * @param changeMethod       the verb for OrderChange, StatusMessage, ClaimChange and claim StatusMessage to
 *                           {@code …/{id}}: POST (what Jakamo's own code sends) or PUT (what the 2018 text says)
 * @param requestTimeout     how long one request may take until its answer's headers arrive, and again for its body
 * @param maxAttempts        attempts per call, the first included, for failures that are safe to repeat
 * @param firstBackoff       the wait after the first failed attempt; it doubles, with jitter, up to {@code maxBackoff}
 * @param maxBackoff         the longest wait between two attempts of one call
 * @param maxRetryAfterWait  the longest {@code Retry-After} waited for inside a call; a longer one ends the call with
 *                           the advice attached, so the caller schedules the next try
 * @param maxAttachmentBytes the largest attachment downloaded
 * @param paths              the endpoint paths
 * @param longestRetryAfter  the longest {@code Retry-After} honoured at all (in either form); longer advice is cut to
 *                           this, so one answer cannot stop the integration for a day
 */
public record JakamoOptions(ChangeMethod changeMethod, Duration requestTimeout, int maxAttempts, Duration firstBackoff,
                            Duration maxBackoff, Duration maxRetryAfterWait, int maxAttachmentBytes,
                            JakamoPaths paths, Duration longestRetryAfter) {
    /** The default of {@link #longestRetryAfter()}. */
    public static final Duration DEFAULT_LONGEST_RETRY_AFTER = Duration.ofHours(1);

    /** The verb for changes and status messages: open question 1 of the API notes. */
    public enum ChangeMethod {
        POST, PUT
    }

    public JakamoOptions {
        Check.notNull("jakamo.changeMethod", changeMethod);
        positive("jakamo.requestTimeout", requestTimeout);
        Check.that(maxAttempts >= 1 && maxAttempts <= 10, "jakamo.maxAttempts", "must be between 1 and 10");
        positive("jakamo.firstBackoff", firstBackoff);
        positive("jakamo.maxBackoff", maxBackoff);
        Check.that(maxBackoff.compareTo(firstBackoff) >= 0, "jakamo.maxBackoff", "must be at least firstBackoff");
        Check.notNull("jakamo.maxRetryAfterWait", maxRetryAfterWait);
        Check.that(!maxRetryAfterWait.isNegative(), "jakamo.maxRetryAfterWait", "must not be negative");
        Check.that(maxAttachmentBytes > 0, "jakamo.maxAttachmentBytes", "must be positive");
        Check.notNull("jakamo.paths", paths);
        positive("jakamo.longestRetryAfter", longestRetryAfter);
        Check.that(longestRetryAfter.compareTo(RetryAfter.LONGEST) <= 0, "jakamo.longestRetryAfter",
                "must be at most a day");
    }

    /**
     * POST for changes, 30 s per request, 3 attempts 0.5 s to 8 s apart, Retry-After waited up to 30 s and honoured up
     * to 1 hour, 50 MiB.
     */
    public static JakamoOptions defaults() {
        return new JakamoOptions(ChangeMethod.POST, Duration.ofSeconds(30), 3, Duration.ofMillis(500),
                Duration.ofSeconds(8), Duration.ofSeconds(30), 50 * 1024 * 1024, JakamoPaths.defaults(),
                DEFAULT_LONGEST_RETRY_AFTER);
    }

    public JakamoOptions withChangeMethod(ChangeMethod method) {
        return new JakamoOptions(method, requestTimeout, maxAttempts, firstBackoff, maxBackoff, maxRetryAfterWait,
                maxAttachmentBytes, paths, longestRetryAfter);
    }

    public JakamoOptions withRequestTimeout(Duration timeout) {
        return new JakamoOptions(changeMethod, timeout, maxAttempts, firstBackoff, maxBackoff, maxRetryAfterWait,
                maxAttachmentBytes, paths, longestRetryAfter);
    }

    public JakamoOptions withRetries(int attempts, Duration first, Duration max, Duration retryAfterWait) {
        return new JakamoOptions(changeMethod, requestTimeout, attempts, first, max, retryAfterWait,
                maxAttachmentBytes, paths, longestRetryAfter);
    }

    public JakamoOptions withMaxAttachmentBytes(int bytes) {
        return new JakamoOptions(changeMethod, requestTimeout, maxAttempts, firstBackoff, maxBackoff,
                maxRetryAfterWait, bytes, paths, longestRetryAfter);
    }

    public JakamoOptions withPaths(JakamoPaths newPaths) {
        return new JakamoOptions(changeMethod, requestTimeout, maxAttempts, firstBackoff, maxBackoff,
                maxRetryAfterWait, maxAttachmentBytes, newPaths, longestRetryAfter);
    }

    public JakamoOptions withLongestRetryAfter(Duration longest) {
        return new JakamoOptions(changeMethod, requestTimeout, maxAttempts, firstBackoff, maxBackoff,
                maxRetryAfterWait, maxAttachmentBytes, paths, longest);
    }

    private static void positive(String field, Duration value) {
        Check.notNull(field, value);
        Check.that(!value.isNegative() && !value.isZero(), field, "must be positive");
    }
}
