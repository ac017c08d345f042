package io.jakamoconnector.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a section's measurement in child JVMs, one per build and round ({@link BenchChild} on {@link ChildClasspath}),
 * so the "before" build runs from its own jar exactly as the "after" build runs from this work tree's: the same
 * harness code, the same JVM flags, a fresh JVM each. With two builds the rounds alternate their order (before, after;
 * after, before; ...) so a change of the machine's load falls on both; each figure is the median of its rounds.
 */
final class ChildRuns {
    /** The harness's own JVM flags, the same for every child (see bench/run for the Nagle flag). */
    static final List<String> JVM_FLAGS = List.of("-Xmx2g", "-Dsun.net.httpserver.nodelay=true");

    private final List<Build> builds;
    private final int rounds;
    private final Path logs;
    private final Report report;

    ChildRuns(List<Build> builds, int rounds, Path logs, Report report) throws IOException {
        this.builds = builds.stream().map(Build::requireJar).toList();
        this.rounds = rounds;
        this.logs = Files.createDirectories(logs);
        this.report = report;
        for (Build build : this.builds) {
            if (!build.javaOpts().isEmpty()) {
                report.note("child JVMs of the " + build.label() + " build: " + String.join(" ", JVM_FLAGS) + " "
                        + String.join(" ", build.javaOpts()) + " (" + build.jar().getFileName() + ")");
            }
        }
    }

    List<Build> builds() {
        return builds;
    }

    /** The order of the builds in a round: as given in even rounds, reversed in odd ones. */
    static List<Build> order(List<Build> builds, int round) {
        List<Build> order = new ArrayList<>(builds);
        if (round % 2 == 1) {
            Collections.reverse(order);
        }
        return order;
    }

    /** The median of each build's rounds, by build label ("before" first when there is one). */
    Map<String, Measurements> run(String section, List<String> parameters) throws Exception {
        Map<String, List<Measurements>> taken = new LinkedHashMap<>();
        builds.forEach(b -> taken.put(b.label(), new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (Build build : order(builds, round)) {
                long began = System.nanoTime();
                taken.get(build.label()).add(once(section, build, round, parameters));
                report.note(Report.f("%s, %s build, round %d of %d: %.0f s in its own JVM", section, build.label(),
                        round + 1, rounds, (System.nanoTime() - began) / 1e9));
            }
        }
        Map<String, Measurements> medians = new LinkedHashMap<>();
        taken.forEach((label, list) -> medians.put(label, Measurements.medianOf(list)));
        return medians;
    }

    /** A child's command line: the harness's JVM flags, then the build's own, then the child's class and section. */
    static List<String> command(String section, Build build, String classpath, List<String> parameters) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(JVM_FLAGS);
        command.addAll(build.javaOpts());
        command.addAll(List.of("-cp", classpath, BenchChild.class.getName(), section, "jar=" + build.jar()));
        command.addAll(parameters);
        return command;
    }

    private Measurements once(String section, Build build, int round, List<String> parameters) throws Exception {
        List<String> command = command(section, build, ChildClasspath.of(ChildClasspath.harnessEntries(),
                build.jar()), parameters);
        String name = section + "-" + build.label() + "-" + (round + 1);
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("JAKAMO_") || k.equals("JAVA_TOOL_OPTIONS"));
        Process process = pb.start();
        try {
            if (!process.waitFor(3, TimeUnit.HOURS)) {
                throw new IllegalStateException(name + ": the child JVM did not end within 3 hours; see " + err);
            }
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        if (process.exitValue() != 0) {
            List<String> said = Files.readAllLines(err);
            throw new IllegalStateException(name + ": the child JVM exited " + process.exitValue() + "; see " + err
                    + "; its last lines:\n  " + String.join("\n  ", said.subList(Math.max(0, said.size() - 15),
                    said.size())));
        }
        return Measurements.parse(Files.readAllLines(out));
    }
}
