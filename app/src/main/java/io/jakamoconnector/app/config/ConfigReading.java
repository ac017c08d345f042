package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.model.InvalidValueException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * One pass over the configuration: the environment's overrides ({@code JAKAMO_CONNECTOR_} + the key path in upper
 * case with {@code _} between the parts), which of them were used, the directory relative paths start from, and every
 * problem found, in the order found.
 */
final class ConfigReading {
    static final String PREFIX = "JAKAMO_CONNECTOR_";
    /**
     * Variables with the prefix that are not configuration keys: read by the launcher (which unsets its own, but a
     * {@code java -jar} started by hand inherits them) and the logging set-up.
     */
    static final Set<String> NOT_KEYS = Set.of(ConfigLoader.CONFIG_ENV, "JAKAMO_CONNECTOR_LOG_LEVEL",
            "JAKAMO_CONNECTOR_LOG_FORMAT", "JAKAMO_CONNECTOR_JAVA_OPTS", "JAKAMO_CONNECTOR_JAVA_DIRS",
            "JAKAMO_CONNECTOR_CDS");

    private final Map<String, String> environment;
    private final Path base;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> usedOverrides = new HashSet<>();

    ConfigReading(Map<String, String> environment, Path base) {
        this.environment = environment;
        this.base = base;
    }

    /** The environment variable that overrides a key path such as {@code integrations[orders].clientId}. */
    static String envName(String path) {
        return PREFIX + path.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_|_$", "");
    }

    /** The override of a key path, counted as used when {@code use} is set. */
    Optional<String> override(String path, boolean use) {
        String name = envName(path);
        String value = environment.get(name);
        if (value != null && use) {
            usedOverrides.add(name);
        }
        return Optional.ofNullable(value);
    }

    /** Whether a variable overrides a key below this path, which makes the section exist without the file. */
    boolean overriddenBelow(String path) {
        String prefix = envName(path) + "_";
        return environment.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    Path file(String text) {
        return base.resolve(text).normalize();
    }

    void problem(String message) {
        problems.add(message);
    }

    boolean hasProblems() {
        return !problems.isEmpty();
    }

    boolean hasProblemAt(String path) {
        return problems.stream().anyMatch(p -> p.startsWith(path));
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    <T> T value(String at, Supplier<T> make) {
        try {
            return make.get();
        } catch (InvalidValueException e) {
            String field = e.field().substring(e.field().lastIndexOf('.') + 1);
            boolean sameKey = at.equals(field) || at.endsWith("." + field);
            problems.add(at + ": " + (sameKey ? "" : e.field() + " ") + e.rule());
            return null;
        } catch (IllegalArgumentException e) {
            problems.add(at + ": " + e.getMessage());
            return null;
        }
    }

    /** A variable with the prefix that no key read: most likely misspelt, so refused rather than ignored. */
    void reportUnusedOverrides() {
        Set<String> unknown = new LinkedHashSet<>();
        for (String name : new TreeSet<>(environment.keySet())) {
            if (name.startsWith(PREFIX) && !NOT_KEYS.contains(name) && !usedOverrides.contains(name)) {
                unknown.add(name);
            }
        }
        for (String name : unknown) {
            problems.add("environment variable " + name + ": overrides no configuration key; check its spelling");
        }
    }
}
