package io.jakamoconnector.adapter.erphttp;

import io.jakamoconnector.domain.model.Check;
import java.time.Duration;

/**
 * The bounds of one API listener: how long a connection may stay silent (reading a request line, headers or body, or
 * idle between requests), how many connections and worker threads it holds at most, and the largest body. Bodies are
 * read without holding a thread, so a client that stalls mid-body costs a connection, never a worker.
 */
record ApiLimits(Duration idleTimeout, int maxConnections, int maxThreads, int maxBodyBytes, Duration webhookTick,
                 Duration webhookFirstRetry, Duration webhookTimeout) {
    /** The folder adapter's limit for a document, so the ERP can hand over the same documents either way. */
    static final int MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
    static final ApiLimits DEFAULTS = new ApiLimits(Duration.ofSeconds(30), 64, 16, MAX_DOCUMENT_BYTES);

    /** With the webhook's defaults: a pass every 5 s, a first retry after 10 s, 30 s for the ERP to answer. */
    ApiLimits(Duration idleTimeout, int maxConnections, int maxThreads, int maxBodyBytes) {
        this(idleTimeout, maxConnections, maxThreads, maxBodyBytes, Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(30));
    }

    ApiLimits {
        Check.that(idleTimeout != null && !idleTimeout.isNegative() && !idleTimeout.isZero(), "idleTimeout",
                "must be positive");
        Check.that(maxConnections >= 1, "maxConnections", "must be at least 1");
        Check.that(maxThreads >= 4, "maxThreads", "must be at least 4 (Jetty's acceptor and selector need two)");
        Check.that(maxBodyBytes >= 1, "maxBodyBytes", "must be at least 1");
    }
}
