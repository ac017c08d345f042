package io.jakamoconnector.app.cli;

import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.daemon.RetentionRound;
import io.jakamoconnector.app.wiring.PersistenceResource;
import io.jakamoconnector.domain.model.audit.AuditPruneOutcome;
import io.jakamoconnector.domain.model.exchange.ArchiveFolderPruning;
import io.jakamoconnector.domain.model.exchange.ArchivePruning;
import io.jakamoconnector.domain.port.in.PruneErpArchivesUseCase;
import io.jakamoconnector.domain.port.out.ErpArchiveRetentionPort;
import io.jakamoconnector.domain.service.AuditWriter;
import io.jakamoconnector.domain.service.PruneErpArchivesService;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Retention: what the running service does every hour, on demand. */
@Command(name = "retention", mixinStandardHelpOptions = true, description = "Applies the retention settings "
        + "(retention.archiveDays, retention.auditDays; see docs/operations.md).",
        subcommands = {RetentionCommand.Run.class})
final class RetentionCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = {"Removes the files in processed/ and "
            + "from_jakamo/ archived longer ago than retention.archiveDays (never failed/ or to_jakamo/), and the "
            + "audit events older than retention.auditDays that the newest 'audit export' covers.",
            "The running service does the same every hour. Exit code 0, or 1 when a folder, a file or the audit "
            + "trail's prune needs a look (each is printed)."})
    static final class Run implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--dry-run", description = "Only count the files that would be removed; remove nothing, "
                + "and leave the audit trail alone.")
        private boolean dryRun;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return StorageSession.correctWithErpFoldersIfAny(AuditCommand.root(spec), err, (injector, node) -> {
                ConnectorConfig config = injector.getInstance(ConnectorConfig.class);
                PersistenceResource persistence = injector.getInstance(PersistenceResource.class);
                Clock clock = Clock.systemUTC();
                AuditWriter operator = new AuditWriter(persistence.auditTrail(), clock, node, Operator.name());
                Optional<PruneErpArchivesUseCase> archives = config.integrations().isEmpty() ? Optional.empty()
                        : Optional.of(new PruneErpArchivesService(
                                injector.getInstance(ErpArchiveRetentionPort.class), operator, clock));
                RetentionRound round = new RetentionRound(config.retention(),
                        config.retention().archiveDays(config.integrations()), archives, persistence::auditTrail,
                        operator, clock);
                if (!round.configured()) {
                    out.println("no retention is configured (retention.archiveDays, retention.auditDays in "
                            + config.source() + "): nothing is ever removed");
                    return ExitCodes.OK;
                }
                RetentionRound.Report report = round.run(dryRun);
                if (dryRun) {
                    out.println("dry run: nothing was removed; these counts say what would be");
                }
                for (ArchivePruning integration : report.archives()) {
                    out.println(integration.integration().value() + ": files archived before "
                            + integration.archivedBefore());
                    for (ArchiveFolderPruning folder : integration.folders()) {
                        out.println("  " + folder.describe());
                        folder.problems().forEach(p -> out.println("    WARN: " + p));
                    }
                }
                if (config.retention().archiveDays(config.integrations()).isEmpty()) {
                    out.println("ERP folders: no retention.archiveDays: archived files are kept for ever");
                }
                if (config.retention().auditDays().isEmpty()) {
                    out.println("audit trail: no retention.auditDays: audit events are kept for ever");
                }
                report.audit().ifPresent(outcome -> out.println("audit trail: " + describe(outcome)));
                return report.problems() ? ExitCodes.PROBLEMS : ExitCodes.OK;
            });
        }

        private static String describe(AuditPruneOutcome outcome) {
            if (outcome instanceof AuditPruneOutcome.Pruned pruned) {
                return RetentionRound.describe(pruned);
            }
            if (outcome instanceof AuditPruneOutcome.Refused refused) {
                return "nothing removed, WARN: " + refused.reason();
            }
            return "nothing removed: " + ((AuditPruneOutcome.NothingToPrune) outcome).why();
        }
    }
}
