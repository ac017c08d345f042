package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import java.time.Duration;
import java.util.Set;

/** {@code shutdown.graceSeconds}: how long a stopping service lets the current step finish. */
final class ShutdownReader {
    private ShutdownReader() {
    }

    static Duration grace(ConfigSection node, Duration otherwise) {
        node.knownKeys(Set.of("graceSeconds"));
        return node.integer("graceSeconds", 0, 600).map(Duration::ofSeconds).orElse(otherwise);
    }
}
