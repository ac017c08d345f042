package io.jakamoconnector.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An application connection gives up on a server that does not answer (a peer gone without a reset looks the same:
 * no bytes come back), instead of waiting for TCP keepalive; an owner connection (migrations) waits as long as it
 * takes. The server is made slow with {@code pg_sleep}, longer than the timeout the factory is given here.
 */
class NetworkTimeoutIT {
    private static final int TIMEOUT_MILLIS = 1_000;
    private static final String SLOW = "SELECT pg_sleep(3), 1";

    private TestDatabase db;
    private ConnectionFactory factory;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create();
        factory = new ConnectionFactory(db.jdbcUrl(), db.user(), db::password, "network-timeout-test",
                TIMEOUT_MILLIS);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void anApplicationConnectionGivesUpOnAnAnswerThatDoesNotCome() throws Exception {
        try (Connection connection = factory.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(connection.getNetworkTimeout()).isEqualTo(TIMEOUT_MILLIS);
            assertThatThrownBy(() -> statement.executeQuery(SLOW)).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).as("a connection failure, which the adapters treat as retryable")
                            .startsWith("08"));
            assertThat(connection.isClosed()).as("the connection is given up, not reused").isTrue();
        }
        assertThat(SqlFailures.translate("a slow statement", new SQLException("x", "08006")).retryable()).isTrue();
    }

    @Test
    void anOwnerConnectionForMigrationsHasNoSuchLimit() throws Exception {
        try (Connection connection = factory.openAsOwner(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(SLOW)) {
            assertThat(connection.getNetworkTimeout()).isZero();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(2)).isEqualTo(1);
        }
    }

    @Test
    void theConnectorsOwnConnectionsCarryTheDefault() throws Exception {
        ConnectionFactory defaults = new ConnectionFactory(db.jdbcUrl(), db.user(), db::password, "defaults");
        try (Connection connection = defaults.getConnection()) {
            assertThat(connection.getNetworkTimeout()).isEqualTo(ConnectionFactory.NETWORK_TIMEOUT_MILLIS);
        }
    }
}
