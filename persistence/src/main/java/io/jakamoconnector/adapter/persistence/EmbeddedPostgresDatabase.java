package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.port.out.StateStoreException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup default: a PostgreSQL server run by the connector itself, whose data directory lives under the
 * connector's data directory and survives restarts. Unlike the embedded library's defaults, it runs durably (fsync,
 * synchronous_commit and full_page_writes on) and privately: every connection needs a password that only the
 * connector's OS user can read, the socket sits in a 0700 directory, the binaries are unpacked inside the connector's
 * own 0700 directory, and the connector works as roles that are not superusers ({@link EmbeddedClusterFiles},
 * {@link EmbeddedClusterProvisioning}). A data directory made by an earlier version is secured at its next start.
 *
 * <p>One process runs the server on a data directory at a time (an OS lock). A command started while {@code run}
 * serves it uses that server instead of refusing ({@link Sharing#USE_RUNNING_OR_START}).
 */
public final class EmbeddedPostgresDatabase extends PostgresDatabase {
    /** The database the connector's tables live in (created on first start). */
    public static final String DATABASE = "jakamo";
    /** The role that owns the database and runs the migrations (not a superuser). */
    public static final String OWNER_ROLE = EmbeddedClusterSecrets.OWNER;
    /** Where, under the connector's data directory, the server's binaries are unpacked by default. */
    public static final String RUNTIME_DIRECTORY = "postgres-runtime";

    /** Whether this process must run the server itself or may use one another process of the connector runs. */
    public enum Sharing {
        /**
         * {@code run}: this process runs the server for as long as it lives. It waits (up to a minute) for a command
         * that runs the server for a moment, and is refused at once when another service runs it.
         */
        SERVE,
        /** Commands: use the server a running connector started, or start one for the command's duration. */
        USE_RUNNING_OR_START
    }

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresDatabase.class);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(60);
    private static final Duration SERVER_READY_WAIT = Duration.ofSeconds(60);
    /**
     * The library keeps the directory it unpacked binaries into per resolver object for the whole JVM; one resolver per
     * directory makes each directory really hold the binaries it runs.
     */
    private static final Map<Path, PgBinaryResolver> RESOLVERS = new ConcurrentHashMap<>();

    private final Path dataDirectory;
    private final Path binaryDirectory;
    private final int port;
    private final Sharing sharing;
    private final DataDirectoryLock lock;
    private EmbeddedPostgres server;
    private int attachedPort;

    /**
     * @param baseDirectory   the connector's data directory; the server's files go to {@code <baseDirectory>/postgres}
     * @param port            a fixed local port, or 0 for any free one
     * @param sharing         whether to run the server or use one that runs
     * @param binaryDirectory where the binaries are unpacked; its parent must be a directory only this OS user can
     *                        enter (it is created 0700), as the library makes the directory itself world-writable
     */
    public EmbeddedPostgresDatabase(Path baseDirectory, int port, Sharing sharing, Path binaryDirectory) {
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("database.port: must be 0 (any free port) or a port number");
        }
        Path base = baseDirectory.toAbsolutePath();
        this.dataDirectory = base.resolve("postgres");
        this.binaryDirectory = Objects.requireNonNull(binaryDirectory, "binaryDirectory").toAbsolutePath();
        this.port = port;
        this.sharing = Objects.requireNonNull(sharing, "sharing");
        this.lock = new DataDirectoryLock(base.resolve("postgres.lock"));
    }

    /** The binaries under {@code <baseDirectory>/postgres-runtime/bin}. */
    public EmbeddedPostgresDatabase(Path baseDirectory, int port, Sharing sharing) {
        this(baseDirectory, port, sharing, defaultBinaryDirectory(baseDirectory));
    }

    public EmbeddedPostgresDatabase(Path baseDirectory, int port) {
        this(baseDirectory, port, Sharing.SERVE);
    }

    /** {@code <baseDirectory>/postgres-runtime/bin}. */
    public static Path defaultBinaryDirectory(Path baseDirectory) {
        return baseDirectory.toAbsolutePath().resolve(RUNTIME_DIRECTORY).resolve("bin");
    }

    /** Where the server keeps its files. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * The cluster's passwords for {@code psql} and other clients ({@code PGPASSFILE=<this> psql -h localhost -p <port>
     * -U jakamo_app jakamo}): a 0600 file in the 0700 data directory, readable by the connector's OS user only.
     */
    public Path passwordFile() {
        return dataDirectory.resolve(EmbeddedClusterSecrets.FILE);
    }

    /** Where the server's binaries are unpacked. */
    public Path binaryDirectory() {
        return binaryDirectory;
    }

    /** The port the server listens on (on localhost); known after {@link #start()}. */
    public synchronized int port() {
        if (server != null) {
            return server.getPort();
        }
        if (attachedPort > 0) {
            return attachedPort;
        }
        throw new IllegalStateException("the embedded database is not started");
    }

    /** Whether this process runs the server (false: it uses the server of a running connector). */
    public synchronized boolean servesItself() {
        return server != null;
    }

    @Override
    synchronized ConnectionFactory startServer() {
        try {
            if (!Files.isDirectory(dataDirectory.getParent())) {
                // a new data directory is the connector's alone (it also holds the audit signing key)
                PrivateFiles.directory(dataDirectory.getParent());
            }
            PrivateFiles.directory(binaryDirectory.getParent());
            long deadline = System.nanoTime() + COMMAND_WAIT.toNanos();
            while (!lock.tryAcquire(sharing == Sharing.SERVE ? DataDirectoryLock.HolderKind.SERVICE
                    : DataDirectoryLock.HolderKind.COMMAND)) {
                Optional<DataDirectoryLock.Holder> holder = lock.holder();
                if (sharing == Sharing.USE_RUNNING_OR_START) {
                    return useRunningServer(holder);
                }
                boolean aCommand = holder.map(h -> h.kind() == DataDirectoryLock.HolderKind.COMMAND).orElse(false);
                if (!aCommand || System.nanoTime() > deadline) {
                    throw new StateStoreException("another connector" + holder.map(h -> " (pid " + h.pid() + ")")
                            .orElse("") + " is running on " + dataDirectory + "; stop it first, or give this one its "
                            + "own data directory", false, null);
                }
                pause(Duration.ofMillis(250));
            }
            stopOrphanedServer();
            return startOwnServer();
        } catch (StateStoreException e) {
            releaseLock();
            throw e;
        } catch (IOException | RuntimeException e) {
            releaseLock();
            throw new StateStoreException("starting the embedded PostgreSQL in " + dataDirectory + " failed: "
                    + e.getMessage() + " (is the port taken, or the disk full?)", false, e);
        }
    }

    private ConnectionFactory startOwnServer() throws IOException {
        boolean newCluster = !Files.exists(dataDirectory.resolve("postgresql.conf"));
        EmbeddedClusterSecrets secrets = newCluster ? EmbeddedClusterSecrets.generate()
                : EmbeddedClusterSecrets.read(dataDirectory).orElseGet(EmbeddedClusterSecrets::generate);
        EmbeddedClusterFiles files = new EmbeddedClusterFiles(dataDirectory, binaryDirectory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaryDirectory.toFile())
                .setPgBinaryResolver(RESOLVERS.computeIfAbsent(binaryDirectory,
                        d -> BundledPostgresBinaries.INSTANCE::getPgBinary))
                .setConnectConfig("password", new String(secrets.superuser()))
                .setDataDirectoryCustomizer(directory -> {
                    try {
                        files.prepare(secrets, newCluster);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("timezone", "UTC");
        if (port > 0) {
            builder.setPort(port);
        }
        Path initdbPassword = binaryDirectory.resolveSibling("initdb-password");
        if (newCluster) {
            // initdb reads the superuser's password from a file outside PGDATA (it wants an empty directory)
            PrivateFiles.writeAtomically(initdbPassword, new String(secrets.superuser())
                    .getBytes(StandardCharsets.US_ASCII));
            builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", initdbPassword.toString());
        }
        try {
            server = builder.start();
        } catch (IOException | RuntimeException e) {
            // a server whose readiness login failed keeps running until this JVM exits: stop it now
            stopOrphanedServer();
            throw e;
        } finally {
            Files.deleteIfExists(initdbPassword);
        }
        new EmbeddedClusterProvisioning(dataDirectory, server.getPort(), secrets, DATABASE).run();
        return factory(server.getPort(), secrets);
    }

    private ConnectionFactory factory(int serverPort, EmbeddedClusterSecrets secrets) {
        ConnectionFactory factory = new ConnectionFactory("jdbc:postgresql://localhost:" + serverPort + "/" + DATABASE,
                EmbeddedClusterSecrets.OWNER, secrets::owner, "jakamo-connector");
        factory.logInAsApplication(EmbeddedClusterSecrets.APPLICATION, secrets::application);
        return factory;
    }

    /**
     * Uses the server another process of the connector runs on this data directory: its port from
     * {@code postmaster.pid}, the passwords from {@code .pgpass} (readable by the same OS user only).
     */
    private ConnectionFactory useRunningServer(Optional<DataDirectoryLock.Holder> holder) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Path provisioned = dataDirectory.resolve(EmbeddedClusterFiles.PROVISIONED_MARKER);
        long deadline = System.nanoTime() + SERVER_READY_WAIT.toNanos();
        while (true) {
            Optional<Integer> ready = readyPort(pidFile);
            if (ready.isPresent() && Files.exists(provisioned)) {
                Optional<EmbeddedClusterSecrets> secrets = EmbeddedClusterSecrets.read(dataDirectory);
                if (secrets.isEmpty()) {
                    throw new StateStoreException("the connector" + holder.map(h -> " (pid " + h.pid() + ")")
                            .orElse("") + " running on " + dataDirectory + " is of an older version (its database "
                            + "has no passwords yet); stop it, or upgrade it and start it again", false, null);
                }
                attachedPort = ready.get();
                LOG.info("using the embedded PostgreSQL that the running connector{} serves on {} (port {})",
                        holder.map(h -> " (pid " + h.pid() + ")").orElse(""), dataDirectory, attachedPort);
                return factory(attachedPort, secrets.get());
            }
            if (System.nanoTime() > deadline) {
                throw new StateStoreException("the connector" + holder.map(h -> " (pid " + h.pid() + ")").orElse("")
                        + " holding " + lock.file() + " has not made the embedded PostgreSQL ready within "
                        + SERVER_READY_WAIT.toSeconds() + " s; see its log", true, null);
            }
            pause(Duration.ofMillis(200));
        }
    }

    /** The port of a server that says it is ready in {@code postmaster.pid} (line 4 the port, line 8 the status). */
    private static Optional<Integer> readyPort(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            if (lines.size() < 8 || !lines.get(7).trim().equals("ready")) {
                return Optional.empty();
            }
            boolean alive = ProcessHandle.of(Long.parseLong(lines.get(0).trim())).map(ProcessHandle::isAlive)
                    .orElse(false);
            return alive ? Optional.of(Integer.parseInt(lines.get(3).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void pause(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the embedded PostgreSQL", e);
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
            lock.release();
        } catch (IOException e) {
            LOG.warn("releasing the lock on {} failed: {}", dataDirectory, e.toString());
        }
    }

    @Override
    synchronized void stopServer() {
        attachedPort = 0;
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
