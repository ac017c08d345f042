package io.jakamoconnector.app.config;

import java.time.Duration;

/**
 * How long a document keeps being tried while Jakamo or the network fails in a way that may pass ({@code retry}):
 * after each failure the wait doubles from {@code first} up to {@code max}; after {@code attempts} attempts the
 * document is DEAD and needs a person. The defaults ride out an outage of about three days, a long weekend.
 *
 * @param attempts every attempt, the first included ({@code retry.attempts})
 * @param first    the wait after the first failure ({@code retry.firstSeconds})
 * @param max      the longest wait between two attempts ({@code retry.maxSeconds})
 * @param longestRetryAfter the longest {@code Retry-After} of Jakamo or its token service honoured
 *                 ({@code retry.maxRetryAfterSeconds}, default 1 hour): one answer cannot hold an integration longer
 */
public record RetryConfig(int attempts, Duration first, Duration max, Duration longestRetryAfter) {
    public static final Duration DEFAULT_LONGEST_RETRY_AFTER = Duration.ofHours(1);
    public static final int MAX_ATTEMPTS = 10_000;
    public static final int MAX_WAIT_SECONDS = 86_400;

    public RetryConfig {
        if (attempts < 1 || attempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("retry.attempts: must be from 1 to " + MAX_ATTEMPTS);
        }
        if (first == null || max == null || first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("retry: firstSeconds must be positive and maxSeconds at least as long");
        }
        if (longestRetryAfter == null || longestRetryAfter.isNegative() || longestRetryAfter.isZero()
                || longestRetryAfter.compareTo(Duration.ofSeconds(MAX_WAIT_SECONDS)) > 0) {
            throw new IllegalArgumentException("retry.maxRetryAfterSeconds: must be from 1 to " + MAX_WAIT_SECONDS);
        }
    }

    public RetryConfig(int attempts, Duration first, Duration max) {
        this(attempts, first, max, DEFAULT_LONGEST_RETRY_AFTER);
    }

    public static RetryConfig defaults() {
        return new RetryConfig(80, Duration.ofSeconds(30), Duration.ofHours(1));
    }

    /** How long a document is tried before it is DEAD, when every attempt fails at once. */
    public Duration patience() {
        Duration total = Duration.ZERO;
        Duration wait = first;
        for (int attempt = 1; attempt < attempts; attempt++) {
            total = total.plus(wait);
            wait = wait.multipliedBy(2).compareTo(max) > 0 ? max : wait.multipliedBy(2);
        }
        return total;
    }
}
