package io.jakamoconnector.adapter.jakamo;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

/** The resilience4j {@link Retry} of an integration's calls: one for repeatable calls, one for documents. */
final class JakamoRetries {
    private JakamoRetries() {
    }

    /**
     * Exponential backoff with jitter ({@code firstBackoff}, x2, +-50 %, capped at {@code maxBackoff}) for
     * {@code maxAttempts} in all, never before a {@code Retry-After}; what is repeated at all is
     * {@link AttemptFailure#repeatNow}'s decision.
     */
    static Retry of(JakamoIntegration integration, boolean repeatable) {
        JakamoOptions options = integration.options();
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(options.firstBackoff(), 2.0, 0.5,
                options.maxBackoff());
        RetryConfig config = RetryConfig.<JakamoResponse>custom()
                .maxAttempts(options.maxAttempts())
                .retryOnException(t -> t instanceof AttemptFailure f
                        && f.repeatNow(repeatable, options.maxRetryAfterWait()))
                .intervalBiFunction((attempt, outcome) -> {
                    long millis = backoff.apply(attempt);
                    if (outcome.isLeft() && outcome.getLeft() instanceof AttemptFailure f && f.retryAfter() != null) {
                        millis = Math.max(millis, f.retryAfter().toMillis() + 1);
                    }
                    return millis;
                })
                .failAfterMaxAttempts(false)
                .writableStackTraceEnabled(false)
                .build();
        return Retry.of("jakamo-" + integration.name() + (repeatable ? "-repeatable" : "-once"), config);
    }
}
