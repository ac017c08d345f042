package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jakamoconnector.adapter.persistence.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code db backup} beside a running service, {@code db restore} into a wiped data directory (the audit chain
 * verifies, the documents are the same), and {@code db move} to a second PostgreSQL that {@code run} then works on with
 * the configuration the move printed.
 */
class DatabaseCommandsIT {
    @TempDir
    Path dir;

    @Test
    void backupBesideRunRestoreIntoAWipedDirectoryAndMoveToAnotherServer() throws Exception {
        try (TestDatabase external = TestDatabase.create(); SandboxBed bed = new SandboxBed(dir, """
                polling: { inboundSeconds: 1, outboundSeconds: 1 }
                health: { port: 0 }
                shutdown: { graceSeconds: 10 }
                """)) {
            Path config = bed.files.configFile();
            Path data = bed.files.directory().resolve("jakamo-data");
            Map<String, String> env = Map.of("JAKAMO_CONNECTOR_CONFIG", config.toString(),
                    "JAKAMO_CONNECTOR_INTEGRATIONS_ORDERS_FOLDERS_STABLESECONDS", "1");
            Path backup = dir.resolve("jakamo.backup");
            try (ConnectorProcess connector = ConnectorProcess.start(dir, env, "run")) {
                connector.health(Duration.ofMinutes(4));
                bed.dropOrder("PO-9201");
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                        .until(() -> bed.files("from_jakamo").size() == 1);

                Cli.Run backedUp = Cli.withConfig(config, "db", "backup", "--to", backup.toString());
                assertThat(backedUp.code()).as(backedUp.err()).isZero();
                assertThat(backedUp.out()).contains("backup written to " + backup).contains("outbound_document=1");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)))
                        .isEqualTo("rw-------");
                Cli.Run again = Cli.withConfig(config, "db", "backup", "--to", backup.toString());
                assertThat(again.code()).isEqualTo(ExitCodes.IO);
                assertThat(again.err()).contains("exists already");

                Cli.Run whileRunning = Cli.withConfig(config, "db", "restore", "--from", backup.toString());
                assertThat(whileRunning.code()).as(whileRunning.out() + whileRunning.err())
                        .isEqualTo(ExitCodes.UNAVAILABLE);
                assertThat(whileRunning.err()).contains("stop it first");
                assertThat(connector.terminate(Duration.ofMinutes(2))).as(connector.transcript()).isIn(0, 143);
            }
            Path before = dir.resolve("before.jsonl");
            assertThat(Cli.withConfig(config, "audit", "export", "--output", before.toString()).code()).isZero();
            assertThat(Files.readAllLines(before)).anyMatch(l -> l.contains("\"database_backed_up\"")
                    && l.contains(backup.toString()) && l.contains("outbound_document=1"));
            List<String> documents = documentLines(Cli.withConfig(config, "messages", "list"));
            assertThat(documents).anyMatch(l -> l.contains("PO-9201"));

            Cli.Run intoData = Cli.withConfig(config, "db", "restore", "--from", backup.toString());
            assertThat(intoData.code()).as("the database holds data").isEqualTo(ExitCodes.PROBLEMS);
            assertThat(intoData.err()).contains("holds data").contains("would be lost").contains("--force");

            deleteRecursively(data.resolve("postgres"));
            Cli.Run restored = Cli.withConfig(config, "db", "restore", "--from", backup.toString());
            assertThat(restored.code()).as(restored.out() + restored.err()).isZero();
            assertThat(restored.out()).contains("moved aside to " + data.resolve("audit-anchor.log.before-restore-"))
                    .contains("audit trail intact");
            try (Stream<Path> list = Files.list(data)) {
                assertThat(list.map(p -> p.getFileName().toString()))
                        .anyMatch(n -> n.startsWith("audit-anchor.log.before-restore-"));
            }
            Cli.Run verify = Cli.withConfig(config, "audit", "verify");
            assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
            assertThat(documentLines(Cli.withConfig(config, "messages", "list"))).isEqualTo(documents);
            Path export = dir.resolve("audit.jsonl");
            assertThat(Cli.withConfig(config, "audit", "export", "--output", export.toString()).code()).isZero();
            assertThat(Files.readAllLines(export)).anyMatch(l -> l.contains("\"database_restored\"") && l.contains(backup.toString())
                            && l.contains("before-restore-"));

            List<String> move = new ArrayList<>(List.of("db", "move", "--to", external.jdbcUrl(), "--user",
                    external.user()));
            if (external.password() != null) {
                Path passwordFile = dir.resolve("db-password");
                Files.writeString(passwordFile, new String(external.password()));
                Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
                move.addAll(List.of("--password-file", passwordFile.toString()));
            }
            Cli.Run moved = Cli.withConfig(config, move.toArray(String[]::new));
            assertThat(moved.code()).as(moved.out() + moved.err()).isZero();
            assertThat(moved.out()).contains("audit chain intact there").contains("database:");
            if (external.password() != null) {
                assertThat(moved.out()).as("the password only as its file")
                        .contains("  password: { file: " + dir.resolve("db-password") + " }")
                        .doesNotContainPattern("\\n  password: (?!\\{ file: )");
            }
            String printed = moved.out().substring(moved.out().indexOf("database:"));
            printed = printed.substring(0, printed.indexOf("\n\n") + 1);
            Files.writeString(config, Files.readString(config) + "\n" + printed);

            try (ConnectorProcess connector = ConnectorProcess.start(dir, env, "run")) {
                connector.health(Duration.ofMinutes(4));
                bed.dropOrder("PO-9202");
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                        .until(() -> bed.files("from_jakamo").size() == 2);
                assertThat(connector.terminate(Duration.ofMinutes(2))).as(connector.transcript()).isIn(0, 143);
            }
            Cli.Run onExternal = Cli.withConfig(config, "messages", "list");
            assertThat(onExternal.out()).contains("PO-9201").contains("PO-9202");
            Cli.Run verifyExternal = Cli.withConfig(config, "audit", "verify");
            assertThat(verifyExternal.code()).as(verifyExternal.out() + verifyExternal.err()).isZero();
        }
    }

    private static List<String> documentLines(Cli.Run list) {
        assertThat(list.code()).as(list.err()).isZero();
        return list.out().lines().filter(l -> l.contains("PO-")).toList();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
