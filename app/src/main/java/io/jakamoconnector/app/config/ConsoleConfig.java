package io.jakamoconnector.app.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator console ({@code console}): off unless the section is there; then on its own listener, by default
 * {@code 127.0.0.1:8466}.
 *
 * @param bind           an IP address ({@code console.bind})
 * @param port           {@code console.port}; 0 takes any free port (the service prints which)
 * @param publicUrl      what browsers type ({@code console.publicUrl}, default {@code http://<bind>:<port>}): the
 *                       redirect URI registered in Entra ID is this plus {@code /auth/callback}; {@code https} makes
 *                       the session cookie Secure (TLS ends at a reverse proxy in front)
 * @param limits         {@code console.idleTimeoutSeconds}, {@code console.maxConnections}
 * @param sessionIdle    {@code console.sessionIdleMinutes}
 * @param sessionMaximum {@code console.sessionMaxHours}
 * @param breakGlassFile {@code console.breakGlassFile}: where {@code run} writes a one-time sign-in token (0600);
 *                       empty when {@code console.breakGlass: false}
 * @param entra          {@code console.entra}: sign-in with Entra ID, empty for break-glass only
 */
public record ConsoleConfig(boolean enabled, String bind, int port, Optional<URI> publicUrl, HttpLimits limits,
                            Duration sessionIdle, Duration sessionMaximum, Optional<Path> breakGlassFile,
                            Optional<Entra> entra) {
    public static final int DEFAULT_PORT = 8466;

    /**
     * The console's app registration.
     *
     * @param authority {@code console.entra.authority}, default {@code https://login.microsoftonline.com/<tenantId>/}
     *                  (the sandbox's when the configuration has a {@code sandbox} section)
     */
    public record Entra(URI authority, String clientId, SecretReference clientSecret) {
        public Entra {
            Objects.requireNonNull(authority, "authority");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
        }
    }

    public ConsoleConfig {
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(breakGlassFile, "breakGlassFile");
        Objects.requireNonNull(entra, "entra");
    }

    public static ConsoleConfig off() {
        return new ConsoleConfig(false, "127.0.0.1", DEFAULT_PORT, Optional.empty(), HttpLimits.defaults(),
                Duration.ofMinutes(30), Duration.ofHours(12), Optional.empty(), Optional.empty());
    }

    /** The address browsers use, before the port is known when {@code port} is 0. */
    public URI publicUrl(int boundPort) {
        return publicUrl.orElseGet(() -> URI.create("http://" + (bind.contains(":") ? "[" + bind + "]" : bind) + ":"
                + boundPort));
    }

    public boolean secureCookies() {
        return publicUrl.map(u -> "https".equals(u.getScheme())).orElse(false);
    }
}
