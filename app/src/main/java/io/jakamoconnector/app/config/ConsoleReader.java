package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** {@code console}: the operator console (issue 16), its listener, sessions, break-glass file and Entra sign-in. */
final class ConsoleReader {
    private ConsoleReader() {
    }

    static ConsoleConfig read(ConfigSection node, Path dataDirectory, Optional<SandboxConfig> sandbox) {
        ConsoleConfig off = ConsoleConfig.off();
        node.knownKeys(Set.of("enabled", "bind", "port", "publicUrl", "idleTimeoutSeconds", "maxConnections",
                "sessionIdleMinutes", "sessionMaxHours", "breakGlass", "breakGlassFile", "entra"));
        boolean enabled = node.bool("enabled", true);
        String bind = node.text("bind").orElse(off.bind());
        if (!BindAddress.isIpAddress(bind)) {
            node.problem("console.bind: must be an IP address such as 127.0.0.1 (put a reverse proxy with TLS in "
                    + "front of it to reach it from other machines)");
            bind = off.bind();
        }
        int port = node.integer("port", 0, 65535).orElse(ConsoleConfig.DEFAULT_PORT);
        Optional<URI> publicUrl = node.text("publicUrl").flatMap(text -> publicUrl(node, text));
        HttpLimits limits = off.limits();
        Duration idle = node.integer("idleTimeoutSeconds", 1, 300).map(Duration::ofSeconds)
                .orElse(limits.idleTimeout());
        int connections = node.integer("maxConnections", 4, 10_000).orElse(limits.maxConnections());
        Duration sessionIdle = node.integer("sessionIdleMinutes", 1, 24 * 60).map(Duration::ofMinutes)
                .orElse(off.sessionIdle());
        Duration sessionMax = node.integer("sessionMaxHours", 1, 7 * 24).map(Duration::ofHours)
                .orElse(off.sessionMaximum());
        if (sessionMax.compareTo(sessionIdle) < 0) {
            node.problem("console.sessionMaxHours: must be at least console.sessionIdleMinutes");
            sessionIdle = sessionMax;
        }
        Optional<Path> breakGlassFile = node.bool("breakGlass", true)
                ? Optional.of(node.text("breakGlassFile").map(node::file)
                        .orElse(dataDirectory.resolve("console-break-glass.token")))
                : Optional.empty();
        Optional<ConsoleConfig.Entra> entra = node.mapping("entra").map(e -> entra(e, sandbox));
        if (entra.isPresent() && port == 0 && publicUrl.isEmpty()) {
            node.problem("console.port: 0 (any free port) cannot be registered as a redirect URI in Entra ID; give "
                    + "a fixed port or console.publicUrl");
        }
        return new ConsoleConfig(enabled, bind, port, publicUrl, new HttpLimits(idle, connections,
                limits.maxThreads()), sessionIdle, sessionMax, breakGlassFile, entra);
    }

    private static Optional<URI> publicUrl(ConfigSection node, String text) {
        try {
            URI uri = new URI(text.strip().replaceAll("/+$", ""));
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && (uri.getPath() == null || uri.getPath().isEmpty()) && uri.getQuery() == null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        node.problem("console.publicUrl: must be the address browsers use, e.g. https://connector.example.com "
                + "(scheme and host, no path)");
        return Optional.empty();
    }

    /** {@code console.entra}: the console's own app registration; null when incomplete (with the problems). */
    private static ConsoleConfig.Entra entra(ConfigSection node, Optional<SandboxConfig> sandbox) {
        node.knownKeys(Set.of("tenantId", "authority", "clientId", "clientSecret"));
        String clientId = node.requiredText("clientId", "the console's app registration's Application (client) ID");
        SecretReference secret = SecretReferenceReader.read(node, "clientSecret").orElse(null);
        if (secret == null && !node.hasProblemAt("console.entra.clientSecret")) {
            node.problem("console.entra.clientSecret: missing; e.g. { file: /etc/jakamo-connector/console.secret }");
        }
        Optional<String> tenant = node.text("tenantId");
        URI authority = node.text("authority").map(a -> URI.create(
                a.strip().endsWith("/") ? a.strip() : a.strip() + "/"))
                .or(() -> tenant.map(t -> URI.create("https://login.microsoftonline.com/" + t.strip() + "/")))
                .or(() -> sandbox.map(s -> s.environment().authority()))
                .orElse(null);
        if (authority == null) {
            node.problem("console.entra.tenantId: missing; the Directory (tenant) ID of the console's app registration");
        }
        return clientId == null || secret == null || authority == null ? null
                : new ConsoleConfig.Entra(authority, clientId, secret);
    }
}
