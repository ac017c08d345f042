package io.jakamoconnector.domain.model.validation;

import io.jakamoconnector.domain.model.InvalidValueException;
import java.util.Locale;

/** What an integration does with the problems pre-flight validation finds ({@code validation:} in the configuration). */
public enum ValidationMode {
    /** ERRORs keep the document out of Jakamo (to {@code failed/}); WARNINGs travel with it. The default. */
    ENFORCE,
    /** Nothing is refused: every problem, ERRORs included, travels with the document as a warning. */
    WARN,
    /** Documents are not checked beyond being readable (the behaviour before validation existed). */
    OFF;

    public static ValidationMode defaultMode() {
        return ENFORCE;
    }

    /** The form written in the configuration: {@code enforce}, {@code warn} or {@code off}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ValidationMode fromConfig(String field, String text) {
        for (ValidationMode mode : values()) {
            if (mode.configName().equals(text)) {
                return mode;
            }
        }
        throw new InvalidValueException(field, "must be enforce, warn or off");
    }
}
