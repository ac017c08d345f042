package io.jakamoconnector.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of issue #8 in one process, one after the other, and writes the figures, each as a ratio
 * against the limit or the alternative measured in the same run, to {@code results.md} and {@code results.tsv}.
 * {@code bench/run} builds what it needs and starts this. Arguments: {@code --results DIR}, {@code --jar
 * app/target/jakamo-connector.jar}, {@code --only token,jmh,inbound,outbound,audit,process}, {@code --quick} (small
 * sizes, to try the harness, not for figures), {@code --baseline-jar FILE} (another build of the connector, started
 * side by side with {@code --jar} in the process section), {@code --restarts N} (restarts per process variant, 2 by
 * default), {@code --process-variants default,c1,...} (some of the process section's variants), {@code
 * --token-latency-ms N} (the sandbox answers token requests that much later in the process section).
 */
public final class BenchMain {
    private static final List<String> ALL = List.of("token", "jmh", "inbound", "outbound", "audit", "process");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of("bench/target/results");
        Path jar = Path.of("app/target/jakamo-connector.jar");
        Set<String> only = new LinkedHashSet<>(ALL);
        boolean quick = false;
        Path baselineJar = null;
        Integer restarts = null;
        Set<String> processVariants = Set.of();
        Duration tokenLatency = Duration.ZERO;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--results" -> results = Path.of(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                case "--only" -> only = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
                case "--quick" -> quick = true;
                case "--baseline-jar" -> baselineJar = Path.of(args[++i]);
                case "--restarts" -> restarts = Integer.parseInt(args[++i]);
                case "--process-variants" -> processVariants = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
                case "--token-latency-ms" -> tokenLatency = Duration.ofMillis(Long.parseLong(args[++i]));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --results DIR, --jar FILE, --only " + String.join(",", ALL) + ", --quick, "
                        + "--baseline-jar FILE, --restarts N, --process-variants default,c1,serial,cds,combined,"
                        + "base-default,base-c1, --token-latency-ms N");
            }
        }
        Report report = new Report(results, System.out);
        report.note("run started " + Instant.now() + "; " + machine());
        for (String section : only) {
            long began = System.nanoTime();
            switch (section) {
                case "token" -> TokenFigures.run(report, quick ? 50 : 1000, quick ? 2 : 10);
                case "jmh" -> cachedToken(report, results, quick);
                case "inbound" -> InboundDrainFigures.run(report, quick ? 500 : 10_000, quick ? 50 : 500);
                case "outbound" -> OutboundFigures.run(report, quick ? 80 : 400, quick ? 20 : 100);
                case "audit" -> AuditFigures.run(report, quick ? 2_000 : 30_000, jar, quick ? 1 : 3);
                case "process" -> ProcessFigures.run(report, jar, baselineJar, results,
                        restarts != null ? restarts : quick ? 1 : 2, Duration.ofSeconds(quick ? 3 : 10),
                        processVariants, tokenLatency);
                default -> throw new IllegalArgumentException("unknown section " + section + "; one of " + ALL);
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
