package io.jakamoconnector.bench;

import io.jakamoconnector.sandbox.AppSpec;
import io.jakamoconnector.sandbox.ConnectorConfigFiles;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.Fault;
import io.jakamoconnector.sandbox.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Figure 4, the process: {@code java -jar jakamo-connector.jar run} as its own process against the sandbox (which
 * runs here), with its embedded PostgreSQL. Time from spawning the process to the sandbox seeing the first queue read
 * (the first poll), for a first start (a new data directory: the database is created) and for restarts (the
 * normal case: the data directory exists); then VmRSS of the JVM from /proc after it has idled. Each JVM-flag variant
 * (and, with {@code --baseline-jar}, another build of the connector) is measured in the same run, the restarts
 * interleaved round by round, so their ratios compare like with like.
 */
final class ProcessFigures {
    static final double START_GOAL_SECONDS = 3.0;
    static final long RSS_GOAL_MIB = 256;

    /**
     * A way to start the JVM: its key, its name, the jar it runs and the flags (what JAKAMO_CONNECTOR_JAVA_OPTS would
     * hold); {@code launcher}: {@code java -jar} itself, or this work tree's {@code bin/jakamo-connector} installed in
     * a scratch prefix (C1 only, its default) with its AppCDS archive on or off.
     */
    record Variant(String key, String name, Path jar, List<String> flags, Launcher launcher) {
        Variant(String key, String name, Path jar, List<String> flags) {
            this(key, name, jar, flags, Launcher.NONE);
        }
    }

    /** How a variant's process is started. */
    enum Launcher { NONE, CDS_ON, CDS_OFF }

    /**
     * One start: seconds to the first poll, and to the log lines that mark start-up's phases (NaN: not seen); the
     * CPU seconds the connector's JVM had used when the first poll was seen, which the machine's load does not stretch
     * as it stretches the wall clock (NaN: not readable); and seconds from SIGTERM to its exit.
     */
    record Sample(double firstPollSeconds, long rssMiB, long postgresRssMiB, double databaseReadySeconds,
                  double serviceStartedSeconds, double tokenSeconds, double cpuSeconds, double stopSeconds) {
    }

    private ProcessFigures() {
    }

    /**
     * @param baselineJar  another build of the connector (e.g. the commit before a change), measured side by side with
     *                     {@code jar} in its default and C1-only variants; null for none
     * @param tokenLatency added by the sandbox to every token request (the real Entra ID is a WAN round trip away)
     * @param only         the variant keys to measure (default, c1, serial, cds, combined, and base-default, base-c1
     *                     with a baseline jar); empty for all
     */
    static void run(Report report, Path jar, Path baselineJar, Path resultsDir, int restarts, Duration idle,
                    Set<String> only, Duration tokenLatency) throws Exception {
        Path cds = resultsDir.resolve("jakamo-connector.jsa");
        List<Variant> all = new ArrayList<>(List.of(
                new Variant("default", "default", jar, List.of()),
                new Variant("c1", "C1 only (-XX:TieredStopAtLevel=1)", jar, List.of("-XX:TieredStopAtLevel=1")),
                new Variant("serial", "SerialGC", jar, List.of("-XX:+UseSerialGC")),
                new Variant("cds", "AppCDS archive", jar, List.of("-XX:SharedArchiveFile=" + cds)),
                new Variant("combined", "C1 only + AppCDS + SerialGC", jar, List.of("-XX:TieredStopAtLevel=1",
                        "-XX:SharedArchiveFile=" + cds, "-XX:+UseSerialGC")),
                new Variant("launcher-cds", "launcher, its AppCDS archive", jar, List.of(), Launcher.CDS_ON),
                new Variant("launcher-nocds", "launcher, JAKAMO_CONNECTOR_CDS=off", jar, List.of(),
                        Launcher.CDS_OFF)));
        if (baselineJar != null) {
            all.add(1, new Variant("base-default", "default, baseline jar " + baselineJar.getFileName(), baselineJar,
                    List.of()));
            all.add(3, new Variant("base-c1", "C1 only, baseline jar " + baselineJar.getFileName(), baselineJar,
                    List.of("-XX:TieredStopAtLevel=1")));
        }
        List<Variant> variants = all.stream().filter(v -> only.isEmpty() || only.contains(v.key())).toList();
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("no process variant left; keys: "
                    + all.stream().map(Variant::key).toList());
        }

        try (Sandbox sandbox = Sandbox.builder().start()) {
            sandbox.registerApp(AppSpec.orders("erp-orders").integration(Bed.ORDERS));
            if (!tokenLatency.isZero()) {
                // the sandbox's Entra answers at once; the real one is a WAN round trip away
                sandbox.faults().always(Endpoint.TOKEN, Fault.latency(tokenLatency));
                report.note(Report.f("process: every token request answered %d ms late (--token-latency-ms)",
                        tokenLatency.toMillis()));
            }
            if (variants.stream().anyMatch(v -> v.flags().stream().anyMatch(f -> f.startsWith("-XX:SharedArchiveFile")))) {
                // the archive of the classes a start-up loads, written when a training run exits
                Files.deleteIfExists(cds);
                Path training = Files.createTempDirectory("bench-cds-");
                start(sandbox, jar, training, List.of("-XX:ArchiveClassesAtExit=" + cds), Duration.ZERO);
                Bed.deleteQuietly(training);
                if (!Files.exists(cds)) {
                    report.note("the AppCDS training run wrote no archive; the CDS variants ran without one");
                }
            }

            // every variant's first start, then the restarts round by round, each round through all variants, so a
            // change of the machine's load falls on all of them alike
            Map<Variant, Path> dirs = new LinkedHashMap<>();
            Map<Variant, Path> prefixes = new LinkedHashMap<>();
            Map<Variant, Sample> firsts = new LinkedHashMap<>();
            Map<Variant, List<Sample>> samples = new LinkedHashMap<>();
            try {
                for (Variant variant : variants) {
                    Path dir = Files.createTempDirectory("bench-process-");
                    dirs.put(variant, dir);
                    if (variant.launcher() != Launcher.NONE) {
                        prefixes.put(variant, installLauncher(variant.jar()));
                    }
                    firsts.put(variant, start(sandbox, variant, prefixes.get(variant), dir, idle));
                    samples.put(variant, new ArrayList<>());
                }
                for (int i = 0; i < restarts; i++) {
                    for (Variant variant : variants) {
                        samples.get(variant).add(start(sandbox, variant, prefixes.get(variant), dirs.get(variant),
                                idle));
                    }
                }
                prefixes.forEach((variant, prefix) -> report.note(Report.f("%s: class-data archives after the run: %s",
                        variant.name(), archives(prefix.resolve("cache/jakamo-connector/cds")))));
            } finally {
                dirs.values().forEach(Bed::deleteQuietly);
                prefixes.values().forEach(Bed::deleteQuietly);
            }

            Map<String, Double> medians = new LinkedHashMap<>();
            Map<String, Double> cpu = new LinkedHashMap<>();
            for (Variant variant : variants) {
                List<Sample> taken = samples.get(variant);
                double[] restartSeconds = taken.stream().mapToDouble(Sample::firstPollSeconds).sorted().toArray();
                long[] rss = taken.stream().mapToLong(Sample::rssMiB).sorted().toArray();
                double restart = median(restartSeconds);
                long medianRss = rss[rss.length / 2];
                long postgres = taken.get(taken.size() - 1).postgresRssMiB();
                medians.put(variant.key(), restart);
                Sample first = firsts.get(variant);
                report.figure("4 process", "start to first poll, restart (median of " + restarts + "), "
                                + variant.name(), Report.f("%.2f s (first start, new database: %.2f s)", restart,
                                first.firstPollSeconds()), Report.f("goal %.0f s", START_GOAL_SECONDS),
                        restart / START_GOAL_SECONDS, "<= 1.0", restart <= START_GOAL_SECONDS ? "met" : "MISSED");
                report.figure("4 process", "idle daemon RSS after " + idle.toSeconds() + " s, " + variant.name(),
                        Report.f("%d MiB JVM (embedded PostgreSQL processes, shared pages counted in each: %d MiB)", medianRss, postgres),
                        Report.f("goal %d MiB", RSS_GOAL_MIB), (double) medianRss / RSS_GOAL_MIB, "<= 1.0",
                        medianRss <= RSS_GOAL_MIB ? "met" : "MISSED");
                report.note(Report.f("%s, restarts' phases from spawn (median): database migrated and ready %.2f s, "
                                + "service started %.2f s, first token %.2f s, first poll %.2f s; the JVM's CPU time to the "
                        + "first poll %.2f s", variant.name(),
                        median(taken, Sample::databaseReadySeconds), median(taken, Sample::serviceStartedSeconds),
                        median(taken, Sample::tokenSeconds), restart, median(taken, Sample::cpuSeconds)));
                cpu.put(variant.key(), median(taken, Sample::cpuSeconds));
                report.note(Report.f("%s, stop (SIGTERM to exit): first start %.2f s, restarts (median) %.2f s; "
                                + "restarts to first poll: %s s", variant.name(), first.stopSeconds(),
                        median(taken, Sample::stopSeconds), taken.stream()
                                .map(t -> Report.f("%.2f", t.firstPollSeconds())).toList()));
            }
            Map<String, Double> firstStarts = new LinkedHashMap<>();
            firsts.forEach((variant, sample) -> firstStarts.put(variant.key(), sample.firstPollSeconds()));
            if (medians.containsKey("default")) {
                report.compare(new Comparison("start to first poll, restart (median of " + restarts + "), default JVM",
                        "s", medians.getOrDefault("base-default", Double.NaN), medians.get("default"),
                        Comparison.Goal.atMost(START_GOAL_SECONDS)));
                report.compare(new Comparison("start to first poll, first start (new database), default JVM", "s",
                        firstStarts.getOrDefault("base-default", Double.NaN), firstStarts.get("default"),
                        Comparison.Goal.NONE));
            }
            if (medians.containsKey("c1")) {
                report.compare(new Comparison("start to first poll, restart (median of " + restarts + "), C1 only",
                        "s", medians.getOrDefault("base-c1", Double.NaN), medians.get("c1"),
                        Comparison.Goal.atMost(START_GOAL_SECONDS)));
            }
            Double base = medians.get("default");
            for (Variant variant : variants) {
                if (base != null && !variant.key().equals("default")) {
                    report.note(Report.f("start to first poll, %s against default: %.2f", variant.name(),
                            medians.get(variant.key()) / base));
                }
            }
            if (medians.containsKey("launcher-cds") && medians.containsKey("launcher-nocds")) {
                report.figure("4 process", "start to first poll, restart, the launcher with its AppCDS archive "
                                + "against without (JAKAMO_CONNECTOR_CDS=off)",
                        Report.f("%.2f s", medians.get("launcher-cds")), Report.f("%.2f s", medians.get("launcher-nocds")),
                        medians.get("launcher-cds") / medians.get("launcher-nocds"), "< 1.0 (faster)",
                        medians.get("launcher-cds") < medians.get("launcher-nocds") ? "faster" : "not faster");
            }
            if (medians.containsKey("base-default") && base != null) {
                report.figure("4 process", "start to first poll, this jar against the baseline jar, default JVM",
                        Report.f("%.2f s", base), Report.f("%.2f s", medians.get("base-default")),
                        base / medians.get("base-default"), "< 1.0 (faster)", base < medians.get("base-default")
                                ? "faster" : "not faster");
            }
            // the CPU the builds spend to the first poll: what a busy machine stretches into the wall-clock figures
            for (String[] pair : List.of(new String[] {"default", "base-default"}, new String[] {"c1", "base-c1"})) {
                if (cpu.containsKey(pair[0]) && cpu.containsKey(pair[1])) {
                    report.note(Report.f("the JVM's CPU time to the first poll, restart, this jar against the baseline "
                            + "jar, %s: %.2f s against %.2f s = %.2f", pair[0], cpu.get(pair[0]), cpu.get(pair[1]),
                            cpu.get(pair[0]) / cpu.get(pair[1])));
                }
            }
            if (medians.containsKey("base-c1") && medians.containsKey("c1")) {
                report.figure("4 process", "start to first poll, this jar against the baseline jar, C1 only",
                        Report.f("%.2f s", medians.get("c1")), Report.f("%.2f s", medians.get("base-c1")),
                        medians.get("c1") / medians.get("base-c1"), "< 1.0 (faster)",
                        medians.get("c1") < medians.get("base-c1") ? "faster" : "not faster");
            }
        }
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> phase) {
        return median(samples.stream().mapToDouble(phase).filter(d -> !Double.isNaN(d)).sorted().toArray());
    }

    /**
     * This work tree's launcher and {@code jar} installed as the tarball does, in a scratch prefix
     * ({@code usr/bin/jakamo-connector}, {@code usr/share/jakamo-connector/jakamo-connector.jar}); its cache, where the
     * archive goes, is {@code cache/} beside them.
     */
    private static Path installLauncher(Path jar) throws IOException {
        Path launcher = Path.of("bin/jakamo-connector").toAbsolutePath();
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " is missing: run the bench from the work tree's root, as "
                    + "bench/run does");
        }
        Path prefix = Files.createTempDirectory("bench-launcher-");
        Files.createDirectories(prefix.resolve("usr/bin"));
        Files.copy(launcher, prefix.resolve("usr/bin/jakamo-connector"));
        Files.createDirectories(prefix.resolve("usr/share/jakamo-connector"));
        Files.copy(jar, prefix.resolve("usr/share/jakamo-connector/jakamo-connector.jar"));
        return prefix;
    }

    private static String archives(Path cds) {
        if (!Files.isDirectory(cds)) {
            return "none";
        }
        try (var files = Files.list(cds)) {
            return files.map(f -> {
                try {
                    return Report.f("%s (%d MiB)", f.getFileName(), Files.size(f) >> 20);
                } catch (IOException e) {
                    return f.getFileName().toString();
                }
            }).sorted().toList().toString();
        } catch (IOException e) {
            return "none (" + cds + " unreadable: " + e.getMessage() + ")";
        }
    }

    static Sample start(Sandbox sandbox, Path jar, Path dir, List<String> flags, Duration idle) throws Exception {
        return start(sandbox, new Variant("training", "training", jar, flags), null, dir, idle);
    }

    /**
     * Starts {@code run} ({@code java -jar}, or through the launcher installed in {@code prefix}), times the first
     * poll, idles, reads the RSS and stops it with SIGTERM, timing the stop (a JVM writing its class-data archive
     * does so then).
     */
    static Sample start(Sandbox sandbox, Variant variant, Path prefix, Path dir, Duration idle) throws Exception {
        ConnectorConfigFiles files = sandbox.writeConnectorConfig(dir);
        Files.writeString(files.configFile(), Files.readString(files.configFile())
                + "\npolling: { inboundSeconds: 5, outboundSeconds: 5 }\nhealth: { port: 0 }\n");
        List<String> command = new ArrayList<>();
        if (variant.launcher() == Launcher.NONE) {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(variant.flags());
            command.addAll(List.of("-jar", variant.jar().toAbsolutePath().toString(), "run"));
        } else {
            command.addAll(List.of(prefix.resolve("usr/bin/jakamo-connector").toString(), "run"));
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.log").toFile()).redirectError(dir.resolve("stderr.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("JAKAMO_") || k.equals("JAVA_TOOL_OPTIONS"));
        pb.environment().put("JAKAMO_CONNECTOR_CONFIG", files.configFile().toString());
        if (variant.launcher() != Launcher.NONE) {
            // the launcher execs the JVM, so the process below is the JVM: its RSS, its SIGTERM
            pb.environment().remove("CACHE_DIRECTORY");
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            pb.environment().put("HOME", prefix.toString());
            pb.environment().put("XDG_CACHE_HOME", prefix.resolve("cache").toString());
            pb.environment().put("JAKAMO_CONNECTOR_JAVA_OPTS", String.join(" ", variant.flags()));
            pb.environment().put("JAKAMO_CONNECTOR_CDS", variant.launcher() == Launcher.CDS_ON ? "on" : "off");
        }
        long reads = sandbox.journal().count(Endpoint.QUEUE_READ);
        long began = System.nanoTime();
        java.time.Instant spawned = java.time.Instant.now();
        Process process = pb.start();
        try {
            long deadline = began + Duration.ofSeconds(120).toNanos();
            while (sandbox.journal().count(Endpoint.QUEUE_READ) == reads) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the connector did not poll (alive: " + process.isAlive()
                            + "); the end of its output:\n" + tail(dir.resolve("stdout.log")) + "\n"
                            + tail(dir.resolve("stderr.log")));
                }
                Thread.sleep(2);
            }
            double firstPoll = (System.nanoTime() - began) / 1e9;
            double cpuSeconds = cpuSeconds(process.toHandle());
            Thread.sleep(idle.toMillis());
            long rss = rssMiB(process.toHandle());
            String dataDir = dir.resolve("jakamo-data").toString();
            long postgres = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                    .map(c -> c.contains("postgres") && c.contains(dataDir)).orElse(false))
                    .mapToLong(ProcessFigures::rssMiB).sum();
            long stopping = System.nanoTime();
            process.toHandle().destroy();   // SIGTERM, as systemd stops it
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the connector did not stop within 60 s");
            }
            double stop = (System.nanoTime() - stopping) / 1e9;
            List<String> log = Files.readAllLines(dir.resolve("stderr.log"));
            return new Sample(firstPoll, rss, postgres, at(log, "migration(s) applied", spawned),
                    at(log, "service started", spawned), at(log, "acquired from identity_provider", spawned),
                    cpuSeconds, stop);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /** The last lines of a log, for an error message (the directory is deleted afterwards). */
    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return log + ": unreadable (" + e.getMessage() + ")";
        }
    }

    /** Seconds from {@code spawned} to the first log line containing {@code marker} (its leading timestamp). */
    private static double at(List<String> log, String marker, java.time.Instant spawned) {
        for (String line : log) {
            if (line.contains(marker)) {
                try {
                    java.time.Instant t = java.time.Instant.parse(line.substring(0, line.indexOf(' ')));
                    return java.time.Duration.between(spawned, t).toNanos() / 1e9;
                } catch (RuntimeException e) {
                    return Double.NaN;
                }
            }
        }
        return Double.NaN;
    }

    /** The CPU time (user and system) a process has used so far, in seconds; NaN where the system does not tell. */
    static double cpuSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** VmRSS from /proc/<pid>/status, in MiB; 0 for a process that is gone. */
    static long rssMiB(ProcessHandle process) {
        try (InputStream in = Files.newInputStream(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).split("\n")) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }
}
