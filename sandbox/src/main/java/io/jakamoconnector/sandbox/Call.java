package io.jakamoconnector.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request being served, with what the journal learns about it on the way. The body is kept in memory only for
 * the length of the call and is never logged: on the token endpoint it carries the client secret in clear.
 */
final class Call {
    final HttpExchange exchange;
    final String method;
    final String rawPath;
    final String rawQuery;
    final byte[] body;
    final Instant startedAt;

    Endpoint endpoint = Endpoint.UNKNOWN;
    String tokenFingerprint;
    String clientId;
    String integration;
    String messageId;
    String fault;
    String detail;
    /** Set once the dispatcher has journalled this call. */
    boolean journalled;
    ApiAuth.Principal principal;
    Reply authFailure;

    Call(HttpExchange exchange, byte[] body, Instant startedAt) {
        this.exchange = exchange;
        this.method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
        URI uri = exchange.getRequestURI();
        this.rawPath = uri.getRawPath() == null ? "/" : uri.getRawPath();
        this.rawQuery = uri.getRawQuery();
        this.body = body;
        this.startedAt = startedAt;
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** The path as sent, without query string; safe for the journal. */
    String path() {
        return rawPath;
    }

    /** Path segments after the leading slash, each percent-decoded (so an encoded '/' stays inside its segment). */
    List<String> segments() {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(percentDecode(raw));
            }
        }
        return segments;
    }

    /** Query parameters merged with a form-urlencoded body (the latter wins). */
    Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>(parseForm(rawQuery));
        String contentType = header("Content-Type");
        if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            parameters.putAll(parseForm(new String(body, StandardCharsets.UTF_8)));
        }
        return parameters;
    }

    static Map<String, String> parseForm(String encoded) {
        Map<String, String> form = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return form;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            form.putIfAbsent(formDecode(key), formDecode(value));
        }
        return form;
    }

    private static String formDecode(String text) {
        return percentDecode(text.replace('+', ' '));
    }

    static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 2;
                    continue;
                }
            }
            out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static String percentEncodeSegment(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
