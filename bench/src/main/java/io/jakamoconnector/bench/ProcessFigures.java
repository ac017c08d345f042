package io.jakamoconnector.bench;

import io.jakamoconnector.sandbox.AppSpec;
import io.jakamoconnector.sandbox.ConnectorConfigFiles;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Figure 4, the process: {@code java -jar jakamo-connector.jar run} as its own process against the sandbox (which
 * runs here), with its embedded PostgreSQL. Time from spawning the process to the sandbox seeing the first queue read
 * (the first poll), for a first start (a new data directory: the database is created) and for restarts (the
 * normal case: the data directory exists); then VmRSS of the JVM from /proc after it has idled. Each JVM-flag variant
 * is measured in the same run, so their ratios compare like with like.
 */
final class ProcessFigures {
    static final double START_GOAL_SECONDS = 3.0;
    static final long RSS_GOAL_MIB = 256;

    /** A way to start the JVM: its name and the flags (what JAKAMO_CONNECTOR_JAVA_OPTS would hold). */
    record Variant(String name, List<String> flags) {
    }

    /** One start: seconds to the first poll, and to the log lines that mark start-up's phases (NaN: not seen). */
    record Sample(double firstPollSeconds, long rssMiB, long postgresRssMiB, double databaseReadySeconds,
                  double serviceStartedSeconds, double tokenSeconds) {
    }

    private ProcessFigures() {
    }

    static void run(Report report, Path jar, Path resultsDir, int restarts, Duration idle) throws Exception {
        Path cds = resultsDir.resolve("jakamo-connector.jsa");
        List<Variant> variants = List.of(
                new Variant("default", List.of()),
                new Variant("C1 only (-XX:TieredStopAtLevel=1)", List.of("-XX:TieredStopAtLevel=1")),
                new Variant("SerialGC", List.of("-XX:+UseSerialGC")),
                new Variant("AppCDS archive", List.of("-XX:SharedArchiveFile=" + cds)),
                new Variant("C1 only + AppCDS + SerialGC", List.of("-XX:TieredStopAtLevel=1",
                        "-XX:SharedArchiveFile=" + cds, "-XX:+UseSerialGC")));

        try (Sandbox sandbox = Sandbox.builder().start()) {
            sandbox.registerApp(AppSpec.orders("erp-orders").integration(Bed.ORDERS));
            // the archive of the classes a start-up loads, written when a training run exits
            Files.deleteIfExists(cds);
            Path training = Files.createTempDirectory("bench-cds-");
            start(sandbox, jar, training, List.of("-XX:ArchiveClassesAtExit=" + cds), Duration.ZERO);
            Bed.deleteQuietly(training);
            if (!Files.exists(cds)) {
                report.note("the AppCDS training run wrote no archive; the CDS variants ran without one");
            }

            double baselineRestart = Double.NaN;
            for (Variant variant : variants) {
                Path dir = Files.createTempDirectory("bench-process-");
                Sample first = start(sandbox, jar, dir, variant.flags(), idle);
                double[] restartSeconds = new double[restarts];
                Sample last = first;
                long[] rss = new long[restarts];
                long postgres = 0;
                for (int i = 0; i < restarts; i++) {
                    Sample s = start(sandbox, jar, dir, variant.flags(), idle);
                    restartSeconds[i] = s.firstPollSeconds();
                    rss[i] = s.rssMiB();
                    postgres = s.postgresRssMiB();
                    last = s;
                }
                Arrays.sort(restartSeconds);
                Arrays.sort(rss);
                double restart = restartSeconds[restarts / 2];
                long medianRss = rss[restarts / 2];
                if (Double.isNaN(baselineRestart)) {
                    baselineRestart = restart;
                }
                Bed.deleteQuietly(dir);
                report.figure("4 process", "start to first poll, restart (median of " + restarts + "), "
                                + variant.name(), Report.f("%.2f s (first start, new database: %.2f s)", restart,
                                first.firstPollSeconds()), Report.f("goal %.0f s", START_GOAL_SECONDS),
                        restart / START_GOAL_SECONDS, "<= 1.0", restart <= START_GOAL_SECONDS ? "met" : "MISSED");
                report.figure("4 process", "idle daemon RSS after " + idle.toSeconds() + " s, " + variant.name(),
                        Report.f("%d MiB JVM (embedded PostgreSQL processes, shared pages counted in each: %d MiB)", medianRss, postgres),
                        Report.f("goal %d MiB", RSS_GOAL_MIB), (double) medianRss / RSS_GOAL_MIB, "<= 1.0",
                        medianRss <= RSS_GOAL_MIB ? "met" : "MISSED");
                report.note(Report.f("%s, last restart's phases from spawn: database migrated and ready %.2f s, "
                                + "service started %.2f s, first token %.2f s, first poll %.2f s", variant.name(),
                        last.databaseReadySeconds(), last.serviceStartedSeconds(), last.tokenSeconds(),
                        last.firstPollSeconds()));
                if (!variant.flags().isEmpty()) {
                    report.note(Report.f("start to first poll, %s against default: %.2f", variant.name(),
                            restart / baselineRestart));
                }
            }
        }
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
                    at(log, "service started", spawned), at(log, "acquired from identity_provider", spawned));
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
