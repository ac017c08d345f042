package io.jakamoconnector.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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

    private static String setting(PostgresDatabase db, String name) {
        return db.jdbi().withHandle(h -> h.createQuery("SHOW " + name).mapTo(String.class).one());
    }
}
