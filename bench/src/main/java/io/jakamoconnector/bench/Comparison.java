package io.jakamoconnector.bench;

import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One line of the before/after table: a figure of the "before" build (the baseline jar) and of the "after" build
 * (this work tree's), their ratio, and the goal the "after" figure is held to. NaN: not measured (no baseline).
 */
record Comparison(String figure, String unit, double before, double after, Goal goal) {

    /** A goal: the figure at least or at most a threshold; {@link #NONE} for a figure shown for context. */
    record Goal(String operator, double threshold) {
        static final Goal NONE = new Goal("", Double.NaN);

        Goal {
            if (!operator.isEmpty() && !operator.equals(">=") && !operator.equals("<=")) {
                throw new IllegalArgumentException("operator: >= or <=, not " + operator);
            }
        }

        static Goal atLeast(double threshold) {
            return new Goal(">=", threshold);
        }

        static Goal atMost(double threshold) {
            return new Goal("<=", threshold);
        }

        String verdict(double value) {
            if (operator.isEmpty()) {
                return "";
            }
            if (Double.isNaN(value)) {
                return "n/a";
            }
            boolean met = operator.equals(">=") ? value >= threshold : value <= threshold;
            return met ? "met" : "MISSED";
        }

        String text(String unit) {
            return operator.isEmpty() ? "" : operator + " " + value(threshold, unit);
        }
    }

    static final String HEADER = "| figure | before | after | after/before | goal | met |\n|---|---|---|---|---|---|\n";

    /** A row from the medians of each build, by label; a build that was not measured gives NaN. */
    static Comparison of(String figure, String unit, Map<String, Measurements> byBuild,
                         ToDoubleFunction<Measurements> value, Goal goal) {
        Measurements before = byBuild.get(Build.BEFORE);
        Measurements after = byBuild.get(Build.AFTER);
        return new Comparison(figure, unit, before == null ? Double.NaN : value.applyAsDouble(before),
                after == null ? Double.NaN : value.applyAsDouble(after), goal);
    }

    double ratio() {
        return after / before;   // NaN when either is NaN
    }

    String markdown() {
        return "| " + String.join(" | ", figure, value(before, unit), value(after, unit), Report.ratio(ratio()),
                goal.text(unit), goal.verdict(after)) + " |\n";
    }

    String tsv() {
        return String.join("\t", figure, value(before, unit), value(after, unit), Report.ratio(ratio()),
                goal.text(unit), goal.verdict(after)) + "\n";
    }

    /** A number with as many digits as it is worth on a noisy machine, and its unit; "n/a" when not measured. */
    static String value(double v, String unit) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        String number = a >= 1000 ? String.format(Locale.ROOT, "%,.0f", v)
                : a >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : a >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
        return unit.isEmpty() ? number : number + " " + unit;
    }
}
