package io.jakamoconnector.app.daemon;

import io.jakamoconnector.adapter.persistence.JdbiAuditTrailAdapter;
import io.jakamoconnector.app.config.RetentionConfig;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.AuditPruneOutcome;
import io.jakamoconnector.domain.model.exchange.ArchiveFolderPruning;
import io.jakamoconnector.domain.model.exchange.ArchivePruning;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.in.PruneErpArchivesCommand;
import io.jakamoconnector.domain.port.in.PruneErpArchivesUseCase;
import io.jakamoconnector.domain.service.AuditWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One application of the retention settings: the ERP archive folders (by the folder adapter, through the use case)
 * and, with {@code retention.auditDays}, the audit trail, covered by the newest export the database recorded. Run by
 * the service every hour and by {@code jakamo-connector retention run}.
 */
public final class RetentionRound {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionRound.class);

    /** What a round did: the folders per integration, and the audit trail's prune (empty: not configured, or dry). */
    public record Report(List<ArchivePruning> archives, Optional<AuditPruneOutcome> audit) {
        public boolean problems() {
            return archives.stream().anyMatch(a -> !a.problems().isEmpty())
                    || audit.filter(AuditPruneOutcome.Refused.class::isInstance).isPresent();
        }
    }

    private final RetentionConfig retention;
    private final Map<IntegrationName, Integer> archiveDays;
    private final Optional<PruneErpArchivesUseCase> archives;
    private final Supplier<JdbiAuditTrailAdapter> trail;
    private final AuditWriter audit;
    private final Clock clock;

    /**
     * @param archiveDays the days per integration ({@link RetentionConfig#archiveDays(List)})
     * @param archives    empty where no ERP folders are configured
     * @param trail       the started audit trail (resolved at each round)
     */
    public RetentionRound(RetentionConfig retention, Map<IntegrationName, Integer> archiveDays,
                          Optional<PruneErpArchivesUseCase> archives, Supplier<JdbiAuditTrailAdapter> trail,
                          AuditWriter audit, Clock clock) {
        this.retention = Objects.requireNonNull(retention, "retention");
        this.archiveDays = Map.copyOf(archiveDays);
        this.archives = Objects.requireNonNull(archives, "archives");
        this.trail = Objects.requireNonNull(trail, "trail");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public boolean configured() {
        return !archiveDays.isEmpty() || retention.auditDays().isPresent();
    }

    public Report run(boolean dryRun) {
        List<ArchivePruning> pruned = archives.filter(a -> !archiveDays.isEmpty())
                .map(a -> a.prune(new PruneErpArchivesCommand(archiveDays, dryRun))).orElse(List.of());
        for (ArchivePruning result : pruned) {
            for (ArchiveFolderPruning folder : result.folders()) {
                LOG.info("retention{}: {} {}", dryRun ? " (dry run)" : "", result.integration().value(),
                        folder.describe());
                folder.problems().forEach(p -> LOG.warn("retention: {} {}: {}", result.integration().value(),
                        folder.folder(), p));
            }
        }
        Optional<AuditPruneOutcome> auditOutcome = retention.auditDays().filter(d -> !dryRun)
                .map(days -> pruneAudit(clock.instant().minus(Duration.ofDays(days))));
        return new Report(pruned, auditOutcome);
    }

    private AuditPruneOutcome pruneAudit(Instant before) {
        JdbiAuditTrailAdapter auditTrail = trail.get();
        if (auditTrail.oldestKept().filter(t -> t.isBefore(before)).isEmpty()) {
            AuditPruneOutcome.NothingToPrune nothing = new AuditPruneOutcome.NothingToPrune("no audit event is older "
                    + "than " + before);
            LOG.info("retention: audit trail: nothing removed: {}", nothing.why());
            return nothing;
        }
        AuditPruneOutcome outcome = auditTrail.newestRecordedExport()
                .map(coverage -> auditTrail.prune(before, coverage))
                .orElseGet(() -> new AuditPruneOutcome.Refused("no audit export was made yet, so no audit event is "
                        + "removed: run 'jakamo-connector audit export --output FILE' (and keep the file)"));
        if (outcome instanceof AuditPruneOutcome.Pruned p) {
            audit.write(AuditEvent.builder(AuditAction.AUDIT_PRUNED, AuditOutcome.OK).reason(describe(p)));
            LOG.info("retention: audit trail: {}", describe(p));
        } else if (outcome instanceof AuditPruneOutcome.Refused r) {
            LOG.warn("retention: audit events older than {} kept: {}", before, r.reason());
        } else if (outcome instanceof AuditPruneOutcome.NothingToPrune n) {
            LOG.info("retention: audit trail: nothing removed: {}", n.why());
        }
        return outcome;
    }

    /** The reason of an {@code audit_pruned} event. */
    public static String describe(AuditPruneOutcome.Pruned pruned) {
        return pruned.removed() + " event(s) removed; " + pruned.horizon().describe();
    }
}
