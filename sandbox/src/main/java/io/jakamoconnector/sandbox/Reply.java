package io.jakamoconnector.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer before it goes on the wire, so a fault can still replace or corrupt it. */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String XML = "application/xml; charset=utf-8";
    static final String JSON = "application/json; charset=utf-8";

    Reply {
        headers = Map.copyOf(headers);
    }

    static Reply xml(int status, String xml) {
        return new Reply(status, XML, xml.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Reply xml(int status, byte[] xml) {
        return new Reply(status, XML, xml, Map.of());
    }

    static Reply json(int status, String json) {
        return new Reply(status, JSON, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Reply empty(int status) {
        return new Reply(status, null, new byte[0], Map.of());
    }

    static Reply of(int status, String contentType, byte[] body) {
        return new Reply(status, contentType, body, Map.of());
    }

    /** Jakamo-style error body: {@code <errors><error>…</error></errors>}. */
    static Reply errors(int status, String... messages) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<errors>");
        for (String message : messages) {
            xml.append("<error>").append(Xml.escape(message)).append("</error>");
        }
        return xml(status, xml.append("</errors>\n").toString());
    }

    static Reply info(String message) {
        return xml(200, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Info>" + Xml.escape(message) + "</Info>\n");
    }

    Reply withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Reply(status, contentType, body, copy);
    }
}
