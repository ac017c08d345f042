package io.jakamoconnector.adapter.erphttp;

import io.jakamoconnector.domain.plugin.ConfigSection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A configuration section over nested maps, as the application's YAML reader gives one to a provider (without the
 * environment overrides, which the HTTP adapter's keys do not need to be tested with). Problems collect in one list.
 */
final class MapConfigSection implements ConfigSection {
    private final String path;
    private final Object node;
    private final List<String> problems;
    private final Path base;

    MapConfigSection(String path, Object node, List<String> problems, Path base) {
        this.path = path;
        this.node = node;
        this.problems = problems;
        this.base = base;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map() {
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public ConfigSection at(String other) {
        return new MapConfigSection(other, node, problems, base);
    }

    @Override
    public boolean isMapping() {
        return node instanceof Map;
    }

    @Override
    public List<String> keys() {
        return new ArrayList<>(map().keySet());
    }

    @Override
    public boolean has(String key) {
        return map().containsKey(key);
    }

    @Override
    public boolean hasValue(String key) {
        Object v = map().get(key);
        return v != null && !"".equals(v);
    }

    @Override
    public boolean isMapping(String key) {
        return map().get(key) instanceof Map;
    }

    @Override
    public boolean isList(String key) {
        return map().get(key) instanceof List;
    }

    @Override
    public boolean isBoolean(String key) {
        return map().get(key) instanceof Boolean;
    }

    @Override
    public boolean overridden(String key) {
        return false;
    }

    @Override
    public Optional<String> text(String key) {
        Object v = map().get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map || v instanceof List || v.toString().isBlank()) {
            problem(pathOf(key) + ": must be a single value");
            return Optional.empty();
        }
        return Optional.of(v.toString());
    }

    @Override
    public String requiredText(String key, String expected) {
        Optional<String> t = text(key);
        if (t.isEmpty() && !hasProblemAt(pathOf(key))) {
            problem(pathOf(key) + ": is required (" + expected + ")");
        }
        return t.orElse(null);
    }

    @Override
    public Optional<Integer> integer(String key, int min, int max) {
        return text(key).map(Integer::parseInt);
    }

    @Override
    public boolean bool(String key, boolean otherwise) {
        Object v = map().get(key);
        return v instanceof Boolean b ? b : otherwise;
    }

    @Override
    public Optional<String> writtenText(String key) {
        Object v = map().get(key);
        return v instanceof String s ? Optional.of(s) : Optional.empty();
    }

    @Override
    public Optional<List<String>> writtenTextList(String key) {
        return Optional.empty();
    }

    @Override
    public Optional<List<ConfigSection>> items(String key) {
        Object v = map().get(key);
        if (!(v instanceof List<?> list)) {
            return Optional.empty();
        }
        List<ConfigSection> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(new MapConfigSection(pathOf(key) + "[" + i + "]", list.get(i), problems, base));
        }
        return Optional.of(out);
    }

    @Override
    public Optional<ConfigSection> section(String key) {
        Object v = map().get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof List) {
            problem(pathOf(key) + ": must be a mapping");
            return Optional.empty();
        }
        return Optional.of(new MapConfigSection(pathOf(key), v, problems, base));
    }

    @Override
    public Optional<ConfigSection> mapping(String key) {
        Object v = map().get(key);
        if (v != null && !(v instanceof Map)) {
            problem(pathOf(key) + ": must be a mapping, e.g. path: { key: value }");
            return Optional.empty();
        }
        return section(key);
    }

    @Override
    public void knownKeys(Set<String> known) {
        for (String key : map().keySet()) {
            if (!known.contains(key)) {
                problem(pathOf(key) + ": unknown key (expected one of " + new TreeSet<>(known) + ")");
            }
        }
    }

    @Override
    public Path file(String text) {
        return base.resolve(text);
    }

    @Override
    public void problem(String message) {
        problems.add(message);
    }

    @Override
    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    @Override
    public boolean hasProblemAt(String at) {
        return problems.stream().anyMatch(p -> p.startsWith(at + ":") || p.startsWith(at + ".")
                || p.startsWith(at + "["));
    }

    @Override
    public <T> T value(String at, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            String rule = e instanceof io.jakamoconnector.domain.model.InvalidValueException i ? i.rule()
                    : e.getMessage();
            problem(at + ": " + rule);
            return null;
        }
    }
}
