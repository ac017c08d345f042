package io.jakamoconnector.adapter.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL for tests: one server per test JVM, and a fresh, empty database for each {@link #create()}, so
 * tests never see each other's rows. The server comes from, in this order:
 * <ol>
 *   <li>{@code JAKAMO_TEST_JDBC_URL} (with {@code JAKAMO_TEST_DB_USER}, default {@code postgres}, and
 *       {@code JAKAMO_TEST_DB_PASSWORD}): a server someone started; the user needs CREATEDB;</li>
 *   <li>Testcontainers ({@code postgres:16-alpine}) where a Docker engine answers;</li>
 *   <li>an embedded PostgreSQL (zonky), started once and stopped when the JVM exits.</li>
 * </ol>
 * Other modules use it through this module's test-jar:
 * <pre>{@code
 * try (TestDatabase db = TestDatabase.create()) {
 *     PostgresDatabase database = db.database();   // started and migrated
 *     ... or configure the app with db.jdbcUrl(), db.user(), db.password()
 * }
 * }</pre>
 */
public final class TestDatabase implements AutoCloseable {
    public static final String URL_VARIABLE = "JAKAMO_TEST_JDBC_URL";
    public static final String USER_VARIABLE = "JAKAMO_TEST_DB_USER";
    public static final String PASSWORD_VARIABLE = "JAKAMO_TEST_DB_PASSWORD";

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);
    private static Server server;

    /** Where the one server of this JVM is: an admin URL (to any database) and its credentials. */
    private record Server(String source, String adminUrl, String user, String password) {
    }

    private final String name;
    private final String jdbcUrl;
    private ExternalDatabase database;

    private TestDatabase(String name, String jdbcUrl) {
        this.name = name;
        this.jdbcUrl = jdbcUrl;
    }

    /** A new empty database (CREATE DATABASE with a random name) on this JVM's server. */
    public static TestDatabase create() {
        Server s = server();
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = DriverManager.getConnection(s.adminUrl(), s.user(), s.password());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("creating test database " + name + " on " + s.source() + " failed", e);
        }
        return new TestDatabase(name, withDatabase(s.adminUrl(), name));
    }

    /** Which server this JVM uses: {@code env}, {@code testcontainers} or {@code zonky}. */
    public static String source() {
        return server().source();
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return server().user();
    }

    public char[] password() {
        String password = server().password();
        return password == null ? null : password.toCharArray();
    }

    /** The connector's database on it, started (migrated) on first call and closed with this fixture. */
    public synchronized ExternalDatabase database() {
        if (database == null) {
            database = unstarted(8);
            database.start();
        }
        return database;
    }

    /**
     * Sync state over {@code database} with an audit trail of its own signing key (in a temporary directory): what the
     * connector wires, for tests that record state changes with their audit events.
     */
    public static JdbiSyncStateAdapter syncState(PostgresDatabase database) {
        return new JdbiSyncStateAdapter(database, auditTrail(database));
    }

    /** An audit trail over {@code database}, signing its checkpoints with a new key in a temporary directory. */
    public static JdbiAuditTrailAdapter auditTrail(PostgresDatabase database) {
        try {
            return new JdbiAuditTrailAdapter(database,
                    AuditSigningKey.loadOrCreate(java.nio.file.Files.createTempDirectory("audit-keys")),
                    java.time.Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Another connector instance's view of the same database (not started: the caller starts and closes it). */
    public ExternalDatabase unstarted(int poolSize) {
        return new ExternalDatabase(jdbcUrl, user(), this::password, poolSize);
    }

    /** A plain connection as the owner (the user that ran the migrations): for checks and deliberate damage. */
    public Connection ownerConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user(), server().password());
    }

    /** Closes the connector's database and drops this database. */
    @Override
    public synchronized void close() {
        if (database != null) {
            database.close();
        }
        Server s = server();
        try (Connection admin = DriverManager.getConnection(s.adminUrl(), s.user(), s.password());
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            LOG.warn("could not drop test database {}: {}", name, e.getMessage());
        }
    }

    private static synchronized Server server() {
        if (server == null) {
            long started = System.nanoTime();
            server = startServer();
            LOG.info("test PostgreSQL from {} in {} ms", server.source(), (System.nanoTime() - started) / 1_000_000);
        }
        return server;
    }

    private static Server startServer() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            String user = System.getenv().getOrDefault(USER_VARIABLE, "postgres");
            return new Server("env", url, user, System.getenv(PASSWORD_VARIABLE));
        }
        if (dockerAvailable()) {
            return Containers.start();
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException e) {
                    // the JVM is ending; the server's directory is temporary
                }
            }, "test-postgres-stop"));
            return new Server("zonky", pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("starting the embedded test PostgreSQL failed", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory");
        } catch (ClassNotFoundException e) {
            return false;   // a module that uses the test-jar without Testcontainers
        }
        return Containers.dockerAvailable();
    }

    /** Touches Testcontainers only when it is on the class path. */
    private static final class Containers {
        static boolean dockerAvailable() {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        }

        @SuppressWarnings("resource")   // lives as long as the JVM; Testcontainers' reaper removes it
        static Server start() {
            var container = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:16-alpine");
            container.start();
            return new Server("testcontainers", container.getJdbcUrl(), container.getUsername(),
                    container.getPassword());
        }
    }

    /** The same URL pointing at another database: replaces the path after host[:port]/. */
    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int hostStart = base.indexOf("//");
        int slash = hostStart < 0 ? -1 : base.indexOf('/', hostStart + 2);
        String hostPart = slash < 0 ? base : base.substring(0, slash);
        return hostPart + "/" + database.toLowerCase(Locale.ROOT) + params;
    }
}
