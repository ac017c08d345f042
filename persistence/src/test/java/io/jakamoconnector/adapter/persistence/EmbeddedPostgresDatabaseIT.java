package io.jakamoconnector.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jakamoconnector.domain.port.out.StateStoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresDatabaseIT {

    @Test
    void keepsItsDataAcrossRestartsAndRunsDurably(@TempDir Path dataDir) {
        try (EmbeddedPostgresDatabase first = new EmbeddedPostgresDatabase(dataDir, 0)) {
            first.start();
            assertThat(first.migrationsApplied()).isPositive();
            assertThat(setting(first, "fsync")).isEqualTo("on");
            assertThat(setting(first, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(first, "full_page_writes")).isEqualTo("on");
            assertThat(first.usesApplicationRole()).isTrue();
            first.jdbi().useHandle(h -> h.execute("INSERT INTO queue_lease (integration, fencing_token) "
                    + "VALUES ('survivor', 41)"));
        }
        assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).exists();

        try (EmbeddedPostgresDatabase second = new EmbeddedPostgresDatabase(dataDir, 0)) {
            second.start();
            assertThat(second.migrationsApplied()).isZero();
            assertThat(second.dataDirectory()).isEqualTo(dataDir.toAbsolutePath().resolve("postgres"));
            long token = second.jdbi().withHandle(h -> h.createQuery(
                    "SELECT fencing_token FROM queue_lease WHERE integration = 'survivor'").mapTo(Long.class).one());
            assertThat(token).isEqualTo(41);
            assertThat(setting(second, "fsync")).isEqualTo("on");
            second.checkHealth();
            assertThat(second.serverVersion()).startsWith("PostgreSQL ");
        }
    }

    @Test
    void aSecondConnectorOnTheSameDirectoryIsRefused(@TempDir Path dataDir) {
        try (EmbeddedPostgresDatabase first = new EmbeddedPostgresDatabase(dataDir, 0)) {
            first.start();
            EmbeddedPostgresDatabase second = new EmbeddedPostgresDatabase(dataDir, 0);
            assertThatThrownBy(second::start).isInstanceOf(StateStoreException.class)
                    .hasMessageContaining("another connector (pid " + ProcessHandle.current().pid() + ") is running");
            first.checkHealth();
        }
    }

    @Test
    void startsAfterAConnectorWasKilledAndLeftItsServerRunning(@TempDir Path dataDir) throws Exception {
        Process child = startChild(dataDir);
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);   // kill -9: the server stays behind
        try (EmbeddedPostgresDatabase next = new EmbeddedPostgresDatabase(dataDir, 0)) {
            next.start();
            long token = next.jdbi().withHandle(h -> h.createQuery(
                    "SELECT fencing_token FROM queue_lease WHERE integration = 'before-the-crash'")
                    .mapTo(Long.class).one());
            assertThat(token).isEqualTo(7);
        }
    }

    @Test
    void everyConnectionNeedsAPasswordAndTheConnectorsRolesAreNotSuperusers(@TempDir Path dataDir)
            throws Exception {
        try (EmbeddedPostgresDatabase db = new EmbeddedPostgresDatabase(dataDir, 0)) {
            db.start();
            String url = "jdbc:postgresql://localhost:" + db.port() + "/" + EmbeddedPostgresDatabase.DATABASE;
            // what zonky's initdb -A trust allowed every local user before: the superuser without a password
            assertThatThrownBy(() -> connect(url, "postgres", null)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
            assertThatThrownBy(() -> connect(url, "postgres", "guess")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            assertThat(hbaMethods(db)).containsOnly("scram-sha-256");

            EmbeddedClusterSecrets secrets = EmbeddedClusterSecrets.read(db.dataDirectory()).orElseThrow();
            assertThat(Files.getPosixFilePermissions(db.dataDirectory().resolve(".pgpass")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            for (String[] role : new String[][] {{"jakamo_app", new String(secrets.application())},
                    {"jakamo_owner", new String(secrets.owner())}}) {
                try (Connection c = connect(url, role[0], role[1]); Statement s = c.createStatement()) {
                    try (ResultSet rs = s.executeQuery("SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles "
                            + "WHERE rolname = current_user")) {
                        rs.next();
                        assertThat(rs.getBoolean(1) || rs.getBoolean(2) || rs.getBoolean(3)).as(role[0]).isFalse();
                    }
                    assertThatThrownBy(() -> s.execute("SELECT pg_read_file('postgresql.conf')"))
                            .as(role[0]).hasMessageContaining("permission denied");
                    assertThatThrownBy(() -> s.execute("COPY (SELECT 1) TO PROGRAM 'id'"))
                            .as(role[0]).hasMessageContaining("pg_execute_server_program");
                }
            }
            // the connector's own connections log in as the application role, which cannot become the owner
            String sessionUser = db.jdbi().withHandle(h -> h.createQuery("SELECT session_user")
                    .mapTo(String.class).one());
            assertThat(sessionUser).isEqualTo("jakamo_app");
            assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("SET ROLE jakamo_owner")))
                    .hasMessageContaining("permission denied");
            assertThat(db.usesApplicationRole()).isTrue();
        }
    }

    @Test
    void theBinariesAreUnpackedInsideTheConnectorsOwnPrivateDirectory(@TempDir Path dataDir) throws Exception {
        try (EmbeddedPostgresDatabase db = new EmbeddedPostgresDatabase(dataDir, 0)) {
            db.start();
            Path runtime = db.binaryDirectory().getParent();
            assertThat(runtime).isEqualTo(dataDir.toAbsolutePath().resolve("postgres-runtime"));
            assertThat(Files.getPosixFilePermissions(runtime)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            long pid = Long.parseLong(Files.readAllLines(db.dataDirectory().resolve("postmaster.pid")).get(0).trim());
            assertThat(ProcessHandle.of(pid).flatMap(p -> p.info().command()).orElseThrow())
                    .as("the running server's binary").startsWith(db.binaryDirectory().toString());
            assertThat(Files.getPosixFilePermissions(db.dataDirectory()))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        }
        Path fresh = dataDir.resolve("new-installation");
        try (EmbeddedPostgresDatabase db = new EmbeddedPostgresDatabase(fresh, 0)) {
            db.start();
            assertThat(Files.getPosixFilePermissions(fresh)).as("a data directory the connector creates")
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.getPosixFilePermissions(db.dataDirectory().resolve("sock")))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aCommandUsesTheServerOfTheRunningConnectorInsteadOfBeingRefused(@TempDir Path dataDir) throws Exception {
        Process child = startChild(dataDir);
        try {
            try (EmbeddedPostgresDatabase command = new EmbeddedPostgresDatabase(dataDir, 0,
                    EmbeddedPostgresDatabase.Sharing.USE_RUNNING_OR_START)) {
                command.start();
                assertThat(command.servesItself()).isFalse();
                long token = command.jdbi().withHandle(h -> h.createQuery(
                        "SELECT fencing_token FROM queue_lease WHERE integration = 'before-the-crash'")
                        .mapTo(Long.class).one());
                assertThat(token).isEqualTo(7);
                command.jdbi().useHandle(h -> h.execute("INSERT INTO queue_lease (integration, fencing_token) "
                        + "VALUES ('from-the-command', 8)"));
            }
            // the command's end left the running connector's server alone
            try (EmbeddedPostgresDatabase again = new EmbeddedPostgresDatabase(dataDir, 0,
                    EmbeddedPostgresDatabase.Sharing.USE_RUNNING_OR_START)) {
                again.start();
                assertThat(again.servesItself()).isFalse();
                again.checkHealth();
            }
            // a second service is still refused
            EmbeddedPostgresDatabase service = new EmbeddedPostgresDatabase(dataDir, 0);
            assertThatThrownBy(service::start).isInstanceOf(StateStoreException.class)
                    .hasMessageContaining("another connector (pid " + child.pid() + ") is running");
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        try (EmbeddedPostgresDatabase alone = new EmbeddedPostgresDatabase(dataDir, 0,
                EmbeddedPostgresDatabase.Sharing.USE_RUNNING_OR_START)) {
            alone.start();
            assertThat(alone.servesItself()).as("nobody runs it now: the command starts its own").isTrue();
            long rows = alone.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM queue_lease")
                    .mapTo(Long.class).one());
            assertThat(rows).isEqualTo(2);
        }
    }

    @Test
    void aDataDirectoryOfTheEarlierTrustingVersionIsSecuredInPlaceWithNothingLost(@TempDir Path dataDir)
            throws Exception {
        Path pgdata = dataDir.toAbsolutePath().resolve("postgres");
        // the earlier version: zonky's defaults (initdb -A trust), the superuser running the migrations
        try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres legacy = io.zonky.test.db.postgres.embedded
                .EmbeddedPostgres.builder().setDataDirectory(pgdata).setCleanDataDirectory(false).start()) {
            try (Connection c = connect(legacy.getJdbcUrl("postgres", "postgres"), "postgres", null);
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE jakamo ENCODING 'UTF8'");
            }
            try (ExternalDatabase old = new ExternalDatabase(legacy.getJdbcUrl("postgres", "jakamo"), "postgres",
                    () -> null)) {
                old.start();
                old.jdbi().useHandle(h -> h.execute("INSERT INTO queue_lease (integration, fencing_token) "
                        + "SELECT 'legacy-' || g, g FROM generate_series(1, 1000) g"));
            }
        }
        assertThat(pgdata.resolve(".pgpass")).doesNotExist();

        try (EmbeddedPostgresDatabase upgraded = new EmbeddedPostgresDatabase(dataDir, 0)) {
            upgraded.start();
            long sum = upgraded.jdbi().withHandle(h -> h.createQuery("SELECT sum(fencing_token) FROM queue_lease")
                    .mapTo(Long.class).one());
            assertThat(sum).isEqualTo(500_500L);
            String url = "jdbc:postgresql://localhost:" + upgraded.port() + "/jakamo";
            assertThatThrownBy(() -> connect(url, "postgres", null)).isInstanceOf(SQLException.class);
            assertThat(hbaMethods(upgraded)).containsOnly("scram-sha-256");
            java.util.List<String> owners = upgraded.jdbi().withHandle(h -> h.createQuery(
                    "SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class "
                    + "WHERE relnamespace = 'public'::regnamespace").mapTo(String.class).list());
            assertThat(owners).containsOnly("jakamo_owner");
            upgraded.jdbi().useHandle(h -> h.execute("INSERT INTO queue_lease (integration, fencing_token) "
                    + "VALUES ('after-the-upgrade', 1)"));
        }
        try (EmbeddedPostgresDatabase restarted = new EmbeddedPostgresDatabase(dataDir, 0)) {
            restarted.start();
            assertThat(restarted.migrationsApplied()).isZero();
            long rows = restarted.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM queue_lease")
                    .mapTo(Long.class).one());
            assertThat(rows).isEqualTo(1001);
        }
    }

    private static Process startChild(Path dataDir) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedCrashChild.class.getName(), dataDir.toString())
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("child.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .failFast("the child died before it was ready", () -> !child.isAlive())
                    .until(() -> Files.exists(dataDir.resolve("child-ready")));
        } catch (org.awaitility.core.TerminalFailureException | org.awaitility.core.ConditionTimeoutException e) {
            child.destroyForcibly();
            // the data directory is a @TempDir, gone once the test ends: its log goes into the failure
            throw new AssertionError(e.getMessage() + "; its log:\n" + Files.readString(dataDir.resolve("child.log")), e);
        }
        return child;
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    /** The authentication methods the running server applies (read as its superuser, with the password). */
    private static java.util.List<String> hbaMethods(EmbeddedPostgresDatabase db) throws Exception {
        EmbeddedClusterSecrets secrets = EmbeddedClusterSecrets.read(db.dataDirectory()).orElseThrow();
        try (Connection c = connect("jdbc:postgresql://localhost:" + db.port() + "/postgres", "postgres",
                new String(secrets.superuser())); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT auth_method FROM pg_hba_file_rules")) {
            java.util.List<String> methods = new java.util.ArrayList<>();
            while (rs.next()) {
                methods.add(rs.getString(1));
            }
            return methods;
        }
    }

    private static String setting(PostgresDatabase db, String name) {
        return db.jdbi().withHandle(h -> h.createQuery("SHOW " + name).mapTo(String.class).one());
    }
}
