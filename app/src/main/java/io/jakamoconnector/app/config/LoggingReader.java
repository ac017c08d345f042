package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import java.util.Set;

/** {@code logging.format}: {@code human} or {@code json}. */
final class LoggingReader {
    private LoggingReader() {
    }

    static LogFormat format(ConfigSection node) {
        node.knownKeys(Set.of("format"));
        return node.text("format").map(text -> LogFormat.fromConfig(text).orElseGet(() -> {
            node.problem("logging.format: must be human or json");
            return LogFormat.HUMAN;
        })).orElse(LogFormat.HUMAN);
    }
}
