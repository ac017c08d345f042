package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import java.time.Duration;
import java.util.Set;

/** {@code health}: where the unauthenticated health and metrics endpoints listen, and their bounds. */
final class HealthReader {
    private HealthReader() {
    }

    static HealthConfig read(ConfigSection node) {
        HealthConfig defaults = HealthConfig.defaults();
        node.knownKeys(Set.of("bind", "port", "staleAfterPolls", "idleTimeoutSeconds", "maxConnections"));
        String bind = node.text("bind").orElse(defaults.bind());
        if (!BindAddress.isIpAddress(bind)) {
            node.problem("health.bind: must be an IP address such as 127.0.0.1 (the endpoints have no "
                    + "authentication: keep them on loopback unless a firewall guards the port)");
            bind = defaults.bind();
        }
        int port = node.integer("port", 0, 65535).orElse(defaults.port());
        int stale = node.integer("staleAfterPolls", 1, 1000).orElse(defaults.staleAfterPolls());
        HttpLimits limits = defaults.limits();
        Duration idle = node.integer("idleTimeoutSeconds", 1, 300).map(Duration::ofSeconds)
                .orElse(limits.idleTimeout());
        int connections = node.integer("maxConnections", 4, 10_000).orElse(limits.maxConnections());
        return new HealthConfig(bind, port, stale, new HttpLimits(idle, connections, limits.maxThreads()));
    }
}
