package io.jakamoconnector.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code retention} keys (top level and per integration) with the loader's own checks, so environment
 * overrides and unknown keys behave as everywhere else.
 */
final class RetentionSection {
    /** What the loader lends this section: its key check and its number parsing (both record problems). */
    interface Keys {
        void knownKeys(JsonNode node, String at, Set<String> known);

        Optional<Integer> optionalInt(JsonNode parent, String path, String key, int min, int max);
    }

    private RetentionSection() {
    }

    /** {@code retention: { archiveDays, auditDays }} */
    static RetentionConfig read(JsonNode node, Keys keys) {
        keys.knownKeys(node, "retention", Set.of("archiveDays", "auditDays"));
        return new RetentionConfig(days(node, "retention", "archiveDays", keys), java.util.Map.of(),
                days(node, "retention", "auditDays", keys));
    }

    /** {@code integrations[x].retention: { archiveDays }} */
    static Optional<Integer> integrationArchiveDays(JsonNode node, String at, Keys keys) {
        keys.knownKeys(node, at, Set.of("archiveDays"));
        return days(node, at, "archiveDays", keys);
    }

    private static Optional<Integer> days(JsonNode node, String at, String key, Keys keys) {
        return keys.optionalInt(node, at + "." + key, key, RetentionConfig.MIN_DAYS, RetentionConfig.MAX_DAYS);
    }
}
