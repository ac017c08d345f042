package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What is removed, and when ({@code retention}, and {@code integrations[x].retention}). Off by default: without a
 * number of days nothing is ever removed.
 *
 * @param archiveDays      files in {@code processed/} and {@code from_jakamo/} archived longer ago than this are
 *                         removed ({@code retention.archiveDays}); empty: kept for ever
 * @param archiveDaysOf    an integration's own number ({@code integrations[x].retention.archiveDays}), which wins
 * @param auditDays        audit events older than this are removed once an export covers them
 *                         ({@code retention.auditDays}); empty: kept for ever
 */
public record RetentionConfig(Optional<Integer> archiveDays, Map<String, Integer> archiveDaysOf,
                              Optional<Integer> auditDays) {
    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 36_500;
    /** How often the service applies it. */
    public static final Duration EVERY = Duration.ofHours(1);

    public RetentionConfig {
        Objects.requireNonNull(archiveDays, "archiveDays");
        Objects.requireNonNull(auditDays, "auditDays");
        archiveDaysOf = Map.copyOf(archiveDaysOf);
    }

    public static RetentionConfig off() {
        return new RetentionConfig(Optional.empty(), Map.of(), Optional.empty());
    }

    /** The days each configured integration keeps its archives; integrations that keep them for ever are absent. */
    public Map<IntegrationName, Integer> archiveDays(List<IntegrationConfig> integrations) {
        Map<IntegrationName, Integer> days = new LinkedHashMap<>();
        for (IntegrationConfig integration : integrations) {
            Optional.ofNullable(archiveDaysOf.get(integration.name().value())).or(() -> archiveDays)
                    .ifPresent(d -> days.put(integration.name(), d));
        }
        return days;
    }

    public boolean anything() {
        return archiveDays.isPresent() || !archiveDaysOf.isEmpty() || auditDays.isPresent();
    }
}
