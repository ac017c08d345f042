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

    /** A way to start the JVM: its key, its name, the jar it runs and the flags (what JAKAMO_CONNECTOR_JAVA_OPTS would hold). */
    record Variant(String key, String name, Path jar, List<String> flags) {
    }

    /**
     * One start: seconds to the first poll, and to the log lines that mark start-up's phases (NaN: not seen); and the
     * CPU seconds the connector's JVM had used when the first poll was seen, which the machine's load does not stretch
     * as it stretches the wall clock (NaN: not readable).
     */
    record Sample(double firstPollSeconds, long rssMiB, long postgresRssMiB, double databaseReadySeconds,
                  double serviceStartedSeconds, double tokenSeconds, double cpuSeconds) {
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
                        "-XX:SharedArchiveFile=" + cds, "-XX:+UseSerialGC"))));
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
            Map<Variant, Sample> firsts = new LinkedHashMap<>();
            Map<Variant, List<Sample>> samples = new LinkedHashMap<>();
            try {
                for (Variant variant : variants) {
                    Path dir = Files.createTempDirectory("bench-process-");
                    dirs.put(variant, dir);
                    firsts.put(variant, start(sandbox, variant.jar(), dir, variant.flags(), idle));
                    samples.put(variant, new ArrayList<>());
                }
                for (int i = 0; i < restarts; i++) {
                    for (Variant variant : variants) {
                        samples.get(variant).add(start(sandbox, variant.jar(), dirs.get(variant), variant.flags(),
                                idle));
                    }
                }
            } finally {
                dirs.values().forEach(Bed::deleteQuietly);
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

    /** Starts {@code run}, times the first poll, idles, reads the RSS and stops it with SIGTERM. */
    static Sample start(Sandbox sandbox, Path jar, Path dir, List<String> flags, Duration idle) throws Exception {
        ConnectorConfigFiles files = sandbox.writeConnectorConfig(dir);
        Files.writeString(files.configFile(), Files.readString(files.configFile())
                + "\npolling: { inboundSeconds: 5, outboundSeconds: 5 }\nhealth: { port: 0 }\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(flags);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "run"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.log").toFile()).redirectError(dir.resolve("stderr.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("JAKAMO_") || k.equals("JAVA_TOOL_OPTIONS"));
        pb.environment().put("JAKAMO_CONNECTOR_CONFIG", files.configFile().toString());
        long reads = sandbox.journal().count(Endpoint.QUEUE_READ);
        long began = System.nanoTime();
        java.time.Instant spawned = java.time.Instant.now();
        Process process = pb.start();
        try {
            long deadline = began + Duration.ofSeconds(120).toNanos();
            while (sandbox.journal().count(Endpoint.QUEUE_READ) == reads) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the connector did not poll (alive: " + process.isAlive()
                            + "); see " + dir.resolve("stderr.log"));
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
            process.toHandle().destroy();   // SIGTERM, as systemd stops it
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the connector did not stop within 60 s");
            }
            List<String> log = Files.readAllLines(dir.resolve("stderr.log"));
            return new Sample(firstPoll, rss, postgres, at(log, "migration(s) applied", spawned),
                    at(log, "service started", spawned), at(log, "acquired from identity_provider", spawned),
                    cpuSeconds);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
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
