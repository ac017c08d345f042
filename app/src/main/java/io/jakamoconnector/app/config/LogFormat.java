package io.jakamoconnector.app.config;

import java.util.Locale;
import java.util.Optional;

/** How log lines look: one line of text each, or one JSON object each (for a log collector). */
public enum LogFormat {
    HUMAN, JSON;

    /** The environment variable that chooses the format from the first line on, before the configuration is read. */
    public static final String ENV = "JAKAMO_CONNECTOR_LOG_FORMAT";

    /** {@code human} or {@code json}, as the configuration writes it. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LogFormat> fromConfig(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (LogFormat format : values()) {
            if (format.configName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
