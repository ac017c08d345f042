package io.jakamoconnector.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.port.out.StateStoreException;
import java.nio.file.Files;

import java.nio.file.Path;
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
                    .hasMessageContaining("another connector is running");
            first.checkHealth();
        }
    }

    @Test
    void startsAfterAConnectorWasKilledAndLeftItsServerRunning(@TempDir Path dataDir) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedCrashChild.class.getName(), dataDir.toString())
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("child.log").toFile()).start();
        try {
            for (int i = 0; i < 600 && !Files.exists(dataDir.resolve("child-ready")); i++) {
                assertThat(child.isAlive()).as("the child runs (see child.log)").isTrue();
                Thread.sleep(100);
            }
            assertThat(dataDir.resolve("child-ready")).exists();
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);   // kill -9: the server stays behind
        }
        try (EmbeddedPostgresDatabase next = new EmbeddedPostgresDatabase(dataDir, 0)) {
            next.start();
            long token = next.jdbi().withHandle(h -> h.createQuery(
                    "SELECT fencing_token FROM queue_lease WHERE integration = 'before-the-crash'")
                    .mapTo(Long.class).one());
            assertThat(token).isEqualTo(7);
        }
    }

    private static String setting(PostgresDatabase db, String name) {
        return db.jdbi().withHandle(h -> h.createQuery("SHOW " + name).mapTo(String.class).one());
    }
}
