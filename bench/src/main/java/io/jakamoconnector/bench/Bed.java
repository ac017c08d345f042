package io.jakamoconnector.bench;

import com.google.inject.Injector;
import com.google.inject.Stage;
import io.jakamoconnector.adapter.persistence.EmbeddedPostgresDatabase;
import io.jakamoconnector.app.config.ConfigLoader;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.wiring.Composition;
import io.jakamoconnector.app.wiring.Injectors;
import io.jakamoconnector.app.wiring.Lifecycle;
import io.jakamoconnector.app.wiring.PersistenceResource;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.sandbox.AppRegistration;
import io.jakamoconnector.sandbox.AppSpec;
import io.jakamoconnector.sandbox.ConnectorConfigFiles;
import io.jakamoconnector.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox with one purchase-orders integration, {@code orders}, and the connector built from the configuration
 * the sandbox writes, exactly as {@code run} builds it (the strict injector over {@code Composition.service}), with
 * its embedded, durable PostgreSQL (fsync on). Nothing here is timed.
 */
final class Bed implements AutoCloseable {
    static final String ORDERS = "orders";
    static final IntegrationName INTEGRATION = new IntegrationName(ORDERS);

    final Path dir;
    final Sandbox sandbox;
    final AppRegistration app;
    final ConnectorConfigFiles files;
    final ConnectorConfig config;
    final Injector injector;
    private Lifecycle lifecycle;

    /** {@code extraYaml} is appended to the sandbox's configuration; {@code env} are JAKAMO_CONNECTOR_ overrides. */
    Bed(String name, String extraYaml, Map<String, String> env) throws IOException {
        this.dir = Files.createTempDirectory("bench-" + name + "-");
        this.sandbox = Sandbox.builder().start();
        this.app = sandbox.registerApp(AppSpec.orders("erp-orders").integration(ORDERS));
        this.files = sandbox.writeConnectorConfig(dir);
        Files.writeString(files.configFile(), Files.readString(files.configFile()) + "\n" + extraYaml);
        this.config = new ConfigLoader(env, dir).load(Optional.of(files.configFile()));
        this.injector = Injectors.strict(Stage.PRODUCTION, Composition.service(config, Clock.systemUTC()));
    }

    /** Starts the database (migrations included) and the token adapter, as {@code run} does before its loops. */
    Bed start() {
        lifecycle = injector.getInstance(Lifecycle.class);
        lifecycle.start();
        return this;
    }

    /** Stops what {@link #start()} started (the database among it) and keeps the directory, for a child process. */
    void stopConnector() {
        if (lifecycle != null) {
            Lifecycle started = lifecycle;
            lifecycle = null;
            started.close();
        }
    }

    <T> T get(Class<T> type) {
        return injector.getInstance(type);
    }

    Path folder(String name) {
        return files.folderRoots().get(ORDERS).resolve(name);
    }

    /**
     * A plain JDBC connection to the connector's own embedded server and database (for the raw limit loop), as the
     * role that owns the database (the raw loop makes its own table), with the password the driver reads from the
     * cluster's password file.
     */
    Connection jdbc() throws SQLException {
        EmbeddedPostgresDatabase database = (EmbeddedPostgresDatabase) get(PersistenceResource.class).database();
        System.setProperty("org.postgresql.pgpassfile", database.passwordFile().toString());
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + database.port() + "/"
                + EmbeddedPostgresDatabase.DATABASE, EmbeddedPostgresDatabase.OWNER_ROLE, null);
    }

    @Override
    public void close() {
        try {
            if (lifecycle != null) {
                lifecycle.close();
            }
        } finally {
            sandbox.close();
            deleteQuietly(dir);
        }
    }

    /** Removes a bench directory (database, ERP folders, configuration): a full run writes tens of thousands of files. */
    static void deleteQuietly(Path directory) {
        try (var walk = Files.walk(directory)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
