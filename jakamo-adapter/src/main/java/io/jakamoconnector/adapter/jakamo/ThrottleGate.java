package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per integration, the earliest instant Jakamo asked to be called again ({@code Retry-After}), so that no
 * request of any kind (a poll, an acknowledgement, a send from another thread) goes out before it.
 */
final class ThrottleGate {
    private final Map<IntegrationName, Instant> notBefore = new ConcurrentHashMap<>();

    void holdUntil(IntegrationName integration, Instant until) {
        notBefore.merge(integration, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** How long a request for this integration must still wait, if at all. */
    Optional<Duration> remaining(IntegrationName integration, Instant now) {
        Instant until = notBefore.get(integration);
        if (until == null) {
            return Optional.empty();
        }
        if (!until.isAfter(now)) {
            notBefore.remove(integration, until);
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, until));
    }
}
