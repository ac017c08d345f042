package io.jakamoconnector.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jakamoconnector.adapter.jakamo.AttachmentContentTypes;
import io.jakamoconnector.adapter.jakamo.JakamoIntegration;
import io.jakamoconnector.adapter.jakamo.JakamoPaths;
import io.jakamoconnector.adapter.notification.SmtpSettings;
import io.jakamoconnector.adapter.notification.WebhookFormat;
import io.jakamoconnector.domain.model.InvalidValueException;
import io.jakamoconnector.domain.model.attention.ChannelName;
import io.jakamoconnector.domain.model.auth.ClientId;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.auth.Scope;
import io.jakamoconnector.domain.model.auth.TenantId;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.validation.ValidationMode;
import io.jakamoconnector.domain.service.NotificationPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads {@code jakamo-connector.yml} strictly: an unknown key, a wrong type or a missing value is refused with the
 * key's path and the expected form, all problems at once. Every key can be overridden by an environment variable
 * named {@code JAKAMO_CONNECTOR_} + the key's path in upper case with {@code _} between the parts, for example
 * {@code JAKAMO_CONNECTOR_DATABASE_URL} or {@code JAKAMO_CONNECTOR_INTEGRATIONS_ORDERS_CLIENTID}.
 */
public final class ConfigLoader {
    public static final String CONFIG_ENV = "JAKAMO_CONNECTOR_CONFIG";
    static final String PREFIX = "JAKAMO_CONNECTOR_";
    /** Variables with the prefix that are not configuration keys: read by the launcher and the logging set-up. */
    static final Set<String> NOT_KEYS = Set.of(CONFIG_ENV, "JAKAMO_CONNECTOR_LOG_LEVEL", "JAKAMO_CONNECTOR_LOG_FORMAT",
            "JAKAMO_CONNECTOR_JAVA_OPTS");
    static final String DEFAULT_FILE = "jakamo-connector.yml";
    private static final long MAX_FILE_BYTES = 1024 * 1024;

    private final Map<String, String> environment;
    private final Path workingDirectory;

    public ConfigLoader(Map<String, String> environment, Path workingDirectory) {
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
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
        Reader r = new Reader(root, baseDirectory);
        ConnectorConfig config = r.connector(source);
        r.reportUnusedOverrides();
        if (!r.problems.isEmpty()) {
            throw new ConfigurationException(source, r.problems);
        }
        return config;
    }

    /** The environment variable that overrides a key path such as {@code integrations[orders].clientId}. */
    static String envName(String path) {
        return PREFIX + path.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_|_$", "");
    }

    /** One pass over the tree, collecting every problem. */
    private final class Reader implements RetentionSection.Keys {
        final List<String> problems = new ArrayList<>();
        final Map<String, Integer> archiveDaysOf = new HashMap<>();
        final Set<String> usedOverrides = new HashSet<>();
        final JsonNode root;
        final Path base;

        Reader(JsonNode root, Path base) {
            this.root = root;
            this.base = base;
        }

        ConnectorConfig connector(String source) {
            if (!root.isMissingNode() && !root.isObject()) {
                problems.add("(top level): must be a mapping of keys such as node, dataDirectory, integrations");
                return null;
            }
            knownKeys(root, "", Set.of("node", "dataDirectory", "database", "sandbox", "integrations", "polling",
                    "health", "logging", "shutdown", "retry", "audit", "notifications", "attachments", "console",
                    "retention"));
            String node = optionalText(root, "node").orElseGet(ConfigLoader::hostName);
            Path dataDirectory = path(optionalText(root, "dataDirectory").orElse("jakamo-data"));
            Optional<DatabaseConfig> database = section(root, "database").map(this::database);
            Optional<SandboxConfig> sandbox = section(root, "sandbox").map(this::sandbox);
            ServiceConfig service = service();
            List<IntegrationConfig> integrations = integrations(sandbox, service.polling());
            AuditConfig audit = mapping(root, "audit", "audit").map(this::audit).orElseGet(AuditConfig::defaults);
            Path embedded = dataDirectory.resolve("postgres");
            if (database.isEmpty() && audit.anchorFile().filter(f -> f.startsWith(embedded)).isPresent()) {
                problems.add("audit.anchorFile: must be outside the embedded database's directory " + embedded
                        + " (the anchor is what shows a rewritten database)");
            }
            NotificationsConfig notifications = mapping(root, "notifications", "notifications")
                    .map(this::notifications).orElse(NotificationsConfig.none());
            Map<String, String> contentTypes = mapping(root, "attachments", "attachments")
                    .map(this::attachmentContentTypes).orElse(Map.of());
            ConsoleConfig console = mapping(root, "console", "console")
                    .map(c -> console(c, dataDirectory, sandbox)).orElse(ConsoleConfig.off());
            RetentionConfig retention = mapping(root, "retention", "retention")
                    .map(r -> RetentionSection.read(r, this)).orElse(RetentionConfig.off());
            retention = new RetentionConfig(retention.archiveDays(), archiveDaysOf, retention.auditDays());
            return problems.isEmpty() ? new ConnectorConfig(source, node, dataDirectory, database, sandbox, integrations,
                    service, audit, notifications, contentTypes, console, retention) : null;
        }

        /** {@code attachments.contentTypes}: extension to media type, each checked as the adapter will use it. */
        Map<String, String> attachmentContentTypes(JsonNode node) {
            knownKeys(node, "attachments", Set.of("contentTypes"));
            Optional<JsonNode> types = mapping(node, "contentTypes", "attachments.contentTypes");
            if (types.isEmpty() || !types.get().isObject()) {
                return Map.of();
            }
            Map<String, String> result = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = types.get().properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String at = "attachments.contentTypes." + entry.getKey();
                if (!entry.getValue().isTextual()) {
                    problems.add(at + ": must be a media type such as application/acad");
                    continue;
                }
                Map<String, String> one = Map.of(entry.getKey(), entry.getValue().asText());
                if (value(at, () -> AttachmentContentTypes.jakamosWith(one)) != null) {
                    result.putAll(one);
                }
            }
            return result;
        }

        // ---- the operator console (issue 16) ----

        ConsoleConfig console(JsonNode node, Path dataDirectory, Optional<SandboxConfig> sandbox) {
            ConsoleConfig off = ConsoleConfig.off();
            knownKeys(node, "console", Set.of("enabled", "bind", "port", "publicUrl", "idleTimeoutSeconds",
                    "maxConnections", "sessionIdleMinutes", "sessionMaxHours", "breakGlass", "breakGlassFile", "entra"));
            boolean enabled = bool(node, "console.enabled", "enabled", true);
            String bind = optionalText(node, "console.bind", "bind").orElse(off.bind());
            if (!isIpAddress(bind)) {
                problems.add("console.bind: must be an IP address such as 127.0.0.1 (put a reverse proxy with TLS in "
                        + "front of it to reach it from other machines)");
                bind = off.bind();
            }
            int port = optionalInt(node, "console.port", "port", 0, 65535).orElse(ConsoleConfig.DEFAULT_PORT);
            Optional<URI> publicUrl = optionalText(node, "console.publicUrl", "publicUrl").flatMap(text -> {
                try {
                    URI uri = new URI(text.strip().replaceAll("/+$", ""));
                    if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                            && (uri.getPath() == null || uri.getPath().isEmpty()) && uri.getQuery() == null) {
                        return Optional.of(uri);
                    }
                } catch (java.net.URISyntaxException e) {
                    // reported below
                }
                problems.add("console.publicUrl: must be the address browsers use, e.g. https://connector.example.com "
                        + "(scheme and host, no path)");
                return Optional.empty();
            });
            HttpLimits limits = off.limits();
            java.time.Duration idle = optionalInt(node, "console.idleTimeoutSeconds", "idleTimeoutSeconds", 1, 300)
                    .map(java.time.Duration::ofSeconds).orElse(limits.idleTimeout());
            int connections = optionalInt(node, "console.maxConnections", "maxConnections", 4, 10_000)
                    .orElse(limits.maxConnections());
            java.time.Duration sessionIdle = optionalInt(node, "console.sessionIdleMinutes", "sessionIdleMinutes", 1,
                    24 * 60).map(java.time.Duration::ofMinutes).orElse(off.sessionIdle());
            java.time.Duration sessionMax = optionalInt(node, "console.sessionMaxHours", "sessionMaxHours", 1, 7 * 24)
                    .map(java.time.Duration::ofHours).orElse(off.sessionMaximum());
            if (sessionMax.compareTo(sessionIdle) < 0) {
                problems.add("console.sessionMaxHours: must be at least console.sessionIdleMinutes");
                sessionIdle = sessionMax;
            }
            Optional<Path> breakGlassFile = bool(node, "console.breakGlass", "breakGlass", true)
                    ? Optional.of(optionalText(node, "console.breakGlassFile", "breakGlassFile").map(this::path)
                            .orElse(dataDirectory.resolve("console-break-glass.token")))
                    : Optional.empty();
            Optional<ConsoleConfig.Entra> entra = mapping(node, "entra", "console.entra").map(e -> consoleEntra(e, sandbox));
            if (entra.isPresent() && port == 0 && publicUrl.isEmpty()) {
                problems.add("console.port: 0 (any free port) cannot be registered as a redirect URI in Entra ID; give "
                        + "a fixed port or console.publicUrl");
            }
            return new ConsoleConfig(enabled, bind, port, publicUrl, new HttpLimits(idle, connections,
                    limits.maxThreads()), sessionIdle, sessionMax, breakGlassFile, entra);
        }

        ConsoleConfig.Entra consoleEntra(JsonNode node, Optional<SandboxConfig> sandbox) {
            knownKeys(node, "console.entra", Set.of("tenantId", "authority", "clientId", "clientSecret"));
            String clientId = requiredText(node, "console.entra.clientId", "clientId",
                    "the console's app registration's Application (client) ID");
            SecretReference secret = section(node, "clientSecret", "console.entra.clientSecret")
                    .map(s -> secret(s, "console.entra.clientSecret")).orElse(null);
            if (secret == null && problems.stream().noneMatch(p -> p.startsWith("console.entra.clientSecret"))) {
                problems.add("console.entra.clientSecret: missing; e.g. { file: /etc/jakamo-connector/console.secret }");
            }
            Optional<String> tenant = optionalText(node, "console.entra.tenantId", "tenantId");
            URI authority = optionalText(node, "console.entra.authority", "authority").map(a -> URI.create(
                    a.strip().endsWith("/") ? a.strip() : a.strip() + "/"))
                    .or(() -> tenant.map(t -> URI.create("https://login.microsoftonline.com/" + t.strip() + "/")))
                    .or(() -> sandbox.map(s -> s.environment().authority()))
                    .orElse(null);
            if (authority == null) {
                problems.add("console.entra.tenantId: missing; the Directory (tenant) ID of the console's app registration");
            }
            return clientId == null || secret == null || authority == null ? null
                    : new ConsoleConfig.Entra(authority, clientId, secret);
        }

        boolean bool(JsonNode node, String path, String key, boolean otherwise) {
            return optionalText(node, path, key).map(text -> switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> {
                    problems.add(path + ": must be true or false");
                    yield otherwise;
                }
            }).orElse(otherwise);
        }

        AuditConfig audit(JsonNode node) {
            knownKeys(node, "audit", Set.of("checkpointIntervalSeconds", "anchorFile"));
            AuditConfig defaults = AuditConfig.defaults();
            int seconds = optionalInt(node, "audit.checkpointIntervalSeconds", "checkpointIntervalSeconds",
                    AuditConfig.MIN_INTERVAL_SECONDS, AuditConfig.MAX_INTERVAL_SECONDS)
                    .orElse((int) defaults.checkpointInterval().toSeconds());
            Optional<Path> anchor = optionalText(node, "audit.anchorFile", "anchorFile").map(this::path);
            return new AuditConfig(java.time.Duration.ofSeconds(seconds), anchor);
        }

        // ---- the long-running service's keys ----

        ServiceConfig service() {
            ServiceConfig defaults = ServiceConfig.defaults();
            PollingConfig polling = mapping(root, "polling", "polling").map(p -> polling(p, "polling", defaults.polling()))
                    .orElse(defaults.polling());
            HealthConfig health = mapping(root, "health", "health").map(this::health).orElse(defaults.health());
            LogFormat format = mapping(root, "logging", "logging").map(l -> {
                knownKeys(l, "logging", Set.of("format"));
                return optionalText(l, "logging.format", "format").map(text -> LogFormat.fromConfig(text)
                        .orElseGet(() -> {
                            problems.add("logging.format: must be human or json");
                            return LogFormat.HUMAN;
                        })).orElse(LogFormat.HUMAN);
            }).orElse(defaults.logFormat());
            java.time.Duration grace = mapping(root, "shutdown", "shutdown").map(s -> {
                knownKeys(s, "shutdown", Set.of("graceSeconds"));
                return optionalInt(s, "shutdown.graceSeconds", "graceSeconds", 0, 600)
                        .map(java.time.Duration::ofSeconds).orElse(defaults.shutdownGrace());
            }).orElse(defaults.shutdownGrace());
            RetryConfig retry = mapping(root, "retry", "retry").map(r -> retry(r, defaults.retry()))
                    .orElse(defaults.retry());
            return new ServiceConfig(polling, health, format, grace, retry);
        }

        RetryConfig retry(JsonNode node, RetryConfig defaults) {
            knownKeys(node, "retry", Set.of("attempts", "firstSeconds", "maxSeconds", "maxRetryAfterSeconds"));
            int attempts = optionalInt(node, "retry.attempts", "attempts", 1, RetryConfig.MAX_ATTEMPTS)
                    .orElse(defaults.attempts());
            int first = optionalInt(node, "retry.firstSeconds", "firstSeconds", 1, RetryConfig.MAX_WAIT_SECONDS)
                    .orElse((int) defaults.first().toSeconds());
            int max = optionalInt(node, "retry.maxSeconds", "maxSeconds", 1, RetryConfig.MAX_WAIT_SECONDS)
                    .orElse((int) Math.max(first, defaults.max().toSeconds()));
            if (max < first) {
                problems.add("retry.maxSeconds: must be at least retry.firstSeconds (" + first + ")");
                return defaults;
            }
            java.time.Duration longestRetryAfter = optionalInt(node, "retry.maxRetryAfterSeconds", "maxRetryAfterSeconds",
                    1, RetryConfig.MAX_WAIT_SECONDS).map(java.time.Duration::ofSeconds)
                    .orElse(defaults.longestRetryAfter());
            return new RetryConfig(attempts, java.time.Duration.ofSeconds(first), java.time.Duration.ofSeconds(max),
                    longestRetryAfter);
        }

        PollingConfig polling(JsonNode node, String at, PollingConfig defaults) {
            knownKeys(node, at, Set.of("inboundSeconds", "outboundSeconds", "senders"));
            java.time.Duration inbound = optionalInt(node, at + ".inboundSeconds", "inboundSeconds", 1,
                    PollingConfig.MAX_SECONDS).map(java.time.Duration::ofSeconds).orElse(defaults.inbound());
            java.time.Duration outbound = optionalInt(node, at + ".outboundSeconds", "outboundSeconds", 1,
                    PollingConfig.MAX_SECONDS).map(java.time.Duration::ofSeconds).orElse(defaults.outbound());
            int senders = optionalInt(node, at + ".senders", "senders", 1, PollingConfig.MAX_SENDERS)
                    .orElse(defaults.senders());
            return new PollingConfig(inbound, outbound, senders);
        }

        HealthConfig health(JsonNode node) {
            HealthConfig defaults = HealthConfig.defaults();
            knownKeys(node, "health", Set.of("bind", "port", "staleAfterPolls", "idleTimeoutSeconds",
                    "maxConnections"));
            String bind = optionalText(node, "health.bind", "bind").orElse(defaults.bind());
            if (!isIpAddress(bind)) {
                problems.add("health.bind: must be an IP address such as 127.0.0.1 (the endpoints have no "
                        + "authentication: keep them on loopback unless a firewall guards the port)");
                bind = defaults.bind();
            }
            int port = optionalInt(node, "health.port", "port", 0, 65535).orElse(defaults.port());
            int stale = optionalInt(node, "health.staleAfterPolls", "staleAfterPolls", 1, 1000)
                    .orElse(defaults.staleAfterPolls());
            HttpLimits limits = defaults.limits();
            java.time.Duration idle = optionalInt(node, "health.idleTimeoutSeconds", "idleTimeoutSeconds", 1, 300)
                    .map(java.time.Duration::ofSeconds).orElse(limits.idleTimeout());
            int connections = optionalInt(node, "health.maxConnections", "maxConnections", 4, 10_000)
                    .orElse(limits.maxConnections());
            return new HealthConfig(bind, port, stale, new HttpLimits(idle, connections, limits.maxThreads()));
        }

        FolderOptions folderOptions(JsonNode node, String at, Path root) {
            FolderOptions defaults = FolderOptions.defaults();
            String toJakamo = optionalText(node, at + ".toJakamo", "toJakamo").orElse(defaults.toJakamo());
            String fromJakamo = optionalText(node, at + ".fromJakamo", "fromJakamo").orElse(defaults.fromJakamo());
            String processed = optionalText(node, at + ".processed", "processed").orElse(defaults.processed());
            String failed = optionalText(node, at + ".failed", "failed").orElse(defaults.failed());
            java.time.Duration stable = optionalInt(node, at + ".stableSeconds", "stableSeconds", 1, 3600)
                    .map(java.time.Duration::ofSeconds).orElse(defaults.stableFor());
            FolderOptions.AttachmentNaming naming = optionalText(node, at + ".attachmentNaming", "attachmentNaming")
                    .map(text -> {
                        for (FolderOptions.AttachmentNaming n : FolderOptions.AttachmentNaming.values()) {
                            if (n.configName().equals(text)) {
                                return n;
                            }
                        }
                        problems.add(at + ".attachmentNaming: must be first-underscore (PO1001_drawing.pdf) or "
                                + "double-underscore (PO_1001__drawing.pdf)");
                        return defaults.attachmentNaming();
                    }).orElse(defaults.attachmentNaming());
            // the adapter's own rules: relative, inside the root, four different folders none inside another
            value(at, () -> new io.jakamoconnector.adapter.erpfolder.ErpFolders(root, toJakamo, fromJakamo, processed,
                    failed));
            return new FolderOptions(toJakamo, fromJakamo, processed, failed, stable, naming);
        }

        /** A section that must be a mapping (never a single value). */
        Optional<JsonNode> mapping(JsonNode parent, String key, String path) {
            Optional<JsonNode> node = section(parent, key, path);
            if (node.isPresent() && node.get().isTextual()) {
                problems.add(path + ": must be a mapping, e.g. " + path + ": { key: value }");
                return Optional.empty();
            }
            return node;
        }

        @Override
        public Optional<Integer> optionalInt(JsonNode parent, String path, String key, int min, int max) {
            Optional<String> text = optionalText(parent, path, key);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            try {
                int value = Integer.parseInt(text.get().trim());
                if (value >= min && value <= max) {
                    return Optional.of(value);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add(path + ": must be a whole number from " + min + " to " + max);
            return Optional.empty();
        }

        DatabaseConfig database(JsonNode node) {
            knownKeys(node, "database", Set.of("url", "user", "password", "allowUnverifiedTls"));
            String url = requiredText(node, "database.url", "url", "a JDBC URL such as jdbc:postgresql://host:5432/jakamo");
            if (url != null && !url.startsWith("jdbc:postgresql://")) {
                problems.add("database.url: must be a PostgreSQL JDBC URL starting with jdbc:postgresql://");
            }
            String user = requiredText(node, "database.user", "user", "the database user name");
            Optional<SecretReference> password = section(node, "password", "database.password")
                    .map(p -> secret(p, "database.password"));
            boolean allowUnverifiedTls = optionalText(node, "database.allowUnverifiedTls", "allowUnverifiedTls")
                    .map(text -> switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
                        case "true" -> true;
                        case "false" -> false;
                        default -> {
                            problems.add("database.allowUnverifiedTls: must be true or false");
                            yield false;
                        }
                    }).orElse(false);
            Optional<String> unverified = url == null ? Optional.empty() : DatabaseTls.unverified(url);
            if (unverified.isPresent() && !allowUnverifiedTls) {
                problems.add("database.url: the connection to " + DatabaseTls.hostsOf(url) + " would not verify the "
                        + "server's certificate: " + unverified.get() + ". Add sslmode=verify-full&sslrootcert=<the "
                        + "PEM of the CA that signed the server's certificate> to the URL (after ? or &), e.g. "
                        + "?sslmode=verify-full&sslrootcert=/etc/jakamo-connector/db-ca.pem; or, accepting that "
                        + "anyone on the network path can read and change the traffic, set "
                        + "database.allowUnverifiedTls: true");
            }
            return new DatabaseConfig(url, user, password, allowUnverifiedTls);
        }

        SandboxConfig sandbox(JsonNode node) {
            knownKeys(node, "sandbox", Set.of("tenantId", "authority", "scope", "apiBaseUrl", "caCertificate"));
            String tenant = requiredText(node, "sandbox.tenantId", "tenantId", "the sandbox's tenant id");
            String authority = requiredText(node, "sandbox.authority", "authority", "an https:// URL ending in /<tenant>/");
            String scope = requiredText(node, "sandbox.scope", "scope", "a scope ending in /.default");
            String api = requiredText(node, "sandbox.apiBaseUrl", "apiBaseUrl", "an https:// URL");
            String ca = requiredText(node, "sandbox.caCertificate", "caCertificate", "the path of a PEM certificate");
            if (tenant == null || authority == null || scope == null || api == null || ca == null) {
                return null;
            }
            Environment env = value("sandbox", () -> Environment.sandbox(new TenantId(tenant), uri(authority),
                    new Scope(scope), uri(api)));
            return env == null ? null : new SandboxConfig(env, path(ca));
        }

        List<IntegrationConfig> integrations(Optional<SandboxConfig> sandbox, PollingConfig pollingDefaults) {
            JsonNode list = root.path("integrations");
            List<IntegrationConfig> result = new ArrayList<>();
            if (list.isMissingNode() || list.isNull()) {
                return result;
            }
            if (!list.isArray()) {
                problems.add("integrations: must be a list of integrations (each starting with '- name: ...')");
                return result;
            }
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                String at = "integrations[" + i + "]";
                if (!item.isObject()) {
                    problems.add(at + ": must be a mapping with name, kind, environment, clientId, ...");
                    continue;
                }
                JsonNode nameNode = item.get("name");
                IntegrationName name = nameNode == null || !nameNode.isTextual() ? null
                        : value(at + ".name", () -> new IntegrationName(nameNode.asText()));
                if (name == null) {
                    if (nameNode == null || !nameNode.isTextual()) {
                        problems.add(at + ".name: is required (lower-case letters, digits or '-', e.g. orders)");
                    }
                    continue;
                }
                if (!names.add(name.value())) {
                    problems.add(at + ".name: '" + name + "' is used twice; each integration needs its own name");
                    continue;
                }
                IntegrationConfig integration = integration(item, "integrations[" + name + "]", sandbox,
                        pollingDefaults);
                if (integration != null) {
                    result.add(integration);
                }
            }
            return result;
        }

        IntegrationConfig integration(JsonNode node, String at, Optional<SandboxConfig> sandbox,
                                      PollingConfig pollingDefaults) {
            knownKeys(node, at, Set.of("name", "kind", "environment", "clientId", "clientSecret", "clientCertificate",
                    "folders", "polling", "legacyBasicAuth", "validation", "jakamo", "retention"));
            IntegrationName name = new IntegrationName(node.get("name").asText());
            mapping(node, "retention", at + ".retention")
                    .flatMap(r -> RetentionSection.integrationArchiveDays(r, at + ".retention", this))
                    .ifPresent(days -> archiveDaysOf.put(name.value(), days));
            String kindText = requiredText(node, at + ".kind", "kind", "purchase-orders, sales-orders or claims");
            IntegrationKind kind = kindText == null ? null : value(at + ".kind",
                    () -> IntegrationKind.fromConfig(at + ".kind", kindText));
            String envText = requiredText(node, at + ".environment", "environment", "demo, production or sandbox");
            Environment environment = null;
            if (envText != null) {
                switch (envText) {
                    case "demo" -> environment = Environment.demo();
                    case "production" -> environment = Environment.production();
                    case "sandbox" -> {
                        if (sandbox.isEmpty() && root.path("sandbox").isObject()) {
                            environment = null;   // the sandbox section's own problems are reported already
                        } else if (sandbox.isEmpty()) {
                            problems.add(at + ".environment: is sandbox, but there is no sandbox section "
                                    + "(run 'jakamo-connector sandbox' to get one)");
                        } else {
                            environment = sandbox.get().environment();
                        }
                    }
                    default -> problems.add(at + ".environment: must be demo, production or sandbox");
                }
            }
            String clientIdText = requiredText(node, at + ".clientId", "clientId",
                    "the application (client) id GUID Jakamo showed when the OAuth2 application was registered");
            ClientId clientId = clientIdText == null ? null : value(at + ".clientId", () -> new ClientId(clientIdText));
            Optional<SecretReference> secret = section(node, "clientSecret", at + ".clientSecret")
                    .map(s -> secret(s, at + ".clientSecret"));
            Optional<CertificateConfig> certificate = section(node, "clientCertificate", at + ".clientCertificate")
                    .map(c -> certificate(c, at + ".clientCertificate"));
            if (secret.isEmpty() && certificate.isEmpty() && !node.has("clientSecret") && !node.has("clientCertificate")) {
                problems.add(at + ": needs a credential: clientSecret: { file: ... } or clientCertificate: { ... }");
            } else if (secret.isPresent() && certificate.isPresent()) {
                problems.add(at + ": has both clientSecret and clientCertificate; keep the one the application uses");
            }
            Optional<JsonNode> folders = section(node, "folders", at + ".folders");
            Path folderRoot = folders.map(f -> {
                knownKeys(f, at + ".folders", Set.of("root", "toJakamo", "fromJakamo", "processed", "failed",
                        "stableSeconds", "attachmentNaming"));
                return optionalText(f, at + ".folders.root", "root").map(this::path).orElse(null);
            }).orElse(null);
            if (folderRoot == null) {
                folderRoot = path("erp/" + name);
            }
            Path root = folderRoot;
            FolderOptions folderOptions = folders.map(f -> folderOptions(f, at + ".folders", root))
                    .orElse(FolderOptions.defaults());
            PollingConfig polling = mapping(node, "polling", at + ".polling")
                    .map(p -> polling(p, at + ".polling", pollingDefaults)).orElse(pollingDefaults);
            Optional<LegacyBasicAuthConfig> legacyBasicAuth = mapping(node, "legacyBasicAuth", at + ".legacyBasicAuth")
                    .map(b -> legacyBasicAuth(b, at + ".legacyBasicAuth"));
            // YAML 1.1 reads a bare "off" as the boolean false: that is what was written
            ValidationMode validation = optionalText(node, at + ".validation", "validation")
                    .map(v -> node.path("validation").isBoolean() && v.equals("false") ? "off" : v)
                    .map(v -> value(at + ".validation", () -> ValidationMode.fromConfig(at + ".validation", v)))
                    .orElse(ValidationMode.defaultMode());
            JakamoSettings jakamo = mapping(node, "jakamo", at + ".jakamo").map(j -> jakamo(j, at + ".jakamo"))
                    .orElse(JakamoSettings.defaults());
            if (kind == null || environment == null || clientId == null || validation == null
                    || problems.size() > 0) {
                return null;
            }
            return new IntegrationConfig(name, kind, environment, clientId, secret, certificate, folderRoot, polling,
                    folderOptions, legacyBasicAuth, validation, jakamo);
        }

        /** {@code trustedHosts} (a list, or one comma-separated value from the environment) and {@code changeMethod}. */
        JakamoSettings jakamo(JsonNode node, String at) {
            knownKeys(node, at, Set.of("trustedHosts", "changeMethod", "paths"));
            List<String> hosts = new ArrayList<>();
            JsonNode list = node.path("trustedHosts");
            if (list.isArray() && environment.get(envName(at + ".trustedHosts")) == null) {
                list.forEach(h -> hosts.add(h.asText()));
            } else {
                optionalText(node, at + ".trustedHosts", "trustedHosts")
                        .ifPresent(text -> java.util.Arrays.stream(text.split(",")).map(String::strip)
                                .filter(h -> !h.isEmpty()).forEach(hosts::add));
            }
            List<String> valid = new ArrayList<>();
            for (String host : hosts) {
                String checked = value(at + ".trustedHosts", () -> JakamoIntegration.trustedHost(host));
                if (checked != null) {
                    valid.add(host.strip());
                }
            }
            Optional<String> method = optionalText(node, at + ".changeMethod", "changeMethod")
                    .map(m -> m.strip().toUpperCase(java.util.Locale.ROOT));
            if (method.isPresent() && !method.get().equals("POST") && !method.get().equals("PUT")) {
                problems.add(at + ".changeMethod: must be POST or PUT (the verb Jakamo accepts for OrderChange and "
                        + "StatusMessage; a 405 names it in the log)");
                method = Optional.empty();
            }
            Map<String, String> paths = new java.util.TreeMap<>();
            mapping(node, "paths", at + ".paths").ifPresent(p -> {
                knownKeys(p, at + ".paths", Set.copyOf(JakamoSettings.PATH_NAMES));
                for (String name : JakamoSettings.PATH_NAMES) {
                    optionalText(p, at + ".paths." + name, name).ifPresent(v -> paths.put(name, v.strip()));
                }
            });
            if (!paths.isEmpty()) {
                value(at + ".paths", () -> new JakamoSettings(List.of(), Optional.empty(), paths)
                        .paths(JakamoPaths.defaults()));
            }
            return new JakamoSettings(valid, method, paths);
        }

        /** The old basic credentials: a user name and a reference to the password, never the password. */
        LegacyBasicAuthConfig legacyBasicAuth(JsonNode node, String at) {
            knownKeys(node, at, Set.of("username", "password"));
            String username = requiredText(node, at + ".username", "username",
                    "the integration's old basic-authentication user name, as set with \"Change Credentials\" in Jakamo");
            if (username != null && (username.contains(":") || username.strip().length() < 5)) {
                problems.add(at + ".username: must be at least 5 characters without ':' (Jakamo's rule for basic "
                        + "user names)");
                username = null;
            }
            Optional<SecretReference> password = section(node, "password", at + ".password")
                    .map(p -> secret(p, at + ".password"));
            if (password.isEmpty() && !node.has("password")) {
                problems.add(at + ".password: is required: where the old password is kept, e.g. "
                        + "{ file: /etc/jakamo-connector/orders-basic.password } (chmod 600), { credential: name } or "
                        + "{ env: VARIABLE }; never the password itself");
            }
            return username == null || password.isEmpty() ? null : new LegacyBasicAuthConfig(username.strip(),
                    password.get());
        }

        CertificateConfig certificate(JsonNode node, String at) {
            knownKeys(node, at, Set.of("pkcs12", "password", "privateKey", "certificate"));
            Optional<SecretReference> pkcs12 = section(node, "pkcs12", at + ".pkcs12").map(s -> secret(s, at + ".pkcs12"));
            Optional<SecretReference> password = section(node, "password", at + ".password")
                    .map(s -> secret(s, at + ".password"));
            Optional<SecretReference> key = section(node, "privateKey", at + ".privateKey")
                    .map(s -> secret(s, at + ".privateKey"));
            Optional<String> cert = optionalText(node, at + ".certificate", "certificate");
            if (pkcs12.isPresent() == key.isPresent()) {
                problems.add(at + ": give either pkcs12: { file: ... } (with password) or privateKey: { file: ... } "
                        + "with certificate: <PEM file>");
            } else if (pkcs12.isPresent() && password.isEmpty()) {
                problems.add(at + ".password: is required with pkcs12: where the key store's password is, e.g. "
                        + "{ env: ORDERS_P12_PASSWORD }");
            } else if (key.isPresent() && cert.isEmpty()) {
                problems.add(at + ".certificate: is required with privateKey: the PEM certificate's path");
            }
            return new CertificateConfig(pkcs12, password, key, cert.map(c -> path(c).toString()));
        }

        SecretReference secret(JsonNode node, String at) {
            if (node.isTextual()) {
                problems.add(at + ": secrets are never written in the configuration; use { file: /path }, "
                        + "{ credential: name } (systemd LoadCredential=) or { env: VARIABLE }");
                return null;
            }
            knownKeys(node, at, Set.of("file", "credential", "env"));
            List<SecretReference> refs = new ArrayList<>();
            optionalText(node, at + ".file", "file").ifPresent(f -> refs.add(
                    new SecretReference(SecretReference.Kind.FILE, path(f).toString())));
            optionalText(node, at + ".credential", "credential").ifPresent(c -> refs.add(
                    new SecretReference(SecretReference.Kind.CREDENTIAL, c)));
            optionalText(node, at + ".env", "env").ifPresent(e -> refs.add(
                    new SecretReference(SecretReference.Kind.ENV, e)));
            if (refs.size() != 1) {
                problems.add(at + ": must name exactly one of file, credential or env, e.g. { file: /etc/jakamo-connector/secret }");
                return null;
            }
            return refs.get(0);
        }

        // ---- notifications (issue 14): channels, each named; URLs that carry a credential by reference only ----

        NotificationsConfig notifications(JsonNode node) {
            knownKeys(node, "notifications", Set.of("channels", "digestAfter", "digestWindowSeconds", "maxPerHour",
                    "repeatAfterHours"));
            NotificationPolicy d = NotificationPolicy.defaults();
            int digestAfter = optionalInt(node, "notifications.digestAfter", "digestAfter", 1, 100)
                    .orElse(d.digestAfter());
            int window = optionalInt(node, "notifications.digestWindowSeconds", "digestWindowSeconds", 1, 3600)
                    .orElse((int) d.digestWindow().toSeconds());
            int perHour = optionalInt(node, "notifications.maxPerHour", "maxPerHour", 1, 1000).orElse(d.maxPerHour());
            int repeat = optionalInt(node, "notifications.repeatAfterHours", "repeatAfterHours", 0, 24 * 90)
                    .orElse((int) d.repeatAfter().toHours());
            NotificationPolicy policy = new NotificationPolicy(digestAfter, java.time.Duration.ofSeconds(window),
                    perHour, java.time.Duration.ofHours(repeat), d.maxAttempts(), d.firstRetry(), d.maxRetry());
            JsonNode list = node.path("channels");
            List<NotificationsConfig.Channel> channels = new ArrayList<>();
            if (!list.isArray() || list.isEmpty()) {
                problems.add("notifications.channels: must be a list of channels (each starting with '- name: ...', "
                        + "type email, teams, slack or webhook); remove the notifications section to tell nobody");
                return NotificationsConfig.none();
            }
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                JsonNode nameNode = item.path("name");
                ChannelName name = !nameNode.isTextual() ? null
                        : value("notifications.channels[" + i + "].name", () -> new ChannelName(nameNode.asText()));
                if (name == null) {
                    if (!nameNode.isTextual()) {
                        problems.add("notifications.channels[" + i + "].name: is required (lower-case letters, "
                                + "digits or '-', e.g. ops-mail)");
                    }
                    continue;
                }
                if (!names.add(name.value())) {
                    problems.add("notifications.channels[" + i + "].name: '" + name + "' is used twice");
                    continue;
                }
                NotificationsConfig.Channel channel = channel(item, "notifications.channels[" + name + "]", name);
                if (channel != null) {
                    channels.add(channel);
                }
            }
            return new NotificationsConfig(channels, policy);
        }

        NotificationsConfig.Channel channel(JsonNode node, String at, ChannelName name) {
            String type = requiredText(node, at + ".type", "type", "email, teams, slack or webhook");
            if (type == null) {
                return null;
            }
            switch (type) {
                case "email" -> {
                    knownKeys(node, at, Set.of("name", "type", "host", "port", "security", "from", "to", "user",
                            "password", "trustCertificate"));
                    String host = requiredText(node, at + ".host", "host", "the SMTP server, e.g. smtp.example.com");
                    String securityText = optionalText(node, at + ".security", "security").orElse("starttls");
                    SmtpSettings.Security security = switch (securityText) {
                        case "starttls" -> SmtpSettings.Security.STARTTLS;
                        case "smtps" -> SmtpSettings.Security.SMTPS;
                        default -> {
                            problems.add(at + ".security: must be starttls (the server must offer it; nothing is "
                                    + "ever sent in plain text) or smtps");
                            yield null;
                        }
                    };
                    int port = optionalInt(node, at + ".port", "port", 1, 65535)
                            .orElse(security == SmtpSettings.Security.SMTPS ? 465 : 587);
                    String from = requiredText(node, at + ".from", "from", "the sender's address");
                    List<String> to = new ArrayList<>();
                    JsonNode toNode = node.path("to");
                    if (toNode.isArray()) {
                        toNode.forEach(t -> to.add(t.asText()));
                    } else {
                        optionalText(node, at + ".to", "to").ifPresent(to::add);
                    }
                    if (to.isEmpty()) {
                        problems.add(at + ".to: is required: a list of addresses, e.g. [ops@example.com]");
                    }
                    Optional<String> user = optionalText(node, at + ".user", "user");
                    Optional<SecretReference> password = section(node, "password", at + ".password")
                            .map(p -> secret(p, at + ".password"));
                    if (user.isPresent() && password.isEmpty() && !node.has("password")) {
                        problems.add(at + ".password: is required with user: where the SMTP password is kept, e.g. "
                                + "{ file: /etc/jakamo-connector/smtp.password } (chmod 600), { credential: name } "
                                + "or { env: VARIABLE }");
                    } else if (user.isEmpty() && password.isPresent()) {
                        problems.add(at + ".user: is required with password");
                    }
                    if (host == null || security == null || from == null || to.isEmpty()) {
                        return null;
                    }
                    Optional<Path> trust = optionalText(node, at + ".trustCertificate", "trustCertificate")
                            .map(this::path);
                    SmtpSettings smtp = value(at, () -> {
                        SmtpSettings settings = SmtpSettings.of(host, port, security, from, to, user);
                        return trust.map(settings::withTrustCertificate).orElse(settings);
                    });
                    return smtp == null ? null : new NotificationsConfig.Email(name, smtp, password);
                }
                case "teams", "slack", "webhook" -> {
                    knownKeys(node, at, Set.of("name", "type", "url"));
                    WebhookFormat format = switch (type) {
                        case "teams" -> WebhookFormat.TEAMS;
                        case "slack" -> WebhookFormat.SLACK;
                        default -> WebhookFormat.GENERIC;
                    };
                    JsonNode urlNode = node.path("url");
                    String literal = urlNode.isObject() ? null : optionalText(node, at + ".url", "url").orElse(null);
                    if (literal != null) {
                        if (format != WebhookFormat.GENERIC) {
                            problems.add(at + ".url: a " + type + " webhook URL carries its credential: keep it out "
                                    + "of the configuration, in { file: /etc/jakamo-connector/" + name + ".url } "
                                    + "(chmod 600), { credential: name } or { env: VARIABLE }");
                            return null;
                        }
                        URI uri = webhookUri(at + ".url", literal);
                        return uri == null ? null : new NotificationsConfig.Webhook(name, format, Optional.of(uri),
                                Optional.empty());
                    }
                    Optional<SecretReference> ref = section(node, "url", at + ".url").map(u -> secret(u, at + ".url"));
                    if (ref.isEmpty()) {
                        if (!node.has("url")) {
                            problems.add(at + ".url: is required: { file: ... }, { credential: ... } or { env: ... }"
                                    + (format == WebhookFormat.GENERIC ? ", or an https URL without a secret in it"
                                    : ""));
                        }
                        return null;
                    }
                    return new NotificationsConfig.Webhook(name, format, Optional.empty(), ref);
                }
                default -> {
                    problems.add(at + ".type: must be email, teams, slack or webhook");
                    return null;
                }
            }
        }

        /** An https URL (http only to this host, for a local receiver) without credentials or a query string. */
        URI webhookUri(String at, String text) {
            String problem = NotificationsConfig.webhookProblem(text);
            if (problem != null) {
                problems.add(at + ": " + problem);
                return null;
            }
            return URI.create(text.strip());
        }

        // ---- scalars, with environment overrides ----

        Optional<String> optionalText(JsonNode parent, String key) {
            return optionalText(parent, key, key);
        }

        Optional<String> optionalText(JsonNode parent, String path, String key) {
            String override = environment.get(envName(path));
            if (override != null) {
                usedOverrides.add(envName(path));
                return Optional.of(override);
            }
            JsonNode value = parent.path(key);
            if (value.isMissingNode() || value.isNull()) {
                return Optional.empty();
            }
            if (!value.isValueNode() || value.asText().isBlank()) {
                problems.add(path + ": must be a single non-empty value");
                return Optional.empty();
            }
            return Optional.of(value.asText());
        }

        String requiredText(JsonNode parent, String path, String key, String expected) {
            Optional<String> value = optionalText(parent, path, key);
            if (value.isEmpty()) {
                problems.add(path + ": is required (" + expected + "); or set " + envName(path));
                return null;
            }
            return value.get();
        }

        Optional<JsonNode> section(JsonNode parent, String key) {
            return section(parent, key, key);
        }

        /** A nested mapping, present in the file or made to exist by an override below it. */
        Optional<JsonNode> section(JsonNode parent, String key, String path) {
            JsonNode node = parent.path(key);
            boolean overridden = environment.keySet().stream().anyMatch(k -> k.startsWith(envName(path) + "_"));
            if (node.isMissingNode() || node.isNull()) {
                return overridden ? Optional.of(MissingNode.getInstance()) : Optional.empty();
            }
            if (!node.isObject() && !node.isTextual()) {
                problems.add(path + ": must be a mapping");
                return Optional.empty();
            }
            return Optional.of(node);
        }

        @Override
        public void knownKeys(JsonNode node, String at, Set<String> known) {
            if (!node.isObject()) {
                return;
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!known.contains(key)) {
                    problems.add((at.isEmpty() ? "" : at + ".") + key + ": unknown key (expected one of "
                            + new TreeSet<>(known) + ")");
                }
            }
        }

        void reportUnusedOverrides() {
            Set<String> unknown = new LinkedHashSet<>();
            for (String name : new TreeSet<>(environment.keySet())) {
                if (name.startsWith(PREFIX) && !NOT_KEYS.contains(name) && !usedOverrides.contains(name)) {
                    unknown.add(name);
                }
            }
            for (String name : unknown) {
                problems.add("environment variable " + name + ": overrides no configuration key; check its spelling");
            }
        }

        <T> T value(String at, java.util.function.Supplier<T> make) {
            try {
                return make.get();
            } catch (InvalidValueException e) {
                String field = e.field().substring(e.field().lastIndexOf('.') + 1);
                boolean sameKey = at.equals(field) || at.endsWith("." + field);
                problems.add(at + ": " + (sameKey ? "" : e.field() + " ") + e.rule());
                return null;
            } catch (IllegalArgumentException e) {
                problems.add(at + ": " + e.getMessage());
                return null;
            }
        }

        URI uri(String text) {
            return URI.create(text);
        }

        Path path(String text) {
            return base.resolve(text).normalize();
        }
    }

    /** A literal IPv4 or IPv6 address; never a name, which would need a lookup. */
    static boolean isIpAddress(String text) {
        if (text.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}")) {
            return true;
        }
        if (!text.contains(":") || !text.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(text) instanceof java.net.Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

}
