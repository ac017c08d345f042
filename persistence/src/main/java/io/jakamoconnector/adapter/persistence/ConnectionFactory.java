package io.jakamoconnector.adapter.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Opens new, unpooled connections with the password asked for at each connection (it is never stored as a string
 * here). Flyway and the queue leases use it directly; {@link ConnectionPool} wraps it for units of work.
 */
final class ConnectionFactory extends DataSourceBase {
    private final PGSimpleDataSource source;
    private final String user;
    private final Supplier<char[]> password;
    private volatile String role;

    ConnectionFactory(String jdbcUrl, String user, Supplier<char[]> password, String applicationName) {
        this.source = new PGSimpleDataSource();
        this.source.setUrl(jdbcUrl);
        this.source.setApplicationName(applicationName);
        // the server's DETAIL can quote a row's values; keep it out of exception messages
        this.source.setLogServerErrorDetail(false);
        this.source.setConnectTimeout(10);
        this.source.setTcpKeepAlive(true);
        this.user = user;
        this.password = password;
    }

    /** After this, every connection switches to {@code role} (SET ROLE) before it is handed out. */
    void switchRoleTo(String applicationRole) {
        this.role = applicationRole;
    }

    String role() {
        return role;
    }

    /** A connection as the configured user, without the role switch: for migrations and administration. */
    Connection openAsOwner() throws SQLException {
        char[] secret = password.get();
        return source.getConnection(user, secret == null ? null : new String(secret));
    }

    /** A connection as the application role, when one is in use. */
    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = openAsOwner();
        String current = role;
        if (current != null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET ROLE " + current);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
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
