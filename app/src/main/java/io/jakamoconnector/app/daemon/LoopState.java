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
    private String blocked;
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

    /**
     * The queue cannot move without a person ({@code why} names the host and the key that would trust it). A blocked
     * round is no successful one, so readiness turns stale after {@code staleAfterPolls} intervals as well.
     */
    synchronized void blocked(Instant now, String why) {
        blocked = why;
        failed(now, why);
    }

    synchronized void unblocked() {
        blocked = null;
    }

    /** 1 while blocked, for the {@code jakamo_queue_blocked} gauge. */
    synchronized double blockedGauge() {
        return blocked == null ? 0 : 1;
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
                note, rounds, Optional.ofNullable(blocked));
    }
}
