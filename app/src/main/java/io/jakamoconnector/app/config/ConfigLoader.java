package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code jakamo-connector.yml} strictly: an unknown key, a wrong type or a missing value is refused with the
 * key's path and the expected form, all problems at once. Every key can be overridden by an environment variable
 * named {@code JAKAMO_CONNECTOR_} + the key's path in upper case with {@code _} between the parts, for example
 * {@code JAKAMO_CONNECTOR_DATABASE_URL} or {@code JAKAMO_CONNECTOR_INTEGRATIONS_ORDERS_CLIENTID}.
 * <p>
 * This class finds and reads the file; each section is read by its own reader ({@code DatabaseReader},
 * {@code IntegrationsReader}, {@code ErpReader}, ...; an ERP adapter reads its own section) through {@link ConfigSection}, which applies the overrides
 * and collects the problems ({@link ConfigReading}). A new top-level section is a reader of its own and one line in
 * {@code connector}, besides its name among the top-level keys.
 */
public final class ConfigLoader {
    public static final String CONFIG_ENV = "JAKAMO_CONNECTOR_CONFIG";
    static final String DEFAULT_FILE = "jakamo-connector.yml";
    private static final long MAX_FILE_BYTES = 1024 * 1024;

    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final ErpAdapters adapters;

    public ConfigLoader(Map<String, String> environment, Path workingDirectory) {
        this(environment, workingDirectory, ErpAdapters.installed());
    }

    /** With the ERP adapters given, not the ones on the class path. */
    public ConfigLoader(Map<String, String> environment, Path workingDirectory, ErpAdapters adapters) {
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
        this.adapters = adapters;
    }

    /**
     * The file {@link #load} reads: {@code --config}, else {@value #CONFIG_ENV}, else ./jakamo-connector.yml when it
     * exists; empty when the configuration comes from defaults and the environment only.
     */
    public Optional<Path> locate(Optional<Path> fromOption) {
        Path file;
        if (fromOption.isPresent()) {
            file = fromOption.get();
        } else if (environment.containsKey(CONFIG_ENV) && !environment.get(CONFIG_ENV).isBlank()) {
            file = Path.of(environment.get(CONFIG_ENV));
        } else {
            file = workingDirectory.resolve(DEFAULT_FILE);
            if (!Files.exists(file)) {
                return Optional.empty();
            }
        }
        return Optional.of(workingDirectory.resolve(file).normalize());
    }

    /** Finds and reads the configuration: {@code --config}, else {@value #CONFIG_ENV}, else ./jakamo-connector.yml. */
    public ConnectorConfig load(Optional<Path> fromOption) {
        Path file;
        String how;
        if (fromOption.isPresent()) {
            file = fromOption.get();
            how = "from --config";
        } else if (environment.containsKey(CONFIG_ENV) && !environment.get(CONFIG_ENV).isBlank()) {
            file = Path.of(environment.get(CONFIG_ENV));
            how = "from " + CONFIG_ENV;
        } else {
            file = workingDirectory.resolve(DEFAULT_FILE);
            how = "the default location";
            if (!Files.exists(file)) {
                return parse(MissingNode.getInstance(), "(none: no " + DEFAULT_FILE + " in " + workingDirectory
                        + "; built-in defaults and environment variables)", workingDirectory);
            }
        }
        file = workingDirectory.resolve(file).normalize();
        String source = file + " (" + how + ")";
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException(source, List.of("the file does not exist or is not a regular file: "
                    + "create it (see docs/configuration.md) or point --config / " + CONFIG_ENV + " at the right one"));
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigurationException(source, List.of("the file is larger than 1 MiB; is it the right file?"));
            }
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonNode root = yaml.readTree(Files.readAllBytes(file));
            return parse(root == null ? MissingNode.getInstance() : root, source, file.getParent());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new ConfigurationException(source, List.of("the file is not valid YAML" + where + ": "
                    + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigurationException(source, List.of("the file cannot be read: " + e.getMessage()));
        }
    }

    private ConnectorConfig parse(JsonNode root, String source, Path baseDirectory) {
        ConfigReading reading = new ConfigReading(environment, baseDirectory);
        ConnectorConfig config = connector(root, reading, source, adapters);
        reading.reportUnusedOverrides();
        if (reading.hasProblems()) {
            throw new ConfigurationException(source, reading.problems());
        }
        return config;
    }

    /** The top level: its own keys, then each section by its reader, in this order, and the checks across sections. */
    private static ConnectorConfig connector(JsonNode tree, ConfigReading reading, String source,
                                             ErpAdapters adapters) {
        if (!tree.isMissingNode() && !tree.isObject()) {
            reading.problem("(top level): must be a mapping of keys such as node, dataDirectory, integrations");
            return null;
        }
        ConfigSection root = new YamlConfigSection(reading, tree, "");
        root.knownKeys(Set.of("node", "dataDirectory", "database", "sandbox", "integrations", "polling", "health",
                "logging", "shutdown", "retry", "audit", "notifications", "attachments", "console", "retention"));
        String node = root.text("node").orElseGet(ConfigLoader::hostName);
        Path dataDirectory = root.file(root.text("dataDirectory").orElse("jakamo-data"));
        Optional<DatabaseConfig> database = root.section("database").map(DatabaseReader::read);
        Optional<SandboxConfig> sandbox = root.section("sandbox").map(SandboxReader::read);
        ServiceConfig service = ServiceReader.read(root);
        Map<String, Integer> archiveDaysOf = new HashMap<>();
        List<IntegrationConfig> integrations = IntegrationsReader.read(root, sandbox, root.isMapping("sandbox"),
                service.polling(), archiveDaysOf, adapters);
        AuditConfig audit = root.mapping("audit").map(AuditReader::read).orElseGet(AuditConfig::defaults);
        Path embedded = dataDirectory.resolve("postgres");
        if (database.isEmpty() && audit.anchorFile().filter(f -> f.startsWith(embedded)).isPresent()) {
            root.problem("audit.anchorFile: must be outside the embedded database's directory " + embedded
                    + " (the anchor is what shows a rewritten database)");
        }
        NotificationsConfig notifications = root.mapping("notifications").map(NotificationsReader::read)
                .orElse(NotificationsConfig.none());
        Map<String, String> contentTypes = root.mapping("attachments").map(AttachmentsReader::contentTypes)
                .orElse(Map.of());
        ConsoleConfig console = root.mapping("console").map(c -> ConsoleReader.read(c, dataDirectory, sandbox))
                .orElse(ConsoleConfig.off());
        RetentionConfig retention = root.mapping("retention").map(RetentionReader::read).orElse(RetentionConfig.off());
        retention = new RetentionConfig(retention.archiveDays(), archiveDaysOf, retention.auditDays());
        return root.hasProblems() ? null : new ConnectorConfig(source, node, dataDirectory, database, sandbox,
                integrations, service, audit, notifications, contentTypes, console, retention);
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

}
