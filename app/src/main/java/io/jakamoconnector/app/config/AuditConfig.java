package io.jakamoconnector.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the audit trail is anchored ({@code audit}).
 *
 * @param checkpointInterval how often the chain's head is signed while events are written
 *                           ({@code audit.checkpointIntervalSeconds}); {@code audit verify} then requires every event
 *                           older than this plus one minute to be covered by a signed checkpoint
 * @param anchorFile         where every checkpoint is also appended ({@code audit.anchorFile}); empty: the default,
 *                           {@code <dataDirectory>/audit-anchor.log}
 */
public record AuditConfig(Duration checkpointInterval, Optional<Path> anchorFile) {
    public static final int MIN_INTERVAL_SECONDS = 10;
    public static final int MAX_INTERVAL_SECONDS = 86_400;

    public AuditConfig {
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        Objects.requireNonNull(anchorFile, "anchorFile");
        if (checkpointInterval.toSeconds() < MIN_INTERVAL_SECONDS
                || checkpointInterval.toSeconds() > MAX_INTERVAL_SECONDS) {
            throw new IllegalArgumentException("audit.checkpointIntervalSeconds: must be between "
                    + MIN_INTERVAL_SECONDS + " and " + MAX_INTERVAL_SECONDS);
        }
    }

    public static AuditConfig defaults() {
        return new AuditConfig(Duration.ofMinutes(5), Optional.empty());
    }
}
