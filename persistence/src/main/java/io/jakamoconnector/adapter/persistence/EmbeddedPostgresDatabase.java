package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.port.out.StateStoreException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup default: a PostgreSQL server run by the connector itself, whose data directory lives under the
 * connector's data directory and survives restarts. Unlike the embedded library's defaults, it runs durably: fsync,
 * synchronous_commit and full_page_writes are on, so a power loss cannot lose a committed record.
 */
public final class EmbeddedPostgresDatabase extends PostgresDatabase {
    /** The database the connector's tables live in (created on first start). */
    public static final String DATABASE = "jakamo";
    private static final String SUPERUSER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresDatabase.class);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;
    private FileChannel lockFile;
    private FileLock lock;

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
            lockDataDirectory();
            stopOrphanedServer();
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
        } catch (StateStoreException e) {
            releaseLock();
            throw e;
        } catch (IOException | RuntimeException e) {
            releaseLock();
            throw new StateStoreException("starting the embedded PostgreSQL in " + dataDirectory + " failed: "
                    + e.getMessage() + " (is another connector using this data directory, or the port taken?)",
                    false, e);
        }
        createDatabaseIfMissing();
        return new ConnectionFactory(server.getJdbcUrl(SUPERUSER, DATABASE), SUPERUSER, () -> null,
                "jakamo-connector");
    }

    /**
     * Holds {@code postgres.lock} beside the data directory for as long as this instance runs the server. The operating
     * system drops the lock when the process dies, however it dies, so a held lock means a live connector.
     */
    private void lockDataDirectory() throws IOException {
        lockFile = FileChannel.open(dataDirectory.resolveSibling(dataDirectory.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lock = lockFile.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;   // held by this very JVM
        }
        if (lock == null) {
            lockFile.close();
            lockFile = null;
            throw new StateStoreException("another connector is running on " + dataDirectory
                    + "; stop it first, or give this one its own data directory", false, null);
        }
    }

    /**
     * A connector killed without a chance to stop its server (kill -9, a crash) leaves the server running on this data
     * directory, and a new server could not start. With the directory's lock in hand, no live connector owns that
     * server, so it is stopped (a fast shutdown: SIGTERM after its clients died with their process) before starting.
     */
    private void stopOrphanedServer() throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return;   // not a pid file PostgreSQL would trust either
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(
                        dataDirectory.toString())).orElse(false));
        if (orphan.isEmpty()) {
            return;   // a stale pid file: PostgreSQL removes it itself
        }
        LOG.warn("stopping the embedded PostgreSQL (pid {}) that a previous run left behind on {}", pid,
                dataDirectory);
        orphan.get().destroy();
        try {
            orphan.get().onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("the old embedded PostgreSQL (pid {}) did not stop within {} s; killing it", pid,
                    ORPHAN_STOP_WAIT.toSeconds());
            orphan.get().destroyForcibly();
        } catch (ExecutionException e) {
            throw new IOException("waiting for the old embedded PostgreSQL to stop failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the old embedded PostgreSQL to stop", e);
        }
    }

    private void releaseLock() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockFile != null) {
                lockFile.close();
            }
        } catch (IOException e) {
            LOG.warn("releasing the lock on {} failed: {}", dataDirectory, e.toString());
        } finally {
            lock = null;
            lockFile = null;
        }
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
            releaseLock();
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new StateStoreException("stopping the embedded PostgreSQL failed: " + e.getMessage(), false, e);
        } finally {
            server = null;
            releaseLock();
        }
    }

    @Override
    public String description() {
        return "embedded PostgreSQL in " + dataDirectory;
    }
}
