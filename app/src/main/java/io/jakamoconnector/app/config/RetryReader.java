package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import java.time.Duration;
import java.util.Set;

/** {@code retry}: attempts and waits for a step that failed in a way worth trying again. */
final class RetryReader {
    private RetryReader() {
    }

    static RetryConfig read(ConfigSection node, RetryConfig defaults) {
        node.knownKeys(Set.of("attempts", "firstSeconds", "maxSeconds", "maxRetryAfterSeconds"));
        int attempts = node.integer("attempts", 1, RetryConfig.MAX_ATTEMPTS).orElse(defaults.attempts());
        int first = node.integer("firstSeconds", 1, RetryConfig.MAX_WAIT_SECONDS)
                .orElse((int) defaults.first().toSeconds());
        int max = node.integer("maxSeconds", 1, RetryConfig.MAX_WAIT_SECONDS)
                .orElse((int) Math.max(first, defaults.max().toSeconds()));
        if (max < first) {
            node.problem("retry.maxSeconds: must be at least retry.firstSeconds (" + first + ")");
            return defaults;
        }
        Duration longestRetryAfter = node.integer("maxRetryAfterSeconds", 1, RetryConfig.MAX_WAIT_SECONDS)
                .map(Duration::ofSeconds).orElse(defaults.longestRetryAfter());
        return new RetryConfig(attempts, Duration.ofSeconds(first), Duration.ofSeconds(max), longestRetryAfter);
    }
}
