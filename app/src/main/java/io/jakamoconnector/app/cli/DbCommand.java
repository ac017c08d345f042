package io.jakamoconnector.app.cli;

import com.google.inject.Injector;
import com.google.inject.Stage;
import io.jakamoconnector.adapter.persistence.AuditAnchorFile;
import io.jakamoconnector.adapter.persistence.AuditCheckpoint;
import io.jakamoconnector.adapter.persistence.AuditVerificationReport;
import io.jakamoconnector.adapter.persistence.BackupManifest;
import io.jakamoconnector.adapter.persistence.DatabaseBackup;
import io.jakamoconnector.adapter.persistence.DatabaseBackupException;
import io.jakamoconnector.adapter.persistence.DatabaseRestore;
import io.jakamoconnector.adapter.persistence.EmbeddedPostgresDatabase;
import io.jakamoconnector.adapter.persistence.PostgresDatabase;
import io.jakamoconnector.app.config.ConfigurationException;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.config.DatabaseConfig;
import io.jakamoconnector.app.config.DatabaseTls;
import io.jakamoconnector.app.config.SecretReference;
import io.jakamoconnector.app.wiring.Composition;
import io.jakamoconnector.app.wiring.ExternalDatabaseModule;
import io.jakamoconnector.app.wiring.Injectors;
import io.jakamoconnector.app.wiring.Lifecycle;
import io.jakamoconnector.app.wiring.PersistenceResource;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.port.out.PortFailureException;
import io.jakamoconnector.domain.service.AuditWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The connector's database as a whole: back it up, restore it, move it to another PostgreSQL. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Backs up, restores or moves the database.",
        subcommands = {DbCommand.Backup.class, DbCommand.Restore.class, DbCommand.Move.class})
final class DbCommand implements Runnable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "backup", mixinStandardHelpOptions = true, description = {"Writes a consistent backup of the "
            + "database (embedded or external) to one file, also while 'run' is up: every table in one snapshot, "
            + "with a manifest of row counts, hashes and the audit chain's head.", "The file is 0600 and holds the "
            + "documents; an existing file is never overwritten. Exit 0 when written, 74 when the file cannot be."})
    static final class Backup implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--to", paramLabel = "FILE", required = true, description = "The backup file to write "
                + "(must not exist), e.g. jakamo-$(date +%%F).backup.")
        private Path to;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path file = to.toAbsolutePath();
            return StorageSession.correct(AuditCommand.root(spec), err, (persistence, node) -> {
                AuditWriter audit = new AuditWriter(persistence.auditTrail(), Clock.systemUTC(), node,
                        Operator.name());
                try {
                    BackupManifest manifest = DatabaseBackup.write(persistence.database(), file, Clock.systemUTC());
                    audit.write(AuditEvent.builder(AuditAction.DATABASE_BACKED_UP, AuditOutcome.OK).reason("backup of "
                            + persistence.database().description() + " to " + file + ": schema " + manifest.schemaVersion()
                            + ", audit head " + head(manifest) + ", rows " + manifest.counts()));
                    out.printf("backup written to %s (0600): schema version %s, audit chain head at event %d; rows: %s%n",
                            file, manifest.schemaVersion(), manifest.auditHeadSeq(), manifest.counts());
                    out.println("  it holds the documents: keep it where only the connector's operators can read it, "
                            + "with the audit signing key and the anchor file (docs/operations.md, Back up)");
                    return ExitCodes.OK;
                } catch (DatabaseBackupException e) {
                    audit.write(AuditEvent.builder(AuditAction.DATABASE_BACKED_UP, AuditOutcome.FAIL).reason("backup of "
                            + persistence.database().description() + " to " + file + " failed: " + e.reason()));
                    err.println("jakamo-connector: " + e.getMessage());
                    return exitCode(e);
                }
            });
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true, description = {"Restores a backup written by "
            + "'db backup' into the configured database, which no connector may be using. Checks the file first, "
            + "migrates it to this version, and verifies the audit chain.", "An anchor file holding checkpoints newer "
            + "than the backup is moved aside (kept) and the restore is audited. Exit 0 when restored and intact; 65 "
            + "for a damaged file or a broken chain; 1 when the target holds data (see --force); 69 while a "
            + "connector runs on it."})
    static final class Restore implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--from", paramLabel = "FILE", required = true, description = "The backup file.")
        private Path from;

        @Option(names = "--force", description = "Replace what the target database holds (it is lost: back it up "
                + "first).")
        private boolean force;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ConnectorConfig config;
            try {
                config = AuditCommand.root(spec).loadConfig();
            } catch (ConfigurationException e) {
                err.println("jakamo-connector: " + e.getMessage());
                return ExitCodes.CONFIG;
            }
            Path file = from.toAbsolutePath();
            Clock clock = Clock.systemUTC();
            Injector injector = Injectors.strict(Stage.PRODUCTION, Composition.storage(config, clock));
            PersistenceResource persistence = injector.getInstance(PersistenceResource.class);
            PostgresDatabase database = persistence.database();
            try {
                DatabaseRestore.Summary summary;
                try {
                    summary = DatabaseRestore.restore(database, file, force);
                } catch (DatabaseBackupException e) {
                    err.println("jakamo-connector: " + e.getMessage());
                    return exitCode(e);
                }
                BackupManifest manifest = summary.manifest();
                out.printf("restored %s into %s: written %s, schema %s (now %s), audit chain head at event %d; rows: "
                        + "%s%n", file, database.description(), manifest.createdAt(), manifest.schemaVersion(),
                        summary.schemaVersion(), manifest.auditHeadSeq(), manifest.counts());
                String anchorNote;
                try {
                    anchorNote = anchorAside(config, manifest, clock, out);
                } catch (IOException e) {
                    err.println("jakamo-connector: the rows are restored, but the anchor file " + config.auditAnchorFile()
                            + " could not be moved aside: " + e.getMessage() + "; move it aside yourself (keep it), "
                            + "then run 'jakamo-connector audit verify'");
                    return ExitCodes.IO;
                }
                try (Lifecycle lifecycle = injector.getInstance(Lifecycle.class)) {
                    lifecycle.start();
                    new AuditWriter(persistence.auditTrail(), clock, config.node(), Operator.name()).write(
                            AuditEvent.builder(AuditAction.DATABASE_RESTORED, AuditOutcome.OK).reason("restored from "
                                    + file + " (written " + manifest.createdAt() + ", schema " + manifest.schemaVersion()
                                    + ", audit head " + head(manifest) + ", rows " + manifest.counts() + ") into "
                                    + database.description() + (force ? ", replacing what it held" : "") + "; "
                                    + anchorNote));
                    persistence.checkpointNow();
                    return printVerification(persistence.auditTrail().verifyInDetail(Optional.empty()), out);
                }
            } catch (PortFailureException e) {
                err.println("jakamo-connector: " + e.getMessage());
                err.println("  fix: run 'jakamo-connector doctor' to check the database");
                return ExitCodes.UNAVAILABLE;
            } finally {
                database.close();
            }
        }

        /**
         * The anchor file holds every checkpoint signed since, beyond the backup's head: kept as it is, every later
         * checkpoint would be refused as a cut-off tail (which it is). It is moved aside, never deleted, and the audit
         * event says where, so the events lost with the restore stay on record.
         */
        private static String anchorAside(ConnectorConfig config, BackupManifest manifest, Clock clock, PrintWriter out)
                throws IOException {
            AuditAnchorFile anchor = new AuditAnchorFile(config.auditAnchorFile());
            Optional<AuditCheckpoint> newest = anchor.newest();
            if (newest.isEmpty() || newest.get().seq() <= manifest.auditHeadSeq()) {
                return "anchor file " + anchor.path() + " kept (no checkpoint beyond the backup's head)";
            }
            Path aside = anchor.moveAside(".before-restore-" + STAMP.format(clock.instant()));
            out.printf("the anchor file held checkpoints up to event %d, beyond the backup's head (%d): moved aside to "
                    + "%s (keep it: it records what the restore dropped); a new one starts from the restored chain%n",
                    newest.get().seq(), manifest.auditHeadSeq(), aside);
            return "anchor file " + anchor.path() + " (newest checkpoint at event " + newest.get().seq()
                    + ") moved aside to " + aside;
        }
    }

    @Command(name = "move", mixinStandardHelpOptions = true, description = {"Copies the embedded database to an "
            + "external PostgreSQL (an empty database, version 14 or later), verifies the audit chain there, and "
            + "prints the 'database:' configuration to use.", "Stop the service first. A remote URL must verify the "
            + "server (sslmode=verify-full); the password is read from a file and printed only as that reference."})
    static final class Move implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--to", paramLabel = "URL", required = true, description = "The target, "
                + "jdbc:postgresql://host:5432/jakamo?sslmode=verify-full (no password in it).")
        private String url;

        @Option(names = "--user", paramLabel = "NAME", required = true, description = "The user that owns the target "
                + "database (it runs the migrations; CREATEROLE lets it make the jakamo_app role).")
        private String user;

        @Option(names = "--password-file", paramLabel = "FILE", description = "A file (0600) holding the user's "
                + "password; printed as { file: FILE } in the configuration.")
        private Path passwordFile;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ConnectorConfig config;
            try {
                config = AuditCommand.root(spec).loadConfig();
            } catch (ConfigurationException e) {
                err.println("jakamo-connector: " + e.getMessage());
                return ExitCodes.CONFIG;
            }
            if (config.database().isPresent()) {
                err.println("jakamo-connector: 'db move' copies the embedded database, and this configuration uses "
                        + "database.url already: to copy between two servers, run 'db backup' with this configuration "
                        + "and 'db restore' with the target's");
                return ExitCodes.CONFIG;
            }
            Optional<String> problem = targetProblem();
            if (problem.isPresent()) {
                err.println("jakamo-connector: --to: " + problem.get());
                return ExitCodes.USAGE;
            }
            DatabaseConfig target = new DatabaseConfig(url, user, Optional.ofNullable(passwordFile)
                    .map(f -> new SecretReference(SecretReference.Kind.FILE, f.toAbsolutePath().toString())));
            Clock clock = Clock.systemUTC();
            Path copy = config.dataDirectory().resolve(".db-move-" + STAMP.format(clock.instant()) + ".backup");
            try {
                BackupManifest manifest;
                try {
                    manifest = copySource(config, copy, clock);
                } catch (DatabaseBackupException e) {
                    err.println("jakamo-connector: " + e.getMessage());
                    return exitCode(e);
                }
                PostgresDatabase external = Injectors.strict(Stage.PRODUCTION, new ExternalDatabaseModule(target))
                        .getInstance(PostgresDatabase.class);
                PersistenceResource moved = new PersistenceResource(external, config.dataDirectory(), clock,
                        config.audit().checkpointInterval(), config.auditAnchorFile(), config.node());
                try {
                    try {
                        DatabaseRestore.restore(external, copy, false);
                    } catch (DatabaseBackupException e) {
                        err.println("jakamo-connector: " + (e.reason() == DatabaseBackupException.Reason.NOT_EMPTY
                                ? "the target " + external.description() + " holds data already; a move needs an "
                                + "empty database (CREATE DATABASE jakamo OWNER " + user + ")" : e.getMessage()));
                        return exitCode(e);
                    }
                    moved.start();
                    AuditVerificationReport report = moved.auditTrail().verifyInDetail(Optional.empty());
                    if (!(report.result() instanceof AuditVerification.Intact intact)
                            || intact.lastSequence() != manifest.auditHeadSeq()) {
                        printVerification(report, out);
                        err.printf("jakamo-connector: the audit chain on %s does not match the embedded database's "
                                + "(head %d): do not use it; keep both and run 'audit verify' on each%n",
                                external.description(), manifest.auditHeadSeq());
                        return ExitCodes.DATA;
                    }
                    Map<String, Long> counts = DatabaseRestore.rowCounts(external);
                    new AuditWriter(moved.auditTrail(), clock, config.node(), Operator.name()).write(
                            AuditEvent.builder(AuditAction.DATABASE_MOVED, AuditOutcome.OK).reason("moved the embedded "
                                    + "database " + config.embeddedDatabaseDirectory() + " to " + external.description()
                                    + ": schema " + manifest.schemaVersion() + ", audit head " + head(manifest)
                                    + ", rows " + manifest.counts()));
                    out.printf("moved the embedded database to %s: rows %s; audit chain intact there: %d events, head "
                            + "at event %d as in the embedded database%n", external.description(), counts,
                            intact.events(), intact.lastSequence());
                    out.println();
                    out.println("Put this into the configuration, then start the service:");
                    out.println();
                    out.println("database:");
                    out.println("  url: \"" + url + "\"");
                    out.println("  user: " + user);
                    target.password().ifPresent(ref -> out.println("  password: " + ref));
                    out.println();
                    out.println("Under systemd, rather: LoadCredential=db-password:FILE in the unit and "
                            + "password: { credential: db-password }. The embedded database in "
                            + config.embeddedDatabaseDirectory() + " is left as it was; once the service works on the "
                            + "new one, move it aside (it no longer matches the audit anchor file).");
                    return ExitCodes.OK;
                } finally {
                    moved.close();
                }
            } catch (ConfigurationException e) {
                err.println("jakamo-connector: " + e.getMessage());
                return ExitCodes.CONFIG;
            } catch (PortFailureException e) {
                err.println("jakamo-connector: " + e.getMessage());
                err.println("  fix: check that the target server answers, that the user may log in and owns the "
                        + "database, and its password file");
                return ExitCodes.UNAVAILABLE;
            } finally {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException e) {
                    err.println("jakamo-connector: could not delete the copy " + copy + " (it holds the documents): "
                            + e.getMessage());
                }
            }
        }

        private Optional<String> targetProblem() {
            if (!url.startsWith("jdbc:postgresql://")) {
                return Optional.of("must be a PostgreSQL JDBC URL starting with jdbc:postgresql://");
            }
            if (url.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
                return Optional.of("must not contain the password: give --password-file");
            }
            return DatabaseTls.unverified(url).map(why -> "the connection to " + DatabaseTls.hostsOf(url)
                    + " would not verify the server's certificate (" + why + "): add sslmode=verify-full (and "
                    + "sslrootcert=FILE for a private CA) to the URL");
        }

        /** Backs the embedded database up while nobody else works on it, and audits nothing there (it is left). */
        private static BackupManifest copySource(ConnectorConfig config, Path copy, Clock clock) {
            Injector injector = Injectors.strict(Stage.PRODUCTION, Composition.storage(config, clock));
            PersistenceResource persistence = injector.getInstance(PersistenceResource.class);
            try (Lifecycle lifecycle = injector.getInstance(Lifecycle.class)) {
                lifecycle.start();
                if (persistence.database() instanceof EmbeddedPostgresDatabase embedded && !embedded.servesItself()) {
                    throw new DatabaseBackupException(DatabaseBackupException.Reason.IN_USE, "the service is running "
                            + "on the embedded database " + embedded.dataDirectory() + " and would go on writing to it "
                            + "after the copy: stop it first (systemctl stop jakamo-connector)", null);
                }
                return DatabaseBackup.write(persistence.database(), copy, clock);
            }
        }
    }

    private static String head(BackupManifest manifest) {
        return manifest.auditHeadSeq() + " (hash " + manifest.auditHeadHash().substring(0, 16) + "...)";
    }

    private static int printVerification(AuditVerificationReport report, PrintWriter out) {
        for (String warning : report.warnings()) {
            out.println("WARN: " + warning);
        }
        if (report.result() instanceof AuditVerification.Intact intact) {
            out.printf("audit trail intact: %d events (last sequence %d), %d signed checkpoint(s) verified%n",
                    intact.events(), intact.lastSequence(), intact.checkpoints());
            return ExitCodes.OK;
        }
        AuditVerification.Broken broken = (AuditVerification.Broken) report.result();
        out.printf("audit trail BROKEN at sequence %d: %s%n", broken.firstBadSequence(), broken.reason());
        out.println("  what to do: keep the backup, this database and the anchor files as evidence; run "
                + "'jakamo-connector audit verify' and tell your security team");
        return ExitCodes.DATA;
    }

    private static int exitCode(DatabaseBackupException e) {
        return switch (e.reason()) {
            case CORRUPT, NEWER_SCHEMA -> ExitCodes.DATA;
            case IN_USE -> ExitCodes.UNAVAILABLE;
            case NOT_EMPTY -> ExitCodes.PROBLEMS;
            case FILE -> ExitCodes.IO;
        };
    }
}
