package io.jakamoconnector.app.config;

/**
 * Where the health and metrics endpoints listen while the service runs.
 *
 * @param bind            an IP address ({@code health.bind}); the endpoints have no authentication, so the default
 *                        is the loopback address
 * @param port            {@code health.port}; 0 takes any free port (the service prints which)
 * @param staleAfterPolls readiness fails when an integration's last successful round is older than this many of its
 *                        intervals ({@code health.staleAfterPolls})
 * @param limits          timeouts and bounds of the listener ({@code health.idleTimeoutSeconds},
 *                        {@code health.maxConnections})
 */
public record HealthConfig(String bind, int port, int staleAfterPolls, HttpLimits limits) {
    public static final int DEFAULT_PORT = 9464;

    public HealthConfig {
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("health.bind: must be an IP address");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("health.port: must be 0 (any free port) or a port number");
        }
        if (staleAfterPolls < 1) {
            throw new IllegalArgumentException("health.staleAfterPolls: must be at least 1");
        }
        if (limits == null) {
            throw new IllegalArgumentException("health: limits must be given");
        }
    }

    public HealthConfig(String bind, int port, int staleAfterPolls) {
        this(bind, port, staleAfterPolls, HttpLimits.defaults());
    }

    public static HealthConfig defaults() {
        return new HealthConfig("127.0.0.1", DEFAULT_PORT, 3);
    }
}
