package io.jakamoconnector.adapter.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Opens new, unpooled connections with the password asked for at each connection (it is never stored as a string
 * here). Flyway and the queue leases use it directly; the HikariCP pool of
 * {@link PostgresDatabase} wraps it for units of work.
 */
final class ConnectionFactory extends DataSourceBase {
    /**
     * A transaction left open by a process that froze (SIGSTOP, a long GC pause, a frozen VM) keeps its row locks, and
     * with them the queue lease's fencing token (read FOR SHARE while a message is recorded) and the audit chain's
     * head, so no other instance could take the queue over or audit anything until it resumed. The server ends such a
     * transaction after this long; the frozen process finds its work refused (retryable) when it wakes up.
     */
    static final int IDLE_IN_TRANSACTION_MILLIS = 15_000;

    /**
     * How long an application connection waits for the server's answer before the connection is given up (the
     * statement fails, retryable; the pool opens a new connection). Without it a connection whose peer vanished without
     * a reset (a failed-over server, a dropped NAT entry, a hung proxy) waits for TCP keepalive, two hours by default,
     * and the round waiting on it with it. Far above any statement the connector runs: each is short, a row-lock wait
     * is bounded by {@link #IDLE_IN_TRANSACTION_MILLIS}, and export and verify fetch in batches. Migrations (the
     * owner's connections) have no such limit.
     */
    static final int NETWORK_TIMEOUT_MILLIS = 60_000;
    private static final Executor DIRECT = Runnable::run;

    private final PGSimpleDataSource source;
    private final int networkTimeoutMillis;
    private final String user;
    private final Supplier<char[]> password;
    private volatile String role;
    private volatile Login application;

    /** A separate login for the application's connections (the embedded cluster has one), instead of SET ROLE. */
    private record Login(String user, Supplier<char[]> password) {
        @Override
        public String toString() {
            return "Login[user=" + user + ", password=(hidden)]";
        }
    }

    ConnectionFactory(String jdbcUrl, String user, Supplier<char[]> password, String applicationName) {
        this(jdbcUrl, user, password, applicationName, NETWORK_TIMEOUT_MILLIS);
    }

    ConnectionFactory(String jdbcUrl, String user, Supplier<char[]> password, String applicationName,
                      int networkTimeoutMillis) {
        this.networkTimeoutMillis = networkTimeoutMillis;
        this.source = new PGSimpleDataSource();
        this.source.setUrl(jdbcUrl);
        this.source.setApplicationName(applicationName);
        // the server's DETAIL can quote a row's values; keep it out of exception messages
        this.source.setLogServerErrorDetail(false);
        this.source.setConnectTimeout(10);
        this.source.setTcpKeepAlive(true);
        this.source.setOptions("-c idle_in_transaction_session_timeout=" + IDLE_IN_TRANSACTION_MILLIS);
        this.user = user;
        this.password = password;
    }

    /** After this, every connection switches to {@code role} (SET ROLE) before it is handed out. */
    void switchRoleTo(String applicationRole) {
        this.role = applicationRole;
    }

    /**
     * After this, every application connection logs in as {@code applicationUser} itself: unlike SET ROLE, such a
     * connection cannot take the owner's rights back with RESET ROLE.
     */
    void logInAsApplication(String applicationUser, Supplier<char[]> applicationPassword) {
        this.application = new Login(applicationUser, applicationPassword);
        this.role = applicationUser;
    }

    /** Whether application connections log in as their own role (see {@link #logInAsApplication}). */
    boolean logsInAsApplication() {
        return application != null;
    }

    String role() {
        return role;
    }

    /** A connection as the configured user, without the role switch: for migrations and administration. */
    Connection openAsOwner() throws SQLException {
        char[] secret = password.get();
        return source.getConnection(user, secret == null ? null : new String(secret));
    }

    /** A connection as the application role, when one is in use, waiting at most the network timeout for answers. */
    @Override
    public Connection getConnection() throws SQLException {
        Login login = application;
        Connection connection;
        if (login != null) {
            char[] secret = login.password().get();
            connection = source.getConnection(login.user(), secret == null ? null : new String(secret));
        } else {
            connection = openAsOwner();
        }
        try {
            connection.setNetworkTimeout(DIRECT, networkTimeoutMillis);
            String current = role;
            if (current != null && login == null) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET ROLE " + current);
                }
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** A data source for Flyway: connections as the owner, never switched to the application role. */
    DataSource ownerDataSource() {
        return new DataSourceBase() {
            @Override
            public Connection getConnection() throws SQLException {
                return openAsOwner();
            }
        };
    }
}
