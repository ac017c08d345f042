package io.jakamoconnector.adapter.persistence;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A small bounded pool: at most {@code size} connections in use, idle ones kept for reuse and checked when they have
 * been idle a while. A connection handed back with an open transaction is rolled back; one that broke is dropped.
 * No library: the connector needs a handful of connections, not a tuned pool.
 */
final class ConnectionPool extends DataSourceBase implements AutoCloseable {
    private static final long VALIDATE_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final ConnectionFactory factory;
    private final Semaphore permits;
    private final Duration waitLimit;
    private final Deque<Idle> idle = new ArrayDeque<>();
    private volatile boolean closed;

    private record Idle(Connection connection, long since) {
    }

    ConnectionPool(ConnectionFactory factory, int size, Duration waitLimit) {
        this.factory = factory;
        this.permits = new Semaphore(size, true);
        this.waitLimit = waitLimit;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (closed) {
            throw new SQLTransientConnectionException("the connection pool is closed", "08003");
        }
        try {
            if (!permits.tryAcquire(waitLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SQLTransientConnectionException("no database connection became free within "
                        + waitLimit.toSeconds() + " s", "08001");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while waiting for a database connection", "08001",
                    e);
        }
        try {
            return lend(reuseOrOpen());
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private Connection reuseOrOpen() throws SQLException {
        while (true) {
            Idle candidate;
            synchronized (idle) {
                candidate = idle.pollFirst();
            }
            if (candidate == null) {
                return factory.getConnection();
            }
            boolean fresh = System.nanoTime() - candidate.since() < VALIDATE_AFTER_IDLE_NANOS;
            if (fresh || validate(candidate.connection())) {
                return candidate.connection();
            }
            quietlyClose(candidate.connection());
        }
    }

    private static boolean validate(Connection connection) {
        try {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void giveBack(Connection raw) {
        try {
            boolean reusable = !closed && !raw.isClosed();
            if (reusable && !raw.getAutoCommit()) {
                raw.rollback();
                raw.setAutoCommit(true);
            }
            if (reusable) {
                synchronized (idle) {
                    idle.addFirst(new Idle(raw, System.nanoTime()));
                }
            } else {
                quietlyClose(raw);
            }
        } catch (SQLException e) {
            quietlyClose(raw);
        } finally {
            permits.release();
        }
    }

    private Connection lend(Connection raw) {
        return (Connection) Proxy.newProxyInstance(ConnectionPool.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Lent(raw));
    }

    /** Hands calls to the real connection until {@code close()}, which gives it back instead. */
    private final class Lent implements InvocationHandler {
        private final Connection raw;
        private boolean returned;

        Lent(Connection raw) {
            this.raw = raw;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    synchronized (this) {
                        if (!returned) {
                            returned = true;
                            giveBack(raw);
                        }
                    }
                    return null;
                case "isClosed":
                    synchronized (this) {
                        return returned || raw.isClosed();
                    }
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "pooled " + raw;
                default:
                    break;
            }
            synchronized (this) {
                if (returned) {
                    throw new SQLException("this connection was given back to the pool", "08003");
                }
            }
            try {
                return method.invoke(raw, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private static void quietlyClose(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // already broken: nothing more to release
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (idle) {
            idle.forEach(i -> quietlyClose(i.connection()));
            idle.clear();
        }
    }
}
