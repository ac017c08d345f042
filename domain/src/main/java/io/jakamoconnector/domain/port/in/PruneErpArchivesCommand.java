package io.jakamoconnector.domain.port.in;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.util.Map;

/**
 * Prune each integration's archive folders of files older than its number of days ({@code retention.archiveDays});
 * integrations not named keep their files for ever. {@code dryRun}: count only.
 */
public record PruneErpArchivesCommand(Map<IntegrationName, Integer> keepDays, boolean dryRun) {
    public PruneErpArchivesCommand {
        Check.notNull("retention.archiveDays", keepDays);
        keepDays.forEach((integration, days) -> Check.that(days != null && days >= 1, "retention.archiveDays",
                "must be at least 1 day (" + integration.value() + ")"));
        keepDays = Map.copyOf(keepDays);
    }
}
