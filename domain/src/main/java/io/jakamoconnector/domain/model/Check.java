package io.jakamoconnector.domain.model;

import java.util.Objects;

/** The checks value records run in their compact constructors. */
public final class Check {
    private Check() {
    }

    public static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }

    public static String notBlank(String field, String value) {
        notNull(field, value);
        if (value.isBlank()) {
            throw new InvalidValueException(field, "must not be blank");
        }
        return value;
    }

    public static void that(boolean condition, String field, String rule) {
        if (!condition) {
            throw new InvalidValueException(field, rule);
        }
    }

    public static String maxLength(String field, String value, int max) {
        that(value.length() <= max, field, "must be at most " + max + " characters long");
        return value;
    }

    /** Refuses control characters, which would let outside values forge log lines or file names. */
    public static String printable(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidValueException(field, "must not contain control characters (found U+"
                        + String.format("%04X", (int) c) + " at position " + i + ")");
            }
        }
        return value;
    }

    public static long notNegative(String field, long value) {
        that(value >= 0, field, "must not be negative");
        return value;
    }

    public static <T> T requireNonNullElse(T value, T fallback) {
        return Objects.requireNonNullElse(value, fallback);
    }
}
