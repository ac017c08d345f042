package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.adapter.persistence.EmbeddedPostgresDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention end to end through the CLI on the embedded database: an export, a prune covered by it, verify from the
 * horizon (and broken once the first kept event is edited); and {@code retention run} over an integration's folders.
 */
class RetentionCommandIT {
    @TempDir
    Path dir;

    private Cli.Run cli(String... args) throws Exception {
        Path config = dir.resolve("jakamo-connector.yml");
        if (!Files.exists(config)) {
            Path secret = Files.writeString(dir.resolve("orders.secret"), "not-a-real-secret");
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(config, """
                    node: retention-test
                    dataDirectory: ./data
                    integrations:
                      - name: orders
                        kind: purchase-orders
                        environment: demo
                        clientId: 3f0c2a9e-0000-4000-8000-00000000000a
                        clientSecret: { file: ./orders.secret }
                        folders: { root: ./erp/orders }
                    retention:
                      archiveDays: 30
                      auditDays: 365
                    """);
        }
        return Cli.withConfig(config, args);
    }

    @Test
    void anExportedTrailIsPrunedAndVerifiesFromTheHorizonUntilItsFirstKeptEventIsEdited() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(cli("audit", "verify").code()).isZero();
        }
        Instant beforeTheExport = Instant.now();
        Path export = dir.resolve("audit-1.jsonl");
        Cli.Run exported = cli("audit", "export", "--output", export.toString());
        assertThat(exported.code()).as(exported.err()).isZero();
        assertThat(cli("audit", "verify").code()).isZero();

        Cli.Run refused = cli("audit", "prune", "--before", Instant.now().plus(Duration.ofHours(1)).toString(),
                "--covered-by", export.toString());
        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(ExitCodes.DATA);
        assertThat(refused.err()).contains("audit prune refused, nothing removed")
                .contains("jakamo-connector audit export --output FILE");

        Cli.Run pruned = cli("audit", "prune", "--before", beforeTheExport.toString(), "--covered-by",
                export.toString());
        assertThat(pruned.code()).as(pruned.out() + pruned.err()).isZero();
        assertThat(pruned.out()).startsWith("audit trail pruned: ").contains("covered by the export audit-1.jsonl");
        Matcher horizon = Pattern.compile("events 1 to (\\d+) ").matcher(pruned.out());
        assertThat(horizon.find()).isTrue();
        long lastRemoved = Long.parseLong(horizon.group(1));

        Cli.Run verify = cli("audit", "verify");
        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).startsWith("audit trail intact: ")
                .contains("pruned: events 1 to " + lastRemoved + " (all before " + beforeTheExport.toString()
                        .substring(0, 19));
        Cli.Run against = cli("audit", "verify", "--against", export.toString());
        assertThat(against.code()).as(against.out() + against.err()).isZero();
        Path later = dir.resolve("audit-2.jsonl");
        assertThat(cli("audit", "export", "--output", later.toString()).code()).isZero();
        assertThat(Files.readString(later)).contains("\"action\":\"audit_pruned\"")
                .doesNotContain("\"seq\":" + lastRemoved + ",");

        tamper("UPDATE audit_event SET reason = 'edited' WHERE seq = " + (lastRemoved + 1));

        Cli.Run broken = cli("audit", "verify");
        assertThat(broken.code()).isEqualTo(ExitCodes.DATA);
        assertThat(broken.out()).startsWith("audit trail BROKEN at sequence " + (lastRemoved + 1));
    }

    @Test
    void retentionRunCountsTheArchivesByTheirArchiveTimeAndNeverTouchesFailed() throws Exception {
        Cli.Run first = cli("retention", "run");
        assertThat(first.code()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("orders: files archived before ").contains("processed: 0 removed")
                .contains("from_jakamo: 0 removed").contains("audit trail: nothing removed");
        Path erp = dir.resolve("erp").resolve("orders");
        Path exported = Files.writeString(erp.resolve("to_jakamo").resolve("PO-1.xml"), "<Order/>");
        Files.setLastModifiedTime(exported, FileTime.from(Instant.now().minus(Duration.ofDays(400))));
        Path archived = Files.move(exported, erp.resolve("processed").resolve("PO-1.xml"));
        Path failed = Files.writeString(erp.resolve("failed").resolve("PO-2.xml"), "<Order/>");
        Files.setLastModifiedTime(failed, FileTime.from(Instant.now().minus(Duration.ofDays(400))));

        Cli.Run dry = cli("retention", "run", "--dry-run");
        Cli.Run run = cli("retention", "run");

        assertThat(dry.code()).as(dry.out() + dry.err()).isZero();
        assertThat(dry.out()).startsWith("dry run: nothing was removed");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("processed: 0 removed (0 bytes), 1 kept (oldest archived ");
        assertThat(archived).exists();
        assertThat(failed).exists();
    }

    /** A superuser's change with the append-only trigger switched off, as in {@link AuditCommandIT}. */
    private void tamper(String sql) throws Exception {
        try (EmbeddedPostgresDatabase db = new EmbeddedPostgresDatabase(dir.resolve("data"), 0)) {
            db.start();
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + db.port() + "/"
                    + EmbeddedPostgresDatabase.DATABASE, "postgres", AuditCommandIT.passwordOf("postgres",
                    db.passwordFile()));
                 Statement s = c.createStatement()) {
                s.execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
                s.execute(sql);
                s.execute("ALTER TABLE audit_event ENABLE TRIGGER USER");
            }
        }
    }
}
