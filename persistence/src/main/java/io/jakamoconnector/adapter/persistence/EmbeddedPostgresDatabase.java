package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.port.out.StateStoreException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * The zero-setup default: a PostgreSQL server run by the connector itself, whose data directory lives under the
 * connector's data directory and survives restarts. Unlike the embedded library's defaults, it runs durably: fsync,
 * synchronous_commit and full_page_writes are on, so a power loss cannot lose a committed record.
 */
public final class EmbeddedPostgresDatabase extends PostgresDatabase {
    /** The database the connector's tables live in (created on first start). */
    public static final String DATABASE = "jakamo";
    private static final String SUPERUSER = "postgres";

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    /**
     * @param baseDirectory the connector's data directory; the server's files go to {@code <baseDirectory>/postgres}
     * @param port          a fixed local port, or 0 for any free one
     */
    public EmbeddedPostgresDatabase(Path baseDirectory, int port) {
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("database.port: must be 0 (any free port) or a port number");
        }
        this.dataDirectory = baseDirectory.toAbsolutePath().resolve("postgres");
        this.port = port;
    }

    /** Where the server keeps its files. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The port the server listens on (on localhost); known after {@link #start()}. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the embedded database is not started");
        }
        return server.getPort();
    }

    @Override
    synchronized ConnectionFactory startServer() {
        try {
            Files.createDirectories(dataDirectory.getParent());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("timezone", "UTC");
            if (port > 0) {
                builder.setPort(port);
            }
            server = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new StateStoreException("starting the embedded PostgreSQL in " + dataDirectory + " failed: "
                    + e.getMessage() + " (is another connector using this data directory, or the port taken?)",
                    false, e);
        }
        createDatabaseIfMissing();
        return new ConnectionFactory(server.getJdbcUrl(SUPERUSER, DATABASE), SUPERUSER, () -> null,
                "jakamo-connector");
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8'");
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("creating the database " + DATABASE + " in the embedded PostgreSQL", e);
        }
    }

    @Override
    synchronized void stopServer() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new StateStoreException("stopping the embedded PostgreSQL failed: " + e.getMessage(), false, e);
        } finally {
            server = null;
        }
    }

    @Override
    public String description() {
        return "embedded PostgreSQL in " + dataDirectory;
    }
}
