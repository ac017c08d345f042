package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** {@code audit}: how often the trail is checkpointed and where the anchor file is kept. */
final class AuditReader {
    private AuditReader() {
    }

    static AuditConfig read(ConfigSection node) {
        node.knownKeys(Set.of("checkpointIntervalSeconds", "anchorFile"));
        AuditConfig defaults = AuditConfig.defaults();
        int seconds = node.integer("checkpointIntervalSeconds", AuditConfig.MIN_INTERVAL_SECONDS,
                AuditConfig.MAX_INTERVAL_SECONDS).orElse((int) defaults.checkpointInterval().toSeconds());
        Optional<Path> anchor = node.text("anchorFile").map(node::file);
        return new AuditConfig(Duration.ofSeconds(seconds), anchor);
    }
}
