package io.jakamoconnector.app.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole, validated configuration.
 *
 * @param source where it came from, in words ("/etc/jakamo-connector/jakamo-connector.yml (from --config)")
 */
public record ConnectorConfig(String source, String node, Path dataDirectory, Optional<DatabaseConfig> database,
                              Optional<SandboxConfig> sandbox, List<IntegrationConfig> integrations) {
    public ConnectorConfig {
        integrations = List.copyOf(integrations);
    }

    /** Where the embedded PostgreSQL keeps its files. */
    public Path embeddedDatabaseDirectory() {
        return dataDirectory.resolve("postgres");
    }
}
