package io.jakamoconnector.adapter.persistence;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When the audit trail signs checkpoints, and so what {@code verify} may demand.
 *
 * @param every      sign a checkpoint at every event whose sequence number is a multiple of this
 * @param interval   the connector signs the chain's head at least this often while it runs and has written events
 *                   (plus at start-up and shutdown): verify then requires every event older than
 *                   {@code interval + }{@link #GRACE} to be covered by a checkpoint. Empty: no schedule, nothing
 *                   required (tools and tests that write without one)
 * @param anchor     where every checkpoint is also appended, outside the database; empty: nowhere
 */
public record AuditCheckpointPolicy(int every, Optional<Duration> interval, Optional<AuditAnchorFile> anchor) {
    /**
     * What verify allows beyond the interval before it calls a missing checkpoint a missing one: a tick that takes a
     * while (it verifies what it signs), a scheduler that ran late, an event stamped before its transaction committed,
     * and clocks of several nodes a little apart.
     */
    public static final Duration GRACE = Duration.ofMinutes(1);

    public AuditCheckpointPolicy {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(anchor, "anchor");
        if (every < 1) {
            throw new IllegalArgumentException("checkpointEvery: must be at least 1");
        }
        if (interval.isPresent() && (interval.get().isNegative() || interval.get().isZero())) {
            throw new IllegalArgumentException("interval: must be positive");
        }
    }

    /** Checkpoints every {@code every} events and on demand only: no schedule, no anchor. */
    public static AuditCheckpointPolicy everyEvents(int every) {
        return new AuditCheckpointPolicy(every, Optional.empty(), Optional.empty());
    }

    /** The connector's: every {@code interval}, anchored in {@code anchor}, and every 1000 events. */
    public static AuditCheckpointPolicy scheduled(Duration interval, AuditAnchorFile anchor) {
        return new AuditCheckpointPolicy(JdbiAuditTrailAdapter.DEFAULT_CHECKPOINT_EVERY, Optional.of(interval),
                Optional.of(anchor));
    }
}
