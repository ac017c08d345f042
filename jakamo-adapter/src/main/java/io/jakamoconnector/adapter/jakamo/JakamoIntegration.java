package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.net.URI;
import java.util.Locale;

/**
 * One integration as this adapter sees it: its name, what it exchanges (which picks the queue and the endpoints), the
 * Jakamo API it talks to and how. The API base URL is also the only place the token is ever sent: acknowledgement,
 * confirmation and attachment URIs from messages must be on its scheme, host and port.
 */
public record JakamoIntegration(IntegrationName name, IntegrationKind kind, URI apiBaseUrl, JakamoOptions options) {

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
    }

    public static JakamoIntegration of(IntegrationName name, IntegrationKind kind, Environment environment,
                                       JakamoOptions options) {
        Check.notNull("jakamo.environment", environment);
        return new JakamoIntegration(name, kind, environment.apiBaseUrl(), options);
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
