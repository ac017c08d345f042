package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.exchange.ArchivePruning;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.in.PruneErpArchivesCommand;
import io.jakamoconnector.domain.port.in.PruneErpArchivesUseCase;
import io.jakamoconnector.domain.port.out.ErpArchiveRetentionPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Retention of the ERP archive folders: for each integration with a number of days, the files archived before now
 * minus that many days are removed by the folder adapter. A run that removed files, or met a problem, is one
 * {@code archives_pruned} audit event with the counts per integration and folder and the oldest file kept; a dry run
 * changes nothing and writes none.
 */
public final class PruneErpArchivesService implements PruneErpArchivesUseCase {
    private final ErpArchiveRetentionPort archives;
    private final AuditWriter audit;
    private final Clock clock;

    public PruneErpArchivesService(ErpArchiveRetentionPort archives, AuditWriter audit, Clock clock) {
        this.archives = Check.notNull("archives", archives);
        this.audit = Check.notNull("audit", audit);
        this.clock = Check.notNull("clock", clock);
    }

    @Override
    public List<ArchivePruning> prune(PruneErpArchivesCommand command) {
        Instant now = clock.instant();
        List<ArchivePruning> results = new ArrayList<>();
        List<Map.Entry<IntegrationName, Integer>> ordered = command.keepDays().entrySet().stream()
                .sorted(Comparator.comparing(e -> e.getKey().value())).toList();
        for (Map.Entry<IntegrationName, Integer> entry : ordered) {
            Instant cutoff = now.minus(Duration.ofDays(entry.getValue()));
            results.add(archives.prune(entry.getKey(), cutoff, command.dryRun()));
        }
        boolean worthAuditing = results.stream().anyMatch(r -> r.removed() > 0 || !r.problems().isEmpty());
        if (!command.dryRun() && worthAuditing) {
            boolean problems = results.stream().anyMatch(r -> !r.problems().isEmpty());
            audit.write(AuditEvent.builder(AuditAction.ARCHIVES_PRUNED, problems ? AuditOutcome.FAIL : AuditOutcome.OK)
                    .reason(describe(results)));
        }
        return results;
    }

    /** "orders (older than 30 days, before 2026-11-07T06:00:00Z): processed: 12 removed ...; from_jakamo: ..." */
    public static String describe(List<ArchivePruning> results) {
        return results.stream().map(r -> r.integration().value() + " (archived before " + r.archivedBefore() + "): "
                        + r.folders().stream().map(f -> f.describe()).collect(Collectors.joining("; ")))
                .collect(Collectors.joining(" | "));
    }
}
