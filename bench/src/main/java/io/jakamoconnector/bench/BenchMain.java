package io.jakamoconnector.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of issues #8 and #21 in one invocation, one after the other, and writes the figures, each as a
 * ratio against the limit or the alternative measured in the same run, and each build's figure beside the baseline's,
 * to {@code results.md}, {@code results.tsv} and {@code comparison.tsv}. {@code bench/run} builds what it needs and
 * starts this; the arguments are {@link BenchOptions}'. The sections inbound, outbound, audit and wan measure in child
 * JVMs, one per build ({@code --jar}: after, {@code --baseline-jar}: before) and round ({@link ChildRuns}); process
 * starts each build's jar as the daemon; token and jmh measure this work tree's build in this JVM.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        boolean quick = o.quick();
        Report report = new Report(o.results(), System.out);
        report.note("run started " + Instant.now() + "; " + machine());
        report.note("builds: " + o.builds().stream().map(b -> b.label() + " " + b.jar()).toList() + "; "
                + o.rounds() + " round(s) per build in the sections run in child JVMs");
        ChildRuns runs = null;
        for (String section : o.only()) {
            long began = System.nanoTime();
            if (runs == null && List.of("inbound", "outbound", "audit", "wan").contains(section)) {
                runs = new ChildRuns(o.builds(), o.rounds(), o.results().resolve("children"), report);
            }
            switch (section) {
                case "token" -> TokenFigures.run(report, quick ? 50 : 1000, quick ? 2 : 10);
                case "jmh" -> cachedToken(report, o.results(), quick);
                case "inbound" -> InboundDrainFigures.run(report, runs, o.inboundBacklogOrDefault(),
                        quick ? 50 : 500);
                case "outbound" -> OutboundFigures.run(report, runs, quick ? 80 : 400, quick ? 20 : 100);
                case "audit" -> AuditFigures.run(report, runs, o.auditEventsOrDefault(), quick ? 1 : 3);
                case "wan" -> WanFigures.run(report, runs, o.wanBacklogOrDefault(), quick ? 20 : 100,
                        o.apiLatency());
                case "process" -> ProcessFigures.run(report, o.jar(), o.baselineJar(), o.results(),
                        o.restarts() != null ? o.restarts() : quick ? 1 : 2, Duration.ofSeconds(quick ? 3 : 10),
                        o.processVariants(), o.tokenLatency());
                default -> throw new IllegalArgumentException("unknown section " + section);
            }
            report.note(Report.f("section %s took %.0f s; load average now %s", section,
                    (System.nanoTime() - began) / 1e9, loadAverage()));
        }
        report.note("run ended " + Instant.now() + "; " + machine());
        System.exit(0);   // the embedded servers' and HTTP clients' threads are not ours to wait for
    }

    /** The cached {@code token()} with JMH (sample mode, one fork), its p50 and p99 against one token request. */
    private static void cachedToken(Report report, Path results, boolean quick) throws Exception {
        Options options = new OptionsBuilder()
                .include(CachedTokenBenchmark.class.getName())
                .forks(1)
                .threads(1)
                .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 1 : 5).measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .result(results.resolve("jmh-cached-token.json").toString())
                .resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON)
                .build();
        Collection<RunResult> run = new Runner(options).run();
        RunResult result = run.iterator().next();
        var stats = result.getPrimaryResult().getStatistics();
        double p50 = stats.getPercentile(50.0);
        double p99 = stats.getPercentile(99.0);
        double request = TokenFigures.singleRequestNanos;
        report.figure("1 token", "cached token() cost, JMH sample mode (p50; p99)",
                Report.f("p50 %.0f ns; p99 %.0f ns", p50, p99),
                Double.isNaN(request) ? "one token request (run the token section first)"
                        : Report.f("one token request p50 %.2f ms", request / 1e6),
                request / p50, "", "");
    }

    static String machine() {
        return "nproc " + Runtime.getRuntime().availableProcessors() + ", memory " + memory() + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", load average "
                + loadAverage();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
