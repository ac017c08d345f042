package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.InvalidValueException;
import io.jakamoconnector.domain.model.exchange.RedactedUri;
import io.jakamoconnector.domain.port.out.JakamoExchangeException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Builds endpoint URIs and decides whether a URI from a message may receive the token. */
final class JakamoUris {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JakamoUris() {
    }

    /** {@code path} under the integration's base URL. */
    static URI endpoint(JakamoIntegration integration, String path) {
        return URI.create(origin(integration) + integration.basePath() + path);
    }

    /** {@code template} with {@code {id}} replaced by the key, encoded as exactly one path segment. */
    static URI endpoint(JakamoIntegration integration, String template, String id) {
        return endpoint(integration, template.replace(JakamoPaths.ID, segment(id)));
    }

    /**
     * Percent-encodes everything but RFC 3986's unreserved characters, so an order number with '/', '?', '#', '%' or
     * spaces stays one segment. A key of only dots would still mean "this" or "parent" directory, so it is refused.
     */
    static String segment(String id) {
        if (id.isEmpty() || id.chars().allMatch(c -> c == '.')) {
            throw new InvalidValueException("businessKey", "'" + id + "' cannot be used as a path segment");
        }
        StringBuilder out = new StringBuilder(id.length() + 8);
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /**
     * The URI a message points to, if it is on one of the integration's trusted hosts (the API host and port, the hosts
     * Jakamo uses for the environment, and the configured ones) and carries no user info; a path-only reference is
     * taken relative to the API host. An {@code http://} URI on a trusted host is called over https on the same host
     * (port 80 or none becomes 443), since a TLS-offloading front end may write the scheme it sees; the token never
     * goes over plain http. Another host is refused with {@code UNTRUSTED_HOST} before a connection is opened, naming
     * the host and the key that would trust it; anything else ({@code file:}, user info, no host) with
     * {@code FOREIGN_URI}. (Jakamo's own connector sends the token wherever a message points.)
     */
    static URI onJakamoHost(JakamoIntegration integration, String raw, String what) {
        URI uri = parse(raw).map(u -> u.isAbsolute() || raw.strip().startsWith("//") ? u : resolve(integration, u, what))
                .orElseThrow(() -> foreign(what, "is not a valid URI", raw));
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean plain = scheme.equals("http");
        if (!plain && !scheme.equals("https")) {
            throw foreign(what, "is not https", raw);
        }
        if (uri.getRawUserInfo() != null) {
            throw foreign(what, "carries user info", raw);
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() == -1 || (plain && uri.getPort() == 80) ? 443 : uri.getPort();
        if (host.isEmpty()) {
            throw foreign(what, "names no host", raw);
        }
        if (!integration.trusts(host, port)) {
            throw untrusted(integration, what, host, port, raw);
        }
        if (!plain) {
            return uri;
        }
        // the same host over https: never the token over http
        return URI.create("https://" + host + (port == 443 ? "" : ":" + port)
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /** The path of a URI, for logs: the query is left out, since it may carry a signature. */
    static String logPath(URI uri) {
        return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    }

    private static String origin(JakamoIntegration integration) {
        URI base = integration.apiBaseUrl();
        return "https://" + base.getRawAuthority();
    }

    private static URI resolve(JakamoIntegration integration, URI relative, String what) {
        if (relative.getRawPath() == null || !relative.getRawPath().startsWith("/")) {
            throw foreign(what, "is a relative reference that is not an absolute path", relative.toString());
        }
        return URI.create(origin(integration)).resolve(relative);
    }

    private static Optional<URI> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw.strip());
            return uri.isOpaque() ? Optional.empty() : Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String describe(String host, int port) {
        return (host.isEmpty() ? "no host" : host) + ":" + port;
    }

    private static JakamoExchangeException untrusted(JakamoIntegration integration, String what, String host, int port,
                                                     String raw) {
        String entry = port == 443 ? host : host + ":" + port;
        return new JakamoExchangeException(JakamoExchangeException.Reason.UNTRUSTED_HOST, 0,
                "refused to call the " + what + " " + Text.clean(RedactedUri.of(raw), 200) + ": its host "
                        + describe(host, port) + " is not a trusted Jakamo host for " + integration.name()
                        + ", so the token is not sent there and the queue waits; if Jakamo really serves it, add '"
                        + entry + "' to " + integration.trustedHostsKey(),
                List.of(), null, null);
    }

    private static JakamoExchangeException foreign(String what, String problem, String raw) {
        return new JakamoExchangeException(JakamoExchangeException.Reason.FOREIGN_URI, 0,
                "refused to call the " + what + " " + Text.clean(RedactedUri.of(raw), 200) + ": it " + problem
                        + "; the token is only ever sent to the configured Jakamo API host",
                List.of(), null, null);
    }
}
