package io.jakamoconnector.app.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole, validated configuration.
 *
 * @param source  where it came from, in words ("/etc/jakamo-connector/jakamo-connector.yml (from --config)")
 * @param service polling defaults, health endpoint, log format, shutdown grace (the long-running service's keys)
 * @param notifications the channels that tell people what needs them ({@code notifications})
 */
public record ConnectorConfig(String source, String node, Path dataDirectory, Optional<DatabaseConfig> database,
                              Optional<SandboxConfig> sandbox, List<IntegrationConfig> integrations,
                              ServiceConfig service, NotificationsConfig notifications) {
    public ConnectorConfig {
        integrations = List.copyOf(integrations);
        if (service == null) {
            service = ServiceConfig.defaults();
        }
        if (notifications == null) {
            notifications = NotificationsConfig.none();
        }
    }

    /** Without notifications: nobody is told. */
    public ConnectorConfig(String source, String node, Path dataDirectory, Optional<DatabaseConfig> database,
                           Optional<SandboxConfig> sandbox, List<IntegrationConfig> integrations,
                           ServiceConfig service) {
        this(source, node, dataDirectory, database, sandbox, integrations, service, NotificationsConfig.none());
    }

    /** Without service keys: their defaults. */
    public ConnectorConfig(String source, String node, Path dataDirectory, Optional<DatabaseConfig> database,
                           Optional<SandboxConfig> sandbox, List<IntegrationConfig> integrations) {
        this(source, node, dataDirectory, database, sandbox, integrations, ServiceConfig.defaults());
    }

    /** Where the embedded PostgreSQL keeps its files. */
    public Path embeddedDatabaseDirectory() {
        return dataDirectory.resolve("postgres");
    }
}
