package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.port.out.QueueLeasePort;
import io.jakamoconnector.domain.port.out.StateStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queue leases as PostgreSQL session-level advisory locks, each on its own dedicated connection (never a pooled one:
 * a pool would hand the session, and the lock, to someone else). The server frees the lock when that connection dies.
 * Each acquisition also increments the integration's fencing token in {@code queue_lease}; {@link QueueLease#isHeld()}
 * checks the connection, the lock (pg_locks) and the token, and the sync state refuses to record under a stale token.
 * <p>
 * A holder that stops without its connection dying (SIGSTOP, a long GC pause, a frozen VM) would keep the lock for
 * ever, so the lease connection runs with {@code idle_session_timeout} = the lease's time to live: the server ends a
 * connection that has been silent that long, which frees the lock for another instance. While the holder runs, a
 * heartbeat keeps its connection talking every third of that time. (PostgreSQL 14 or later; on an older server a
 * paused holder keeps the lease until it resumes or its connection dies, and a warning says so.)
 * <p>
 * {@link QueueLease#isKnownHeld()} answers without a round trip for half the time to live after the last statement
 * the lease connection completed (acquisition, heartbeat, check): the server cannot have ended that session since, so
 * the lock is still this holder's. A session ended otherwise (cut, terminated) is caught by the sync state, whose
 * fenced record checks this session's lock and the token in its own statement.
 */
public final class PostgresQueueLeaseAdapter implements QueueLeasePort {
    /** The first key of each lease's two-key advisory lock ("JAKA"), so other advisory lock users don't collide. */
    static final int LOCK_NAMESPACE = 0x4A414B41;
    private static final Logger LOG = LoggerFactory.getLogger(PostgresQueueLeaseAdapter.class);
    private static final int CHECK_TIMEOUT_SECONDS = 5;
    private static final int NETWORK_TIMEOUT_MILLIS = 15_000;
    /** How long a silent holder keeps the lease: the takeover time after the holder was paused. */
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofSeconds(10);

    private final PostgresDatabase database;
    private final Duration timeToLive;
    private final LongSupplier ticks;
    private ScheduledExecutorService heartbeats;

    public PostgresQueueLeaseAdapter(PostgresDatabase database) {
        this(database, DEFAULT_TIME_TO_LIVE);
    }

    /** With another time to live (at least 1 s). */
    public PostgresQueueLeaseAdapter(PostgresDatabase database, Duration timeToLive) {
        this(database, timeToLive, System::nanoTime);
    }

    /** With a monotonic clock in nanoseconds for the lease's proofs (tests pause a holder with it). */
    PostgresQueueLeaseAdapter(PostgresDatabase database, Duration timeToLive, LongSupplier ticks) {
        this.ticks = Objects.requireNonNull(ticks, "ticks");
        this.database = Objects.requireNonNull(database, "database");
        Objects.requireNonNull(timeToLive, "timeToLive");
        if (timeToLive.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("timeToLive: must be at least 1 s, was " + timeToLive);
        }
        this.timeToLive = timeToLive;
    }

    @Override
    public Optional<QueueLease> tryAcquire(IntegrationName integration, String holder) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(holder, "holder");
        Connection connection = null;
        try {
            connection = database.openDedicatedConnection();
            long proofStarted = ticks.getAsLong();
            // a silent network must not hang isHeld() before an acknowledgement: after this long, the lease is lost
            connection.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MILLIS);
            expireWhenSilent(connection);
            int lockKey = lockKey(connection, integration);
            int backendPid = tryLock(connection, lockKey);
            if (backendPid == 0) {
                connection.close();
                return Optional.empty();
            }
            long token = nextFencingToken(connection, integration, holder);
            LOG.info("queue lease of {} acquired by {} with fencing token {}", integration, holder, token);
            PostgresLease lease = new PostgresLease(integration, holder, lockKey, token, connection, backendPid,
                    ticks, timeToLive.toNanos() / 2, proofStarted);
            lease.startHeartbeat(heartbeats(), Math.max(200, timeToLive.toMillis() / 3));
            return Optional.of(lease);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw e instanceof StateStoreException sse ? sse
                    : SqlFailures.translate("acquiring the queue lease of " + integration, e);
        }
    }

    private void expireWhenSilent(Connection connection) throws SQLException {
        if (connection.getMetaData().getDatabaseMajorVersion() < 14) {
            LOG.warn("PostgreSQL before 14 has no idle_session_timeout: a paused holder keeps its queue lease until "
                    + "it resumes or its connection dies; upgrade the server for takeover after {}", timeToLive);
            return;
        }
        try (Statement set = connection.createStatement()) {
            set.execute("SET idle_session_timeout = " + timeToLive.toMillis());
        }
    }

    private synchronized ScheduledExecutorService heartbeats() {
        if (heartbeats == null) {
            heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "queue-lease-heartbeat");
                thread.setDaemon(true);
                return thread;
            });
        }
        return heartbeats;
    }

    private static int lockKey(Connection connection, IntegrationName integration) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO queue_lease (integration) VALUES (?) ON CONFLICT (integration) DO NOTHING")) {
            insert.setString(1, integration.value());
            insert.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT lock_key FROM queue_lease WHERE integration = ?")) {
            select.setString(1, integration.value());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The lock's session (its backend's process id) when the lock was taken, else 0. */
    private static int tryLock(Connection connection, int lockKey) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT pg_try_advisory_lock(?, ?), pg_backend_pid()")) {
            lock.setInt(1, LOCK_NAMESPACE);
            lock.setInt(2, lockKey);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1) ? rs.getInt(2) : 0;
            }
        }
    }

    private static long nextFencingToken(Connection connection, IntegrationName integration, String holder)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE queue_lease SET "
                + "fencing_token = fencing_token + 1, holder = ?, acquired_at = now() WHERE integration = ? "
                + "RETURNING fencing_token")) {
            update.setString(1, holder);
            update.setString(2, integration.value());
            try (ResultSet rs = update.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // the connection is gone either way, and with it the lock
        }
    }

    /** A held advisory lock and the connection that holds it. */
    static final class PostgresLease implements QueueLease {
        private final IntegrationName integration;
        private final String holder;
        private final int lockKey;
        private final long token;
        private final Connection connection;
        private final int backendPid;
        private final LongSupplier ticks;
        private final long proofLastsNanos;
        private boolean closed;
        private ScheduledFuture<?> heartbeat;
        /** When the last statement that proved the session alive was sent; valid while {@code proven}. */
        private long provenAt;
        private boolean proven;

        PostgresLease(IntegrationName integration, String holder, int lockKey, long token, Connection connection,
                      int backendPid, LongSupplier ticks, long proofLastsNanos, long provenAt) {
            this.integration = integration;
            this.holder = holder;
            this.lockKey = lockKey;
            this.token = token;
            this.connection = connection;
            this.backendPid = backendPid;
            this.ticks = ticks;
            this.proofLastsNanos = proofLastsNanos;
            this.provenAt = provenAt;
            this.proven = true;
        }

        /** The lock's advisory-lock keys and session, for the fenced record's check in its own statement. */
        long lockClassId() {
            return Integer.toUnsignedLong(LOCK_NAMESPACE);
        }

        long lockObjectId() {
            return Integer.toUnsignedLong(lockKey);
        }

        int backendPid() {
            return backendPid;
        }

        /**
         * From the last proof while it is younger than half the time to live: the server ends a silent session only
         * after the whole time to live, counted from after the statement that proved it, so its lock is still held.
         * A holder paused (SIGSTOP, a long GC) sees its proof aged by the pause, and asks.
         */
        @Override
        public synchronized boolean isKnownHeld() {
            if (!closed && proven && ticks.getAsLong() - provenAt < proofLastsNanos) {
                return true;
            }
            return isHeld();
        }

        @Override
        public IntegrationName integration() {
            return integration;
        }

        @Override
        public long fencingToken() {
            return token;
        }

        /** False once the connection died, the lock is gone, or another holder took the lease since. */
        @Override
        public synchronized boolean isHeld() {
            if (closed) {
                return false;
            }
            long started = ticks.getAsLong();
            proven = false;
            try (PreparedStatement check = connection.prepareStatement("SELECT "
                    + "EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() "
                    + "  AND classid = ?::bigint::oid AND objid = ?::bigint::oid AND objsubid = 2 AND granted), "
                    + "(SELECT fencing_token FROM queue_lease WHERE integration = ?)")) {
                check.setQueryTimeout(CHECK_TIMEOUT_SECONDS);
                check.setLong(1, Integer.toUnsignedLong(LOCK_NAMESPACE));
                check.setLong(2, Integer.toUnsignedLong(lockKey));
                check.setString(3, integration.value());
                try (ResultSet rs = check.executeQuery()) {
                    rs.next();
                    boolean locked = rs.getBoolean(1);
                    long current = rs.getLong(2);
                    boolean held = locked && current == token;
                    if (held) {
                        provenAt = started;
                        proven = true;
                    } else {
                        LOG.warn("queue lease of {} lost by {} (lock held: {}, fencing token {} vs current {})",
                                integration, holder, locked, token, current);
                    }
                    return held;
                }
            } catch (SQLException e) {
                LOG.warn("queue lease of {} lost by {}: its connection failed ({})", integration, holder,
                        e.getSQLState());
                return false;
            }
        }

        synchronized void startHeartbeat(ScheduledExecutorService executor, long everyMillis) {
            heartbeat = executor.scheduleWithFixedDelay(this::heartbeat, everyMillis, everyMillis,
                    TimeUnit.MILLISECONDS);
        }

        /** Keeps the connection from looking silent while this holder runs; a failure shows in isHeld(). */
        synchronized void heartbeat() {
            if (closed) {
                return;
            }
            long started = ticks.getAsLong();
            try (Statement ping = connection.createStatement()) {
                ping.setQueryTimeout(CHECK_TIMEOUT_SECONDS);
                ping.execute("SELECT 1");
                // the session answered, so it holds its session-level lock: nothing but close() unlocks it
                if (proven) {
                    provenAt = started;
                }
            } catch (SQLException e) {
                proven = false;
                LOG.debug("queue lease heartbeat of {} failed ({})", integration, e.getSQLState());
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
            try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                unlock.setInt(1, LOCK_NAMESPACE);
                unlock.setInt(2, lockKey);
                unlock.execute();
            } catch (SQLException e) {
                // closing the connection below frees the lock as well
            } finally {
                closeQuietly(connection);
            }
        }

        @Override
        public String toString() {
            return "QueueLease[" + integration + ", holder=" + holder + ", fencingToken=" + token + "]";
        }
    }
}
