package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** {@link ConfigSection} over the YAML tree Jackson read, with the environment's overrides from {@link ConfigReading}. */
final class YamlConfigSection implements ConfigSection {
    private final ConfigReading reading;
    private final JsonNode node;
    private final String path;
    /** Keys the application read here before handing the section on, e.g. an {@code erp} section's {@code type}. */
    private final Set<String> readBefore;

    YamlConfigSection(ConfigReading reading, JsonNode node, String path) {
        this(reading, node, path, Set.of());
    }

    private YamlConfigSection(ConfigReading reading, JsonNode node, String path, Set<String> readBefore) {
        this.reading = reading;
        this.node = node;
        this.path = path;
        this.readBefore = Set.copyOf(readBefore);
    }

    /**
     * The same section for a reader that must not see {@code keys} as unknown, as the application read them already:
     * an ERP adapter lists only its own keys, never {@code type}.
     */
    static ConfigSection readingBefore(ConfigSection section, Set<String> keys) {
        YamlConfigSection yaml = (YamlConfigSection) section;
        return new YamlConfigSection(yaml.reading, yaml.node, yaml.path, keys);
    }

    /** A section the file does not write, under {@code key} of {@code parent}: every key has its default there. */
    static ConfigSection empty(ConfigSection parent, String key) {
        YamlConfigSection yaml = (YamlConfigSection) parent;
        return new YamlConfigSection(yaml.reading, MissingNode.getInstance(), parent.pathOf(key));
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public ConfigSection at(String path) {
        return new YamlConfigSection(reading, node, path);
    }

    @Override
    public boolean isMapping() {
        return node.isObject();
    }

    @Override
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Override
    public boolean has(String key) {
        return node.has(key);
    }

    @Override
    public boolean hasValue(String key) {
        JsonNode value = node.path(key);
        return !value.isMissingNode() && !value.isNull();
    }

    @Override
    public boolean isMapping(String key) {
        return node.path(key).isObject();
    }

    @Override
    public boolean isList(String key) {
        return node.path(key).isArray();
    }

    @Override
    public boolean isBoolean(String key) {
        return node.path(key).isBoolean();
    }

    @Override
    public boolean overridden(String key) {
        return reading.override(pathOf(key), false).isPresent();
    }

    @Override
    public Optional<String> text(String key) {
        String at = pathOf(key);
        Optional<String> override = reading.override(at, true);
        if (override.isPresent()) {
            return override;
        }
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode() || value.asText().isBlank()) {
            reading.problem(at + ": must be a single non-empty value");
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    @Override
    public String requiredText(String key, String expected) {
        Optional<String> value = text(key);
        if (value.isEmpty()) {
            reading.problem(pathOf(key) + ": is required (" + expected + "); or set "
                    + ConfigReading.envName(pathOf(key)));
            return null;
        }
        return value.get();
    }

    @Override
    public Optional<Integer> integer(String key, int min, int max) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            int value = Integer.parseInt(text.get().trim());
            if (value >= min && value <= max) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        reading.problem(pathOf(key) + ": must be a whole number from " + min + " to " + max);
        return Optional.empty();
    }

    @Override
    public boolean bool(String key, boolean otherwise) {
        return text(key).map(text -> switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                reading.problem(pathOf(key) + ": must be true or false");
                yield otherwise;
            }
        }).orElse(otherwise);
    }

    @Override
    public Optional<String> writtenText(String key) {
        JsonNode value = node.path(key);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    @Override
    public Optional<List<String>> writtenTextList(String key) {
        JsonNode list = node.path(key);
        if (!list.isArray()) {
            return Optional.empty();
        }
        List<String> items = new ArrayList<>();
        list.forEach(item -> items.add(item.asText()));
        return Optional.of(items);
    }

    @Override
    public Optional<List<ConfigSection>> items(String key) {
        JsonNode list = node.path(key);
        if (!list.isArray()) {
            return Optional.empty();
        }
        List<ConfigSection> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            items.add(new YamlConfigSection(reading, list.get(i), pathOf(key) + "[" + i + "]"));
        }
        return Optional.of(items);
    }

    @Override
    public Optional<ConfigSection> section(String key) {
        String at = pathOf(key);
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return reading.overriddenBelow(at)
                    ? Optional.of(new YamlConfigSection(reading, MissingNode.getInstance(), at)) : Optional.empty();
        }
        if (!value.isObject() && !value.isTextual()) {
            reading.problem(at + ": must be a mapping");
            return Optional.empty();
        }
        return Optional.of(new YamlConfigSection(reading, value, at));
    }

    @Override
    public Optional<ConfigSection> mapping(String key) {
        String at = pathOf(key);
        Optional<ConfigSection> section = section(key);
        if (section.isPresent() && node.path(key).isTextual()) {
            reading.problem(at + ": must be a mapping, e.g. " + at + ": { key: value }");
            return Optional.empty();
        }
        return section;
    }

    @Override
    public void knownKeys(Set<String> known) {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key) && !readBefore.contains(key)) {
                TreeSet<String> expected = new TreeSet<>(known);
                expected.addAll(readBefore);
                reading.problem(pathOf(key) + ": unknown key (expected one of " + expected + ")");
            }
        }
    }

    @Override
    public java.nio.file.Path file(String text) {
        return reading.file(text);
    }

    @Override
    public void problem(String message) {
        reading.problem(message);
    }

    @Override
    public boolean hasProblems() {
        return reading.hasProblems();
    }

    @Override
    public boolean hasProblemAt(String path) {
        return reading.hasProblemAt(path);
    }

    @Override
    public <T> T value(String at, Supplier<T> make) {
        return reading.value(at, make);
    }
}
