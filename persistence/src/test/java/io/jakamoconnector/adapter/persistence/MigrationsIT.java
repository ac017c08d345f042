package io.jakamoconnector.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

class MigrationsIT {
    private static final Pattern NAME = Pattern.compile("V[1-9][0-9]*__[a-z0-9]+(_[a-z0-9]+)*\\.sql");

    @Test
    void migratesAnEmptyDatabaseAndValidates() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            PostgresDatabase database = db.database();
            assertThat(database.migrationsApplied()).isEqualTo(migrationFiles(db).size());
            assertThat(database.schemaVersion()).isEqualTo(String.valueOf(migrationFiles(db).size()));

            Flyway flyway = Flyway.configure()
                    .dataSource(db.jdbcUrl(), db.user(), db.password() == null ? null : new String(db.password()))
                    .locations(PostgresDatabase.MIGRATIONS).validateMigrationNaming(true).cleanDisabled(true).load();
            flyway.validate();
            assertThat(flyway.info().pending()).isEmpty();

            try (Connection c = db.ownerConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                         + "WHERE table_schema = 'public' ORDER BY 1")) {
                List<String> tables = new ArrayList<>();
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
                assertThat(tables).contains("inbound_message", "outbound_document", "queue_lease", "audit_event",
                        "audit_head", "audit_checkpoint");
            }
        }
    }

    @Test
    void aDocumentIsFoundByItsErpReferenceThroughAnIndexNotByReadingTheTable() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            db.database();   // migrated
            assertThat(planOfTheLookupByErpReference(db)).contains("outbound_document_by_erp_ref");
        }
    }

    private static String planOfTheLookupByErpReference(TestDatabase db) throws Exception {
        try (Connection c = db.ownerConnection(); Statement s = c.createStatement()) {
            // the planner would read a small table whole anyway: forbid that, so only an index can serve the query
            s.execute("SET enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery("EXPLAIN SELECT id FROM outbound_document "
                    + "WHERE integration = 'orders' AND erp_ref = 'a.xml' ORDER BY id DESC LIMIT 1")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    @Test
    void aSecondStartAppliesNothingAndStillValidates() {
        try (TestDatabase db = TestDatabase.create()) {
            String installation = db.database().installationId();
            assertThat(installation).matches("[0-9a-f]{32}");
            try (ExternalDatabase again = db.unstarted(1)) {
                again.start();
                assertThat(again.migrationsApplied()).isZero();
                again.checkHealth();
                assertThat(again.serverVersion()).startsWith("PostgreSQL ");
                assertThat(again.installationId()).as("one database, one installation").isEqualTo(installation);
            }
            try (TestDatabase other = TestDatabase.create()) {
                assertThat(other.database().installationId()).as("another database, another installation")
                        .isNotEqualTo(installation);
            }
        }
    }

    @Test
    void migrationFileNamesFollowThePattern() {
        List<String> names;
        try (TestDatabase db = TestDatabase.create()) {
            names = migrationFiles(db);
        }
        assertThat(names).isNotEmpty().allMatch(n -> NAME.matcher(n).matches(), "V<n>__snake_case.sql");
        List<Integer> versions = names.stream().map(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).sorted()
                .toList();
        for (int i = 0; i < versions.size(); i++) {
            assertThat(versions.get(i)).as("versions are 1..n without gaps").isEqualTo(i + 1);
        }
    }

    /** The scripts Flyway finds on the class path (inside the jar under failsafe), by file name. */
    static List<String> migrationFiles(TestDatabase db) {
        Flyway flyway = Flyway.configure()
                .dataSource(db.jdbcUrl(), db.user(), db.password() == null ? null : new String(db.password()))
                .locations(PostgresDatabase.MIGRATIONS).load();
        return Arrays.stream(flyway.info().all()).map(MigrationInfo::getScript)
                .map(script -> script.substring(script.lastIndexOf('/') + 1)).sorted().toList();
    }
}
