package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import java.time.Duration;

/** The long-running service's top-level sections: polling, health, logging, shutdown and retry. */
final class ServiceReader {
    private ServiceReader() {
    }

    static ServiceConfig read(ConfigSection root) {
        ServiceConfig defaults = ServiceConfig.defaults();
        PollingConfig polling = root.mapping("polling").map(p -> PollingReader.read(p, defaults.polling()))
                .orElse(defaults.polling());
        HealthConfig health = root.mapping("health").map(HealthReader::read).orElse(defaults.health());
        LogFormat format = root.mapping("logging").map(LoggingReader::format).orElse(defaults.logFormat());
        Duration grace = root.mapping("shutdown").map(s -> ShutdownReader.grace(s, defaults.shutdownGrace()))
                .orElse(defaults.shutdownGrace());
        RetryConfig retry = root.mapping("retry").map(r -> RetryReader.read(r, defaults.retry()))
                .orElse(defaults.retry());
        return new ServiceConfig(polling, health, format, grace, retry);
    }
}
