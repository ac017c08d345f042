package io.jakamoconnector.app.config;

import java.time.Duration;

/**
 * What one HTTP listener of the connector allows a client, so that clients which connect and then send nothing (or
 * half a request) cannot starve it: each connection is closed after {@code idleTimeout} without a byte in either
 * direction, at most {@code maxConnections} are open at once (further ones wait in the kernel's backlog), and at
 * most {@code maxThreads} threads serve them. A stalled connection holds no thread.
 *
 * @param idleTimeout    a connection idle this long is closed, also in the middle of a request
 * @param maxConnections open connections at most; keep it well above what monitoring opens at once
 * @param maxThreads     threads serving requests (at least 4: the server needs some for itself)
 */
public record HttpLimits(Duration idleTimeout, int maxConnections, int maxThreads) {
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONNECTIONS = 100;
    public static final int DEFAULT_MAX_THREADS = 8;

    public HttpLimits {
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout: must be positive");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections: must be at least 1");
        }
        if (maxThreads < 4) {
            throw new IllegalArgumentException("maxThreads: must be at least 4");
        }
    }

    public static HttpLimits defaults() {
        return new HttpLimits(DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_THREADS);
    }
}
