package io.jakamoconnector.app.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole, validated configuration.
 *
 * @param source  where it came from, in words ("/etc/jakamo-connector/jakamo-connector.yml (from --config)")
 * @param service polling defaults, health endpoint, log format, shutdown grace (the long-running service's keys)
 * @param audit   the audit trail's checkpoint schedule and anchor file
 * @param notifications the channels that tell people what needs them ({@code notifications})
 * @param attachmentContentTypes what an uploaded attachment is declared as, by extension, on top of the types Jakamo's
 *                               own connector uses ({@code attachments.contentTypes}); validated
 * @param console the operator console ({@code console}), off unless configured
 * @param retention what is removed after how many days ({@code retention}), off unless configured
 */
public record ConnectorConfig(String source, String node, Path dataDirectory, Optional<DatabaseConfig> database,
                              Optional<SandboxConfig> sandbox, List<IntegrationConfig> integrations,
                              ServiceConfig service, AuditConfig audit, NotificationsConfig notifications,
                              Map<String, String> attachmentContentTypes, ConsoleConfig console,
                              RetentionConfig retention) {
    public ConnectorConfig {
        if (retention == null) {
            retention = RetentionConfig.off();
        }
        if (console == null) {
            console = ConsoleConfig.off();
        }
        integrations = List.copyOf(integrations);
        attachmentContentTypes = attachmentContentTypes == null ? Map.of() : Map.copyOf(attachmentContentTypes);
        if (service == null) {
            service = ServiceConfig.defaults();
        }
        if (audit == null) {
            audit = AuditConfig.defaults();
        }
        if (notifications == null) {
            notifications = NotificationsConfig.none();
        }
    }

    /** Without retention: everything is kept. */
    public ConnectorConfig(String source, String node, Path dataDirectory, Optional<DatabaseConfig> database,
                           Optional<SandboxConfig> sandbox, List<IntegrationConfig> integrations,
                           ServiceConfig service, AuditConfig audit, NotificationsConfig notifications,
                           Map<String, String> attachmentContentTypes, ConsoleConfig console) {
        this(source, node, dataDirectory, database, sandbox, integrations, service, audit, notifications,
                attachmentContentTypes, console, RetentionConfig.off());
    }

    /** With Jakamo's connector's attachment content types and nothing added, and without the console. */
    public ConnectorConfig(String source, String node, Path dataDirectory, Optional<DatabaseConfig> database,
                           Optional<SandboxConfig> sandbox, List<IntegrationConfig> integrations,
                           ServiceConfig service, AuditConfig audit, NotificationsConfig notifications) {
        this(source, node, dataDirectory, database, sandbox, integrations, service, audit, notifications, Map.of(),
                ConsoleConfig.off());
    }

    /** Without the console. */
    public ConnectorConfig(String source, String node, Path dataDirectory, Optional<DatabaseConfig> database,
                           Optional<SandboxConfig> sandbox, List<IntegrationConfig> integrations,
                           ServiceConfig service, AuditConfig audit, NotificationsConfig notifications,
                           Map<String, String> attachmentContentTypes) {
        this(source, node, dataDirectory, database, sandbox, integrations, service, audit, notifications,
                attachmentContentTypes, ConsoleConfig.off());
    }

    /** With Jakamo's connector's attachment content types and nothing added. */
    public ConnectorConfig(String source, String node, Path dataDirectory, Optional<DatabaseConfig> database,
                           Optional<SandboxConfig> sandbox, List<IntegrationConfig> integrations,
                           ServiceConfig service, AuditConfig audit, NotificationsConfig notifications,
                           ConsoleConfig console) {
        this(source, node, dataDirectory, database, sandbox, integrations, service, audit, notifications, Map.of(),
                console);
    }

    /** With the audit trail's defaults and no notifications. */
    public ConnectorConfig(String source, String node, Path dataDirectory, Optional<DatabaseConfig> database,
                           Optional<SandboxConfig> sandbox, List<IntegrationConfig> integrations,
                           ServiceConfig service) {
        this(source, node, dataDirectory, database, sandbox, integrations, service, AuditConfig.defaults(),
                NotificationsConfig.none());
    }

    /** With the audit trail's defaults. */
    public ConnectorConfig(String source, String node, Path dataDirectory, Optional<DatabaseConfig> database,
                           Optional<SandboxConfig> sandbox, List<IntegrationConfig> integrations,
                           ServiceConfig service, NotificationsConfig notifications) {
        this(source, node, dataDirectory, database, sandbox, integrations, service, AuditConfig.defaults(),
                notifications);
    }

    /** Without notifications: nobody is told. */
    public ConnectorConfig(String source, String node, Path dataDirectory, Optional<DatabaseConfig> database,
                           Optional<SandboxConfig> sandbox, List<IntegrationConfig> integrations,
                           ServiceConfig service, AuditConfig audit) {
        this(source, node, dataDirectory, database, sandbox, integrations, service, audit,
                NotificationsConfig.none());
    }

    /** Without service keys: their defaults. */
    public ConnectorConfig(String source, String node, Path dataDirectory, Optional<DatabaseConfig> database,
                           Optional<SandboxConfig> sandbox, List<IntegrationConfig> integrations) {
        this(source, node, dataDirectory, database, sandbox, integrations, ServiceConfig.defaults());
    }

    /**
     * Where every audit checkpoint is also appended: {@code audit.anchorFile}, by default beside (not inside) the
     * embedded database's files.
     */
    public Path auditAnchorFile() {
        return audit.anchorFile().orElseGet(() -> dataDirectory.resolve("audit-anchor.log"));
    }

    /** Where the embedded PostgreSQL keeps its files. */
    public Path embeddedDatabaseDirectory() {
        return dataDirectory.resolve("postgres");
    }
}
