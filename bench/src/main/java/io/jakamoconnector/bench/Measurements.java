package io.jakamoconnector.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a child JVM measured, named numbers, and how it hands them to the harness: one line per number on its standard
 * output, {@code BENCH-MEASURED <name> <value>}; every other line (there should be none: the connector logs to
 * standard error) is ignored.
 */
final class Measurements {
    static final String PREFIX = "BENCH-MEASURED ";
    private static final Pattern LINE = Pattern.compile("^BENCH-MEASURED ([A-Za-z][A-Za-z0-9._-]*) (\\S+)$");

    private final Map<String, Double> values = new LinkedHashMap<>();

    Measurements put(String name, double value) {
        if (!LINE.matcher(PREFIX + name + " 0").matches()) {
            throw new IllegalArgumentException("name: letters, digits, '.', '_' or '-', not " + name);
        }
        values.put(name, value);
        return this;
    }

    double get(String name) {
        Double value = values.get(name);
        if (value == null) {
            throw new IllegalStateException("no measurement " + name + "; measured: " + values.keySet());
        }
        return value;
    }

    Map<String, Double> asMap() {
        return Collections.unmodifiableMap(values);
    }

    void print(PrintStream out) {
        values.forEach((name, value) -> out.println(PREFIX + name + " " + String.format(Locale.ROOT, "%s", value)));
        out.flush();
    }

    static Measurements parse(List<String> lines) {
        Measurements m = new Measurements();
        for (String line : lines) {
            Matcher matcher = LINE.matcher(line.strip());
            if (matcher.matches()) {
                try {
                    m.values.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("not a number in the child's line: " + line);
                }
            }
        }
        return m;
    }

    /**
     * The median of each name over several rounds; a name missing from some rounds is the median of the rounds that
     * have it.
     */
    static Measurements medianOf(List<Measurements> rounds) {
        Map<String, List<Double>> all = new LinkedHashMap<>();
        for (Measurements round : rounds) {
            round.values.forEach((name, value) -> all.computeIfAbsent(name, k -> new ArrayList<>()).add(value));
        }
        Measurements m = new Measurements();
        all.forEach((name, list) -> m.values.put(name, median(list)));
        return m;
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).sorted()
                .toArray();
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
