package io.jakamoconnector.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of one run: each printed as it is measured and written to {@code results.md} and {@code results.tsv}. */
final class Report {
    /** One figure: what was measured, against what, their ratio and the goal it is held to (empty: none). */
    record Figure(String section, String name, String ours, String against, double ratio, String goal,
                  String verdict) {
    }

    private final Path directory;
    private final PrintStream out;
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Comparison> comparisons = new ArrayList<>();

    Report(Path directory, PrintStream out) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.out = out;
    }

    synchronized void figure(String section, String name, String ours, String against, double ratio, String goal,
                             String verdict) {
        Figure f = new Figure(section, name, ours, against, ratio, goal, verdict);
        figures.add(f);
        out.printf(Locale.ROOT, "FIGURE [%s] %s: %s vs %s -> ratio %s%s%n", section, name, ours, against,
                ratio(ratio), goal.isEmpty() ? "" : " (goal " + goal + ": " + verdict + ")");
        out.flush();
        save();
    }

    /** A line of the before/after table, printed and saved like a figure. */
    synchronized void compare(Comparison c) {
        comparisons.add(c);
        out.printf(Locale.ROOT, "COMPARE %s: before %s, after %s, after/before %s%s%n", c.figure(),
                Comparison.value(c.before(), c.unit()), Comparison.value(c.after(), c.unit()), ratio(c.ratio()),
                c.goal().text(c.unit()).isEmpty() ? "" : " (goal " + c.goal().text(c.unit()) + ": "
                        + c.goal().verdict(c.after()) + ")");
        out.flush();
        save();
    }

    synchronized void note(String text) {
        notes.add(text);
        out.println("NOTE " + text);
        out.flush();
        save();
    }

    static String ratio(double r) {
        if (Double.isNaN(r)) {
            return "n/a";
        }
        return r >= 100 ? String.format(Locale.ROOT, "%,.0f", r) : String.format(Locale.ROOT, "%.2f", r);
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** The before/after table, then every figure with what it was measured against, then the notes. */
    static String markdown(List<Comparison> comparisons, List<Figure> figures, List<String> notes) {
        StringBuilder md = new StringBuilder();
        if (!comparisons.isEmpty()) {
            md.append("## Before and after\n\n").append(Comparison.HEADER);
            comparisons.forEach(c -> md.append(c.markdown()));
            md.append("\n## Every figure\n\n");
        }
        md.append("| section | figure | ours | against | ratio | goal | met |\n|---|---|---|---|---|---|---|\n");
        for (Figure f : figures) {
            md.append("| ").append(String.join(" | ", f.section(), f.name(), f.ours(), f.against(),
                    ratio(f.ratio()), f.goal(), f.verdict())).append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            for (String n : notes) {
                md.append("- ").append(n).append('\n');
            }
        }
        return md.toString();
    }

    private void save() {
        String md = markdown(comparisons, figures, notes);
        StringBuilder compared = new StringBuilder("figure\tbefore\tafter\tafter/before\tgoal\tmet\n");
        comparisons.forEach(c -> compared.append(c.tsv()));
        StringBuilder tsv = new StringBuilder("section\tfigure\tours\tagainst\tratio\tgoal\tmet\n");
        for (Figure f : figures) {
            tsv.append(String.join("\t", f.section(), f.name(), f.ours(), f.against(), ratio(f.ratio()), f.goal(),
                    f.verdict())).append('\n');
        }
        try {
            Files.writeString(directory.resolve("comparison.tsv"), compared, StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("results.md"), md, StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("results.tsv"), tsv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            out.println("could not write the results to " + directory + ": " + e);
        }
    }
}
