package io.jakamoconnector.domain.model.exchange;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A queue message's headers, looked up case-insensitively: Jakamo's documentation spells them both ways. */
public final class MessageHeaders {
    public static final String ACKNOWLEDGE_URI = "X-Acknowledge-Uri";
    public static final String ORDER_NUMBER = "Jakamo-Order-Number";
    public static final String CONFIRM_URL = "Jakamo-Confirm-Url";

    private final Map<String, String> values;

    private MessageHeaders(Map<String, String> values) {
        this.values = values;
    }

    public static MessageHeaders of(Map<String, String> headers) {
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.putIfAbsent(k, v);
            }
        });
        return new MessageHeaders(copy);
    }

    public static MessageHeaders none() {
        return of(Map.of());
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public Map<String, String> asMap() {
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(values);
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageHeaders other && lowerKeys().equals(other.lowerKeys());
    }

    @Override
    public int hashCode() {
        return lowerKeys().hashCode();
    }

    private Map<String, String> lowerKeys() {
        Map<String, String> m = new TreeMap<>();
        values.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        return m;
    }

    @Override
    public String toString() {
        return "MessageHeaders" + values.keySet();
    }
}
