package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.adapter.persistence.EmbeddedPostgresDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** audit verify and audit export on the embedded database, through the CLI. */
class AuditCommandIT {
    @TempDir
    Path dir;

    private Cli.Run cli(String... args) throws Exception {
        Path config = dir.resolve("jakamo-connector.yml");
        if (!Files.exists(config)) {
            Files.writeString(config, "node: audit-test\ndataDirectory: ./data\n");
        }
        return Cli.withConfig(config, args);
    }

    @Test
    void verifiesExportsAndCatchesATamperedEvent() throws Exception {
        assertThat(cli("doctor").code()).isZero();
        assertThat(cli("doctor").code()).isZero();

        Cli.Run verify = cli("audit", "verify");
        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).startsWith("audit trail intact: 2 events (last sequence 2)");

        Path export = dir.resolve("audit.jsonl");
        Cli.Run exported = cli("audit", "export", "--output", export.toString());
        assertThat(exported.code()).as(exported.err()).isZero();
        List<String> lines = Files.readAllLines(export);
        // two doctor runs and the verify: three events, then the signed checkpoint line
        assertThat(lines).hasSize(4);
        assertThat(lines.subList(0, 3)).allSatisfy(l -> assertThat(l).startsWith("{").contains("\"seq\""));
        assertThat(lines.get(0)).contains("configuration_loaded");
        assertThat(lines.get(3)).contains("\"checkpoint\"").contains("\"signature\"");
        assertThat(exported.err()).contains("exported 3 event(s)");

        Cli.Run filtered = cli("audit", "export", "--output", dir.resolve("none.jsonl").toString(), "--since",
                "2099-01-01T00:00:00Z");
        assertThat(filtered.code()).isZero();
        assertThat(Files.readAllLines(dir.resolve("none.jsonl"))).hasSize(1);

        tamper("UPDATE audit_event SET reason = 'edited' WHERE seq = 2");

        Cli.Run broken = cli("audit", "verify");
        assertThat(broken.code()).isEqualTo(ExitCodes.DATA);
        assertThat(broken.out()).startsWith("audit trail BROKEN at sequence 2");
    }

    /**
     * Issue 13: commands wrote events and ended; an insider cut the last events and moved the chain's head. Before,
     * nothing had signed a checkpoint (that took 1000 events), so verify said intact. Now every command signs the head
     * when it ends, into the database and the anchor file, and verify finds the cut, with or without an export.
     */
    @Test
    void aCutTailIsFoundAfterCommandsThatWroteEventsAndAgainstAnEarlierExport() throws Exception {
        assertThat(cli("doctor").code()).isZero();
        assertThat(cli("doctor").code()).isZero();
        Path export = dir.resolve("before.jsonl");
        assertThat(cli("audit", "export", "--output", export.toString()).code()).isZero();
        Cli.Run intact = cli("audit", "verify", "--against", export.toString());
        assertThat(intact.code()).as(intact.out() + intact.err()).isZero();
        assertThat(intact.out()).contains("is still a prefix of it");

        Path anchor = dir.resolve("data").resolve("audit-anchor.log");
        assertThat(Files.readAllLines(anchor)).as("a checkpoint per command that wrote events").hasSize(4)
                .allSatisfy(l -> assertThat(l).startsWith("{\"seq\":").contains("\"signature\":"));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(anchor)))
                .isEqualTo("rw-------");

        // (b): the last two events are deleted and the head moved back, so the chain itself is consistent
        tamper("DELETE FROM audit_event WHERE seq > 2; UPDATE audit_head SET last_seq = 2, "
                + "last_hash = (SELECT hash FROM audit_event WHERE seq = 2)");

        Cli.Run verify = cli("audit", "verify");
        assertThat(verify.code()).as(verify.out() + verify.err()).isEqualTo(ExitCodes.DATA);
        assertThat(verify.out()).startsWith("audit trail BROKEN at sequence 3: the trail ends at event 2")
                .contains("events were cut off");

        Cli.Run against = cli("audit", "verify", "--against", export.toString());
        assertThat(against.code()).as(against.out() + against.err()).isEqualTo(ExitCodes.DATA);
        assertThat(against.out()).contains("checked against the export " + export.toAbsolutePath());

        Path after = dir.resolve("after.jsonl");
        Cli.Run export2 = cli("audit", "export", "--output", after.toString());
        assertThat(export2.code()).as("no signature over a cut chain").isEqualTo(ExitCodes.DATA);
        assertThat(export2.err()).contains("audit export refused");
        assertThat(after).doesNotExist();

        Cli.Run notAnExport = cli("audit", "verify", "--against", anchor.resolveSibling("nothing").toString());
        assertThat(notAnExport.code()).isEqualTo(ExitCodes.IO);
    }

    @Test
    void refusesABadInstantWithTheFormToUse() throws Exception {
        Cli.Run run = cli("audit", "export", "--since", "yesterday");
        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--since: 'yesterday' is not an instant; write it like 2026-11-01T00:00:00Z");
    }

    /**
     * A superuser's change behind the application's back, with the append-only trigger switched off: a database
     * insider, with the superuser's password from the cluster's password file.
     */
    private void tamper(String sql) throws Exception {
        try (EmbeddedPostgresDatabase db = new EmbeddedPostgresDatabase(dir.resolve("data"), 0)) {
            db.start();
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + db.port() + "/"
                    + EmbeddedPostgresDatabase.DATABASE, "postgres", passwordOf("postgres", db.passwordFile()));
                 Statement s = c.createStatement()) {
                s.execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
                s.execute(sql);
                s.execute("ALTER TABLE audit_event ENABLE TRIGGER USER");
            }
        }
    }

    /** A role's password from a {@code .pgpass} file ({@code host:port:database:user:password} lines). */
    static String passwordOf(String role, java.nio.file.Path passwordFile) throws java.io.IOException {
        return java.nio.file.Files.readAllLines(passwordFile).stream().map(line -> line.split(":", 5))
                .filter(fields -> fields.length == 5 && fields[3].equals(role)).map(fields -> fields[4])
                .findFirst().orElseThrow();
    }
}
