package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One integration as this adapter sees it: its name, what it exchanges (which picks the queue and the endpoints), the
 * Jakamo API it talks to and how. Endpoints are called on the API base URL; acknowledgement, confirmation and
 * attachment URIs from messages are called only on a trusted host ({@code trustedHosts}: the API host and port always,
 * plus the hosts Jakamo itself uses for the environment and any configured), and always over https.
 *
 * @param trustedHosts lower-case {@code host:port} entries (port 443 unless given) a callback may go to
 */
public record JakamoIntegration(IntegrationName name, IntegrationKind kind, URI apiBaseUrl, JakamoOptions options,
                                Set<String> trustedHosts) {
    /**
     * The hosts Jakamo's own code and pages use for each published environment (API notes §1.1 and open question 13):
     * production is written both {@code www.thejakamo.com} and {@code thejakamo.com}.
     */
    static final List<String> PRODUCTION_HOSTS = List.of("www.thejakamo.com", "thejakamo.com");
    static final List<String> DEMO_HOSTS = List.of("demo.thejakamo.com");

    public JakamoIntegration {
        Check.notNull("jakamo.integration", name);
        Check.notNull("jakamo.kind", kind);
        Check.notNull("jakamo.apiBaseUrl", apiBaseUrl);
        Check.that("https".equalsIgnoreCase(apiBaseUrl.getScheme()), "jakamo.apiBaseUrl", "must be an https:// URL");
        Check.that(apiBaseUrl.getHost() != null && !apiBaseUrl.getHost().isBlank(), "jakamo.apiBaseUrl",
                "must name a host");
        Check.that(apiBaseUrl.getRawUserInfo() == null, "jakamo.apiBaseUrl", "must not carry a user name or password");
        Check.that(apiBaseUrl.getRawQuery() == null && apiBaseUrl.getRawFragment() == null, "jakamo.apiBaseUrl",
                "must not have a query or fragment");
        Check.notNull("jakamo.options", options);
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add(apiBaseUrl.getHost().toLowerCase(Locale.ROOT) + ":"
                + (apiBaseUrl.getPort() == -1 ? 443 : apiBaseUrl.getPort()));
        for (String entry : Check.notNull("jakamo.trustedHosts", trustedHosts)) {
            hosts.add(trustedHost(entry));
        }
        trustedHosts = Set.copyOf(hosts);
    }

    /** Trusting only the API base URL's host and port. */
    public JakamoIntegration(IntegrationName name, IntegrationKind kind, URI apiBaseUrl, JakamoOptions options) {
        this(name, kind, apiBaseUrl, options, Set.of());
    }

    /** Trusting the API host and the hosts Jakamo uses for the environment (none more for a sandbox). */
    public static JakamoIntegration of(IntegrationName name, IntegrationKind kind, Environment environment,
                                       JakamoOptions options) {
        Check.notNull("jakamo.environment", environment);
        return new JakamoIntegration(name, kind, environment.apiBaseUrl(), options, Set.copyOf(
                defaultTrustedHosts(environment)));
    }

    /** The hosts trusted without configuration for an environment, besides its API host. */
    public static List<String> defaultTrustedHosts(Environment environment) {
        return switch (environment.kind()) {
            case PRODUCTION -> PRODUCTION_HOSTS;
            case DEMO -> DEMO_HOSTS;
            default -> List.of();
        };
    }

    /** The same integration also trusting {@code hosts} ({@code host} or {@code host:port}, port 443 by default). */
    public JakamoIntegration withTrustedHosts(Collection<String> hosts) {
        Set<String> all = new LinkedHashSet<>(trustedHosts);
        all.addAll(Check.notNull("jakamo.trustedHosts", hosts));
        return new JakamoIntegration(name, kind, apiBaseUrl, options, all);
    }

    /**
     * One trusted-host entry as {@code host:port}: a DNS name or IP address, optionally {@code :port}; no scheme, path or
     * user info (the entry says where the token may go, nothing more).
     */
    public static String trustedHost(String entry) {
        Check.notBlank("jakamo.trustedHosts", entry);
        String value = entry.strip().toLowerCase(Locale.ROOT);
        URI uri;
        try {
            uri = new URI("https://" + value);
        } catch (java.net.URISyntaxException e) {
            throw new io.jakamoconnector.domain.model.InvalidValueException("jakamo.trustedHosts",
                    "'" + entry + "' is not a host name or host:port");
        }
        Check.that(uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawPath().isEmpty()
                        && uri.getRawQuery() == null && uri.getRawFragment() == null && !value.contains("*"),
                "jakamo.trustedHosts", "'" + entry + "' must be a host name or host:port (no scheme, path or *)");
        return uri.getHost() + ":" + (uri.getPort() == -1 ? 443 : uri.getPort());
    }

    boolean trusts(String host, int port) {
        return trustedHosts.contains(host.toLowerCase(Locale.ROOT) + ":" + port);
    }

    /** The configuration key that lists this integration's extra trusted hosts, as messages name it. */
    String trustedHostsKey() {
        return "integrations[" + name + "].jakamo.trustedHosts";
    }

    /** The base URL's path without a trailing slash ({@code ""} for {@code https://host/}). */
    String basePath() {
        String path = apiBaseUrl.getRawPath() == null ? "" : apiBaseUrl.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    String host() {
        return apiBaseUrl.getHost().toLowerCase(Locale.ROOT);
    }

    int port() {
        return apiBaseUrl.getPort() == -1 ? 443 : apiBaseUrl.getPort();
    }
}
