package io.jakamoconnector.adapter.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JWT's claims (or a key set) with Jackson into plain values: objects become {@code Map}, arrays {@code List},
 * numbers {@code BigDecimal}, plus {@code String}, {@code Boolean} and null. Strict (RFC 8259 as Jackson reads it by
 * default, nothing after the value), bounded in depth and number length, and it never echoes the input in its errors
 * (the input may be a token): Jackson's own messages can quote a token, so only the offset is kept.
 */
final class JsonReader {
    private static final int MAX_DEPTH = 32;
    private static final int MAX_NUMBER_LENGTH = 64;
    private static final ObjectMapper MAPPER = new ObjectMapper(strictFactory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonReader() {
    }

    /** Thrown for input that is not JSON; the message gives a position, never the text. */
    static final class MalformedJsonException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MalformedJsonException(String message) {
            super(message);
        }
    }

    private static JsonFactory strictFactory() {
        return new JsonFactoryBuilder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                .build();
    }

    static Object parse(String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedJsonException("malformed JSON at offset 0: no value");
        }
        return plain(root);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new MalformedJsonException("not a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(member -> map.put(member.getKey(), plain(member.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(plain(element)));
            return list;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return null;
    }

    private static MalformedJsonException malformed(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        String offset = where == null || where.getCharOffset() < 0 ? "unknown" : String.valueOf(where.getCharOffset());
        String what = e instanceof StreamConstraintsException
                ? "nested deeper than " + MAX_DEPTH + " or a number longer than " + MAX_NUMBER_LENGTH + " digits"
                : "not valid JSON";
        return new MalformedJsonException("malformed JSON at offset " + offset + ": " + what);
    }
}
