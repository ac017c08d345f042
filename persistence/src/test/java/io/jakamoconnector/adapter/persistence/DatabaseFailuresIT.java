package io.jakamoconnector.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jakamoconnector.domain.port.out.StateStoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresIT {
    private static final String SECRET = "s3cr3t-value-that-must-not-leak";

    @Test
    void noBoundOrStoredValueReachesAnyMessageOfTheFailure() {
        try (TestDatabase db = TestDatabase.create()) {
            ExternalDatabase database = db.database();
            JdbiException failure = catchThrowableOfType(JdbiException.class, () -> database.jdbi().useHandle(h ->
                    h.createUpdate("INSERT INTO inbound_message (integration, dedup_key, document_type, sha256, state, "
                                    + "received_at, fencing_token) VALUES (:v, :v, 'ORDER', :v, 'DELIVERED', now(), 1)")
                            .bind("v", SECRET).execute()));
            StateStoreException translated = SqlFailures.translate("recording a message", failure);

            assertThat(translated.getMessage()).contains("recording a message", "23514", "inbound_message")
                    .doesNotContain(SECRET);
            assertThat(translated.retryable()).isFalse();
            for (Throwable t = translated; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).as(t.getClass().getName()).doesNotContain(SECRET);
                assertThat(t.toString()).doesNotContain(SECRET);
            }
        }
    }

    @Test
    void aDroppedConnectionIsRetryableAndThePoolRecovers() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            ExternalDatabase database = db.database();
            database.checkHealth();
            try (Connection owner = db.ownerConnection(); Statement s = owner.createStatement()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND pid <> pg_backend_pid()");
            }
            int failures = 0;
            for (int i = 0; i < 10; i++) {
                try {
                    database.checkHealth();
                    break;
                } catch (StateStoreException e) {
                    assertThat(e.retryable()).as(e.getMessage()).isTrue();
                    failures++;
                }
            }
            assertThat(failures).as("broken pooled connections are dropped, not handed out forever")
                    .isLessThan(10);
            database.checkHealth();
        }
    }

    @Test
    void closingTheDatabaseReleasesEveryPooledConnection() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            ExternalDatabase database = db.database();
            try (Handle first = database.jdbi().open(); Handle second = database.jdbi().open()) {
                first.execute("SELECT 1");
                second.execute("SELECT 1");
            }
            assertThat(connectorConnections(db)).as("two units of work at once held two connections")
                    .isGreaterThanOrEqualTo(2);

            database.close();

            assertThat(connectorConnections(db)).isZero();
        }
    }

    private static int connectorConnections(TestDatabase db) throws Exception {
        try (Connection owner = db.ownerConnection(); Statement s = owner.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                     + "AND application_name = 'jakamo-connector' AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void anUnreachableServerIsARetryableFailureNamingWhere() {
        try (ExternalDatabase nowhere = new ExternalDatabase("jdbc:postgresql://127.0.0.1:1/jakamo", "connector",
                () -> SECRET.toCharArray())) {
            assertThatThrownBy(nowhere::start).isInstanceOfSatisfying(StateStoreException.class, e -> {
                assertThat(e.getMessage()).contains("127.0.0.1:1").doesNotContain(SECRET);
                assertThat(e.retryable()).isTrue();
            });
        }
    }

    @Test
    void aUrlWithAPasswordIsRefused() {
        assertThatThrownBy(() -> new ExternalDatabase("jdbc:postgresql://db/jakamo?user=a&password=" + SECRET, "a",
                () -> null)).isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(SECRET);
    }
}
