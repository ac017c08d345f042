package io.jakamoconnector.app.daemon;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one loop of one integration has done lately, for the readiness check and people.
 *
 * @param loop           {@code inbound} (the queue poller) or {@code outbound} (pick-up and sending)
 * @param lastSuccess    the end of the last round (or batch) that worked, empty before the first
 * @param lastFailure    what went wrong last, with when, empty when nothing did since the last success
 * @param roundStartedAt when the round now running started, empty when idle
 * @param note           for the poller, whether it holds the queue lease or stands by
 * @param blocked        for the poller, why its queue cannot move without a person (empty when it moves)
 */
public record LoopStatus(IntegrationName integration, String loop, Duration interval, Optional<Instant> lastSuccess,
                         Optional<String> lastFailure, Optional<Instant> lastFailureAt, Optional<Instant> roundStartedAt,
                         String note, long rounds, Optional<String> blocked) {
    /** Not blocked. */
    public LoopStatus(IntegrationName integration, String loop, Duration interval, Optional<Instant> lastSuccess,
                      Optional<String> lastFailure, Optional<Instant> lastFailureAt, Optional<Instant> roundStartedAt,
                      String note, long rounds) {
        this(integration, loop, interval, lastSuccess, lastFailure, lastFailureAt, roundStartedAt, note, rounds,
                Optional.empty());
    }
}
