package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code retention} (top level) and {@code integrations[x].retention}: what is removed after how many days. */
final class RetentionReader {
    private RetentionReader() {
    }

    /** {@code retention: { archiveDays, auditDays }} */
    static RetentionConfig read(ConfigSection node) {
        node.knownKeys(Set.of("archiveDays", "auditDays"));
        return new RetentionConfig(days(node, "archiveDays"), Map.of(), days(node, "auditDays"));
    }

    /** {@code integrations[x].retention: { archiveDays }} */
    static Optional<Integer> integrationArchiveDays(ConfigSection node) {
        node.knownKeys(Set.of("archiveDays"));
        return days(node, "archiveDays");
    }

    private static Optional<Integer> days(ConfigSection node, String key) {
        return node.integer(key, RetentionConfig.MIN_DAYS, RetentionConfig.MAX_DAYS);
    }
}
