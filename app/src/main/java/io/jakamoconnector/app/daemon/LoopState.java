package io.jakamoconnector.app.daemon;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The mutable side of a {@link LoopStatus}: written by the loop's thread, read by the health endpoint. */
final class LoopState {
    private final IntegrationName integration;
    private final String loop;
    private final Duration interval;
    private Instant lastSuccess;
    private String lastFailure;
    private Instant lastFailureAt;
    private Instant roundStartedAt;
    private String note = "";
    private long rounds;

    LoopState(IntegrationName integration, String loop, Duration interval) {
        this.integration = integration;
        this.loop = loop;
        this.interval = interval;
    }

    synchronized void began(Instant now) {
        roundStartedAt = now;
    }

    /** A round, or a batch of a long round, worked. */
    synchronized void succeeded(Instant now) {
        lastSuccess = now;
        lastFailure = null;
        lastFailureAt = null;
    }

    synchronized void failed(Instant now, String what) {
        lastFailure = what;
        lastFailureAt = now;
    }

    synchronized void ended() {
        roundStartedAt = null;
        rounds++;
    }

    synchronized void note(String text) {
        note = text;
    }

    synchronized double lastSuccessEpochSeconds() {
        return lastSuccess == null ? Double.NaN : lastSuccess.toEpochMilli() / 1000.0;
    }

    synchronized LoopStatus snapshot() {
        return new LoopStatus(integration, loop, interval, Optional.ofNullable(lastSuccess),
                Optional.ofNullable(lastFailure), Optional.ofNullable(lastFailureAt), Optional.ofNullable(roundStartedAt),
                note, rounds);
    }
}
