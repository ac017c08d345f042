package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.Check;
import java.time.Duration;

/**
 * How outbound sending retries.
 *
 * @param claimTtl       how long a claim holds before another sender may take the document (or, for a document
 *                       being sent, before it is declared in doubt); longer than a send can take
 * @param maxAttempts    attempts for transient failures before a document is dead
 * @param firstRetry     the delay after the first transient failure; it doubles each time up to {@code maxRetry}
 * @param maxRetry       the longest delay between attempts
 */
public record OutboundPolicy(Duration claimTtl, int maxAttempts, Duration firstRetry, Duration maxRetry) {
    public OutboundPolicy {
        Check.notNull("claimTtl", claimTtl);
        Check.that(!claimTtl.isNegative() && !claimTtl.isZero(), "claimTtl", "must be positive");
        Check.that(maxAttempts >= 1, "maxAttempts", "must be at least 1");
        Check.notNull("firstRetry", firstRetry);
        Check.notNull("maxRetry", maxRetry);
        Check.that(!firstRetry.isNegative() && maxRetry.compareTo(firstRetry) >= 0, "maxRetry",
                "must be at least firstRetry");
    }

    public static OutboundPolicy defaults() {
        // 30 s doubling to 1 h, 80 attempts: about three days, so a long weekend's outage leaves nothing DEAD
        return new OutboundPolicy(Duration.ofMinutes(5), 80, Duration.ofSeconds(30), Duration.ofHours(1));
    }

    /** The delay before attempt {@code attempt + 1}, given the server's own advice if any. */
    public Duration delayAfter(int attempt, Duration serverAdvice) {
        Duration exponential = firstRetry.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
        Duration delay = exponential.compareTo(maxRetry) > 0 ? maxRetry : exponential;
        return serverAdvice != null && serverAdvice.compareTo(delay) > 0 ? serverAdvice : delay;
    }
}
