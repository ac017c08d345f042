package io.jakamoconnector.app.config;

import java.time.Duration;

/**
 * What the long-running service needs beyond the integrations: their default polling, the health endpoint, the log
 * format and how long a shutdown waits for the current step.
 *
 * @param polling       the defaults for every integration ({@code polling}); an integration may set its own
 * @param shutdownGrace how long a stop waits for running steps to finish ({@code shutdown.graceSeconds})
 * @param retry         how long a document is retried after failures that may pass ({@code retry})
 */
public record ServiceConfig(PollingConfig polling, HealthConfig health, LogFormat logFormat, Duration shutdownGrace,
                            RetryConfig retry) {
    public ServiceConfig {
        if (polling == null || health == null || logFormat == null || shutdownGrace == null
                || shutdownGrace.isNegative() || retry == null) {
            throw new IllegalArgumentException("service: every part is required and the grace period not negative");
        }
    }

    /** With the default retries. */
    public ServiceConfig(PollingConfig polling, HealthConfig health, LogFormat logFormat, Duration shutdownGrace) {
        this(polling, health, logFormat, shutdownGrace, RetryConfig.defaults());
    }

    public static ServiceConfig defaults() {
        return new ServiceConfig(PollingConfig.defaults(), HealthConfig.defaults(), LogFormat.HUMAN,
                Duration.ofSeconds(20), RetryConfig.defaults());
    }
}
