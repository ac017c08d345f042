package io.jakamoconnector.app.config;

import java.util.List;

/** The configuration cannot be used; each problem names the key's path and the expected form. */
public final class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public ConfigurationException(String source, List<String> problems) {
        super("the configuration " + source + " cannot be used:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
