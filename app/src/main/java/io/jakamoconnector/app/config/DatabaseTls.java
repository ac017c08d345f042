package io.jakamoconnector.app.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a PostgreSQL JDBC URL makes the driver verify the server's certificate and name, as only
 * {@code sslmode=verify-full} does (or {@code ssl=true} without an sslmode, which pgjdbc reads as verify-full). The
 * driver's default, {@code prefer}, neither verifies the server nor refuses plaintext, and {@code require} and
 * {@code verify-ca} accept a server that is not the one named: over a network, a password and the audit trail would go
 * to whoever answers. Loopback hosts and unix sockets do not cross a network and need no TLS.
 */
public final class DatabaseTls {
    private DatabaseTls() {
    }

    /** Empty when the URL verifies the server (or needs not); else why not, for a person, without the URL's values. */
    public static Optional<String> unverified(String url) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            return Optional.empty();   // reported as malformed elsewhere
        }
        String rest = url.substring("jdbc:postgresql:".length());
        int query = rest.indexOf('?');
        Map<String, String> parameters = parameters(query < 0 ? "" : rest.substring(query + 1));
        String location = query < 0 ? rest : rest.substring(0, query);
        List<String> hosts = hosts(location);
        String socketFactory = parameters.getOrDefault("socketfactory", "").toLowerCase(Locale.ROOT);
        if (socketFactory.contains("unix")) {
            return Optional.empty();
        }
        if (!hosts.isEmpty() && hosts.stream().allMatch(DatabaseTls::loopback)) {
            return Optional.empty();
        }
        String factory = parameters.getOrDefault("sslfactory", "");
        if (factory.contains("NonValidatingFactory")) {
            return Optional.of("sslfactory=" + factory + " accepts any certificate");
        }
        String mode = parameters.get("sslmode");
        if (mode == null) {
            String ssl = parameters.get("ssl");
            if (ssl != null && (ssl.isEmpty() || ssl.equalsIgnoreCase("true"))) {
                return Optional.empty();
            }
            return Optional.of("the URL sets no sslmode, and the driver's default (prefer) neither verifies the server "
                    + "nor refuses an unencrypted connection");
        }
        if (mode.equalsIgnoreCase("verify-full")) {
            return Optional.empty();
        }
        return Optional.of("sslmode=" + mode + " does not verify that the server is the one named (only verify-full "
                + "does)");
    }

    /** The hosts a URL names, for a message (never its parameters, which may hold a password). */
    public static String hostsOf(String url) {
        String rest = url.startsWith("jdbc:postgresql:") ? url.substring("jdbc:postgresql:".length()) : url;
        int query = rest.indexOf('?');
        return String.join(", ", hosts(query < 0 ? rest : rest.substring(0, query)));
    }

    /** The hosts of {@code //host1:port,host2/db}: lower case, without port or IPv6 brackets; [] when none is named. */
    static List<String> hosts(String location) {
        List<String> hosts = new ArrayList<>();
        if (!location.startsWith("//")) {
            hosts.add("localhost");   // jdbc:postgresql:database means localhost
            return hosts;
        }
        String authority = location.substring(2);
        int slash = authority.indexOf('/');
        if (slash >= 0) {
            authority = authority.substring(0, slash);
        }
        if (authority.isEmpty()) {
            hosts.add("localhost");
            return hosts;
        }
        for (String hostPort : authority.split(",")) {
            String host = hostPort.strip();
            if (host.startsWith("[")) {
                int close = host.indexOf(']');
                host = close < 0 ? host.substring(1) : host.substring(1, close);
            } else if (host.indexOf(':') >= 0) {
                host = host.substring(0, host.indexOf(':'));
            }
            hosts.add(host.toLowerCase(Locale.ROOT));
        }
        return hosts;
    }

    static boolean loopback(String host) {
        if (host.equals("localhost") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] parts = host.split("\\.");
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.put(key, value);   // the driver takes the last one
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
