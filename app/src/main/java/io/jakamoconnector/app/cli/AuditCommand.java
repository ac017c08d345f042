package io.jakamoconnector.app.cli;

import io.jakamoconnector.adapter.persistence.AuditCheckpoint;
import io.jakamoconnector.adapter.persistence.AuditExportFile;
import io.jakamoconnector.adapter.persistence.AuditExportFilter;
import io.jakamoconnector.adapter.persistence.AuditExportSummary;
import io.jakamoconnector.adapter.persistence.AuditVerificationReport;
import io.jakamoconnector.domain.model.InvalidValueException;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditHorizon;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.AuditPruneOutcome;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.service.AuditWriter;
import java.time.Clock;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The audit trail: check that it is what was written, and hand it to a SIEM. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Verifies or exports the audit trail.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class, AuditCommand.Prune.class})
final class AuditCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = {"Recomputes the audit trail's hash chain "
            + "and checks every signed checkpoint, in the database and in the anchor file, and that no event older "
            + "than the checkpoint interval is left without one.", "Exit code 0 when intact, 65 when the trail was "
            + "changed (it names the first bad sequence number)."})
    static final class Verify implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--against", paramLabel = "EXPORT", description = "Also check that the signed checkpoint at "
                + "the end of EXPORT (an earlier 'audit export', of everything or filtered) is still a prefix of the "
                + "chain: nothing it covered was rewritten or cut off since.")
        private Path against;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<AuditCheckpoint> exported = Optional.empty();
            if (against != null) {
                try {
                    exported = AuditExportFile.checkpoint(against);
                } catch (IOException e) {
                    err.println("jakamo-connector: the export " + against.toAbsolutePath() + " cannot be read: "
                            + e.getMessage());
                    return ExitCodes.IO;
                }
                if (exported.isEmpty()) {
                    err.println("jakamo-connector: " + against.toAbsolutePath() + " is not a complete audit export: its "
                            + "last line is not a signed checkpoint (was it cut short, or is it another file?)");
                    return ExitCodes.DATA;
                }
            }
            Optional<AuditCheckpoint> checkpoint = exported;
            return StorageSession.run(root(spec), err, Optional.of("audit verify"
                    + (against == null ? "" : " --against " + against.toAbsolutePath())), persistence -> {
                long started = System.nanoTime();
                AuditVerificationReport report = persistence.auditTrail().verifyInDetail(checkpoint);
                long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
                for (String warning : report.warnings()) {
                    out.println("WARN: " + warning);
                }
                String export = checkpoint.map(c -> "the export " + against.toAbsolutePath() + " (up to event "
                        + c.seq() + ", signed " + c.signedAt() + ")").orElse("");
                if (report.result() instanceof AuditVerification.Intact intact) {
                    out.printf("audit trail intact: %d events (last sequence %d), %d signed checkpoint(s) verified, "
                            + "in %d ms%n", intact.events(), intact.lastSequence(), intact.checkpoints(), millis);
                    intact.horizon().ifPresent(h -> out.println("  pruned: " + h.describe()));
                    Optional<AuditHorizon> before = intact.horizon().filter(h -> checkpoint.isPresent()
                            && checkpoint.get().seq() <= h.lastRemoved());
                    if (before.isPresent()) {
                        out.println("  " + export + " ends before the horizon: its signature checks out, but the "
                                + "events it holds were removed from the database on " + before.get().prunedAt()
                                + " (covered by the export " + before.get().coveredBy() + "), so they can no longer "
                                + "be compared with it; compare it with that export instead");
                    } else if (checkpoint.isPresent()) {
                        out.println("  " + export + " is still a prefix of it");
                    }
                    return ExitCodes.OK;
                }
                AuditVerification.Broken broken = (AuditVerification.Broken) report.result();
                out.printf("audit trail BROKEN at sequence %d: %s%n", broken.firstBadSequence(), broken.reason());
                if (checkpoint.isPresent()) {
                    out.println("  checked against " + export);
                }
                out.println("  what to do: keep this database and the anchor file as evidence (back them up before "
                        + "anything else), compare with your latest export and the anchor copy in your SIEM, and tell "
                        + "your security team");
                return ExitCodes.DATA;
            });
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = {"Writes the audit trail as JSON Lines, "
            + "one event per line, ending with a signed checkpoint line, for a SIEM.", "Streams: constant memory for "
            + "any number of events."})
    static final class Export implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE (atomically) instead of "
                + "standard output.")
        private Path output;

        @Option(names = "--since", paramLabel = "INSTANT", description = "Only events at or after, e.g. "
                + "2026-11-01T00:00:00Z.")
        private String since;

        @Option(names = "--until", paramLabel = "INSTANT", description = "Only events before.")
        private String until;

        @Option(names = "--integration", paramLabel = "NAME", description = "Only this integration's events.")
        private String integration;

        @Override
        public Integer call() {
            AuditExportFilter filter;
            try {
                filter = new AuditExportFilter(instant("--since", since), instant("--until", until),
                        Optional.ofNullable(integration).map(IntegrationName::new));
            } catch (InvalidValueException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--integration: " + e.rule());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            PrintWriter err = spec.commandLine().getErr();
            return StorageSession.run(root(spec), err, Optional.of("audit export" + (output == null ? "" : " to " + output.toAbsolutePath())
                    + (integration == null ? "" : " --integration " + integration)), persistence -> {
                try {
                    AuditExportSummary summary;
                    if (output == null) {
                        spec.commandLine().getOut().flush();
                        summary = persistence.auditTrail().export(filter, nonClosing(System.out));
                        System.out.flush();
                    } else {
                        Path target = output.toAbsolutePath();
                        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
                        try (OutputStream out = Files.newOutputStream(temp)) {
                            summary = persistence.auditTrail().export(filter, out);
                        }
                        if (summary.refused().isPresent()) {
                            Files.delete(temp);
                        } else {
                            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
                                    StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                    if (summary.refused().isPresent()) {
                        err.printf("jakamo-connector: audit export refused: the audit trail does not check out from "
                                + "event %d: %s; an export would sign a rewritten chain, so nothing was written%n",
                                summary.refused().get().firstBadSequence(), summary.refused().get().reason());
                        err.println("  what to do: run 'jakamo-connector audit verify', keep the database and the "
                                + "anchor file as evidence, and tell your security team");
                        return ExitCodes.DATA;
                    }
                    err.printf("exported %d event(s) (sequence %d to %d) and a checkpoint signed by key %s%n",
                            summary.events(), summary.firstSeq(), summary.lastSeq(), summary.checkpoint().keyId());
                    return ExitCodes.OK;
                } catch (IOException e) {
                    err.println("jakamo-connector: the export could not be written: " + e.getMessage());
                    return ExitCodes.IO;
                }
            });
        }

        private Optional<Instant> instant(String option, String text) {
            if (text == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + ": '" + text
                        + "' is not an instant; write it like 2026-11-01T00:00:00Z");
            }
        }

        private static OutputStream nonClosing(OutputStream out) {
            return new java.io.FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                }
            };
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true, description = {"Removes the audit events older than "
            + "DATE that EXPORT (an earlier, unfiltered 'audit export' of this installation) holds, up to the newest "
            + "signed checkpoint among them; 'audit verify' then starts from that checkpoint and names the export.",
            "Refused, removing nothing, when events older than DATE are not in EXPORT (export again first), when "
            + "EXPORT is filtered, cut short, or not signed by this installation, or when the trail does not verify.",
            "Exit code 0 (also when nothing was old enough), 65 when refused."})
    static final class Prune implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--before", required = true, paramLabel = "DATE", description = "Remove events older than "
                + "this: a date (2026-06-01, its start in UTC), an instant (2026-06-01T00:00:00Z) or an age (400d).")
        private String before;

        @Option(names = "--covered-by", required = true, paramLabel = "EXPORT", description = "The export file that "
                + "holds them (keep it: it is then the only copy).")
        private Path coveredBy;

        @Override
        public Integer call() {
            Instant limit = TimeArgument.parse(before, Clock.systemUTC()).orElseThrow(() ->
                    new CommandLine.ParameterException(spec.commandLine(), "--before: '" + before + "' is not a date; "
                            + "write it like 2026-06-01, 2026-06-01T00:00:00Z or 400d"));
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isRegularFile(coveredBy)) {
                err.println("jakamo-connector: the export " + coveredBy.toAbsolutePath() + " does not exist; give the "
                        + "file 'jakamo-connector audit export --output FILE' wrote");
                return ExitCodes.USAGE;
            }
            return StorageSession.correct(root(spec), err, (persistence, node) -> {
                AuditPruneOutcome outcome;
                try {
                    outcome = persistence.auditTrail().pruneCoveredBy(limit, coveredBy.toAbsolutePath());
                } catch (IOException e) {
                    err.println("jakamo-connector: the export " + coveredBy.toAbsolutePath() + " cannot be read: "
                            + e.getMessage());
                    return ExitCodes.IO;
                }
                AuditWriter operator = new AuditWriter(persistence.auditTrail(), Clock.systemUTC(), node,
                        Operator.name());
                if (outcome instanceof AuditPruneOutcome.Pruned pruned) {
                    operator.write(AuditEvent.builder(AuditAction.AUDIT_PRUNED, AuditOutcome.OK)
                            .reason(io.jakamoconnector.app.daemon.RetentionRound.describe(pruned)));
                    out.println("audit trail pruned: " + pruned.removed() + " event(s) removed; "
                            + pruned.horizon().describe());
                    out.println("  keep " + coveredBy.toAbsolutePath() + ": it is now the only copy of those events");
                    return ExitCodes.OK;
                }
                if (outcome instanceof AuditPruneOutcome.NothingToPrune nothing) {
                    out.println("audit trail: nothing removed: " + nothing.why());
                    return ExitCodes.OK;
                }
                String reason = ((AuditPruneOutcome.Refused) outcome).reason();
                operator.write(AuditEvent.builder(AuditAction.AUDIT_PRUNED, AuditOutcome.FAIL)
                        .reason("refused: " + reason));
                err.println("jakamo-connector: audit prune refused, nothing removed: " + reason);
                return ExitCodes.DATA;
            });
        }
    }

    static RootCommand root(CommandLine.Model.CommandSpec spec) {
        CommandLine.Model.CommandSpec s = spec;
        while (s.parent() != null) {
            s = s.parent();
        }
        return (RootCommand) s.userObject();
    }
}
