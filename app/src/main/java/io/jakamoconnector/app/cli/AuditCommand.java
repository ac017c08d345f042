package io.jakamoconnector.app.cli;

import io.jakamoconnector.adapter.persistence.AuditExportFilter;
import io.jakamoconnector.adapter.persistence.AuditExportSummary;
import io.jakamoconnector.domain.model.InvalidValueException;
import io.jakamoconnector.domain.model.audit.AuditVerification;
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
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class})
final class AuditCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = {"Recomputes the audit trail's hash chain "
            + "and checks every signed checkpoint.", "Exit code 0 when intact, 65 when the trail was changed (it names "
            + "the first bad sequence number)."})
    static final class Verify implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            return StorageSession.run(root(spec), spec.commandLine().getErr(), Optional.of("audit verify"), persistence -> {
                long started = System.nanoTime();
                AuditVerification result = persistence.auditTrail().verify();
                long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
                if (result instanceof AuditVerification.Intact intact) {
                    out.printf("audit trail intact: %d events (last sequence %d), %d signed checkpoint(s) verified, "
                            + "in %d ms%n", intact.events(), intact.lastSequence(), intact.checkpoints(), millis);
                    return ExitCodes.OK;
                }
                AuditVerification.Broken broken = (AuditVerification.Broken) result;
                out.printf("audit trail BROKEN at sequence %d: %s%n", broken.firstBadSequence(), broken.reason());
                out.println("  what to do: keep this database as evidence (back it up before anything else), compare "
                        + "with your latest export, and tell your security team");
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
                        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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

    static RootCommand root(CommandLine.Model.CommandSpec spec) {
        CommandLine.Model.CommandSpec s = spec;
        while (s.parent() != null) {
            s = s.parent();
        }
        return (RootCommand) s.userObject();
    }
}
