package io.jakamoconnector.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jakamoconnector.domain.port.out.StateStoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's PostgreSQL: a resource with {@link #start()} (reach or start the server, migrate the schema with
 * Flyway, open a small connection pool) and {@link #close()}. Constructors do no I/O. The adapters of this module take
 * a started instance; nothing outside this module sees JDBC, Jdbi or Flyway.
 */
public abstract class PostgresDatabase implements AutoCloseable {
    /** Where the migrations live; file names are {@code V<n>__snake_case.sql}. */
    public static final String MIGRATIONS = "classpath:io/jakamoconnector/db/migration";
    /** The role the connector works as when the migration could create it (INSERT/SELECT only on the audit trail). */
    public static final String APPLICATION_ROLE = "jakamo_app";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);
    private static final int DEFAULT_POOL_SIZE = 8;
    /** How long a unit of work waits for a pooled connection (a free one, or a new one while the server is away). */
    private static final Duration CONNECTION_WAIT = Duration.ofSeconds(30);
    /** How long the pool waits for a validity check of an idle connection before it drops that connection. */
    private static final Duration VALIDATION_WAIT = Duration.ofSeconds(2);

    private final int poolSize;
    private ConnectionFactory factory;
    private HikariDataSource pool;
    private volatile Jdbi jdbi;
    private int migrationsApplied;
    private String schemaVersion;
    private boolean started;
    private boolean closed;

    PostgresDatabase(int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize: must be at least 1");
        }
        this.poolSize = poolSize;
    }

    PostgresDatabase() {
        this(DEFAULT_POOL_SIZE);
    }

    /** How to connect once the server is reachable; subclasses start a server here if they own one. */
    abstract ConnectionFactory startServer();

    /** Stops a server this instance started; nothing for an external one. */
    abstract void stopServer();

    /** Where the database is, for people: a host and database, or a directory; never a password. */
    public abstract String description();

    /**
     * Reaches the server (starting the embedded one), migrates the schema and opens the pool. Idempotent.
     *
     * @throws StateStoreException when the server cannot be reached or a migration fails or does not validate
     */
    public final synchronized void start() {
        start(null, null, null);
    }

    /**
     * What a restore does between reaching the server and the last migration: it gets the owner's connections, with
     * the schema migrated up to the backup's version.
     */
    @FunctionalInterface
    interface OwnerStep {
        void run(ConnectionFactory owner) throws SQLException;
    }

    /**
     * {@link #start()}, but with {@code check} run before any migration, then the schema migrated only up to {@code
     * firstVersion} and {@code step} run at that version, before the migrations to the current version run (a restore loads a backup's rows into the schema they
     * were copied from).
     */
    final synchronized void start(OwnerStep check, String firstVersion, OwnerStep step) {
        if (closed) {
            throw new IllegalStateException("this database was closed; create a new one");
        }
        if (started) {
            if (step != null) {
                throw new IllegalStateException("the database is started already: a restore must start it itself");
            }
            return;
        }
        try {
            factory = startServer();
            if (step != null) {
                try {
                    check.run(factory);
                    migrate(firstVersion);
                    step.run(factory);
                } catch (SQLException e) {
                    throw SqlFailures.translate("restoring the database at " + description(), e);
                }
            }
            migrate(null);
            if (!factory.logsInAsApplication()) {
                useApplicationRoleIfPossible();
            }
            pool = openPool(factory);
            jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
            // neither statements nor bound values (document bytes, business keys) go into exception messages:
            // the adapters say what they were doing
            jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
            started = true;
        } catch (DatabaseBackupException e) {
            stopQuietly();
            throw e;
        } catch (RuntimeException e) {
            stopQuietly();
            throw e instanceof StateStoreException sse ? sse : translateStartFailure(e);
        }
    }

    /**
     * HikariCP over the connection factory, so pooled connections log in as the application role with the factory's
     * TLS settings and network timeout. Connections are opened when work needs them (none at start, none kept when
     * idle for long); one handed back with an open transaction is rolled back, one that broke is dropped and replaced.
     */
    private HikariDataSource openPool(ConnectionFactory source) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("jakamo-db");
        config.setDataSource(source);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(CONNECTION_WAIT.toMillis());
        config.setValidationTimeout(VALIDATION_WAIT.toMillis());
        // the first unit of work opens the first connection, and an outage after start is a failure of that work
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    private StateStoreException translateStartFailure(RuntimeException e) {
        if (e instanceof FlywayException && !SqlFailures.hasSqlCause(e)) {
            // Flyway's messages name migration files and checksums, never data
            return new StateStoreException("migrating the database at " + description() + " failed: "
                    + e.getMessage(), false, e);
        }
        return SqlFailures.translate("starting the database at " + description(), e);
    }

    private void migrate(String target) {
        var configuration = Flyway.configure()
                .dataSource(factory.ownerDataSource())
                .locations(MIGRATIONS)
                .validateOnMigrate(true)
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .failOnMissingLocations(true);
        if (target != null) {
            configuration.target(target);
        }
        MigrateResult result = configuration.load().migrate();
        migrationsApplied = result.migrationsExecuted;
        schemaVersion = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info("database {}: {} migration(s) applied, schema version {}", description(), migrationsApplied,
                schemaVersion);
    }

    private void useApplicationRoleIfPossible() {
        try (Connection connection = factory.openAsOwner(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '"
                     + APPLICATION_ROLE + "') AND pg_has_role(current_user, '" + APPLICATION_ROLE + "', 'MEMBER')")) {
            rs.next();
            if (rs.getBoolean(1)) {
                factory.switchRoleTo(APPLICATION_ROLE);
            } else {
                LOG.warn("database {}: role {} is missing or not granted to the connecting user; working as that "
                        + "user (the audit trail's trigger still refuses changes)", description(), APPLICATION_ROLE);
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("checking the application role", e);
        }
    }

    /** Closes the pool and stops an embedded server. Idempotent. */
    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly();
    }

    private void stopQuietly() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
        jdbi = null;
        started = false;
        try {
            stopServer();
        } catch (RuntimeException e) {
            LOG.warn("database {}: stopping failed: {}", description(), e.toString());
        }
    }

    /** Runs {@code SELECT 1} through the pool; throws a {@link StateStoreException} saying what failed. */
    public void checkHealth() {
        try {
            Integer one = jdbi().withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            if (one == null || one != 1) {
                throw new StateStoreException("the database at " + description() + " answered SELECT 1 wrongly",
                        true, null);
            }
        } catch (JdbiException e) {
            throw SqlFailures.translate("checking the database at " + description(), e);
        }
    }

    /** The server's own version string, such as {@code PostgreSQL 14.22 on x86_64-pc-linux-gnu ...}. */
    public String serverVersion() {
        try {
            return jdbi().withHandle(h -> h.createQuery("SELECT version()").mapTo(String.class).one());
        } catch (JdbiException e) {
            throw SqlFailures.translate("asking the database for its version", e);
        }
    }

    /**
     * The id of the installation this database belongs to (32 hex digits, made once by the migrations): every instance
     * on this database shares it; an installation with a database of its own has another.
     */
    public String installationId() {
        try {
            return jdbi().withHandle(h -> h.createQuery("SELECT id FROM installation").mapTo(String.class).one());
        } catch (JdbiException e) {
            throw SqlFailures.translate("reading the installation id", e);
        }
    }

    /** The schema version after start-up's migration (the highest applied migration's version). */
    public synchronized String schemaVersion() {
        requireStarted();
        return schemaVersion;
    }

    /** How many migrations the last {@link #start()} applied (0 when the schema was current). */
    public synchronized int migrationsApplied() {
        requireStarted();
        return migrationsApplied;
    }

    /** Whether the connector works as the restricted {@link #APPLICATION_ROLE} (where the migration created it). */
    public synchronized boolean usesApplicationRole() {
        requireStarted();
        return APPLICATION_ROLE.equals(factory.role());
    }

    Jdbi jdbi() {
        Jdbi current = jdbi;
        if (current == null) {
            throw new IllegalStateException("the database is not started: call start() first");
        }
        return current;
    }

    /** A connection as the schema's owner (who may read Flyway's history), outside the pool: for a backup. */
    Connection openOwnerConnection() throws SQLException {
        ConnectionFactory current;
        synchronized (this) {
            requireStarted();
            current = factory;
        }
        return current.openAsOwner();
    }

    /** A connection outside the pool, for a holder that keeps it (a queue lease's advisory lock). */
    Connection openDedicatedConnection() throws SQLException {
        ConnectionFactory current;
        synchronized (this) {
            requireStarted();
            current = factory;
        }
        return current.getConnection();
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("the database is not started: call start() first");
        }
    }
}
