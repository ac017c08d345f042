package io.jakamoconnector.bench;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.model.audit.CorrelationId;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figure 4, audit: append latency through the binding the connector's services use ({@code AuditTrailPort}: metered,
 * on the durable embedded PostgreSQL with fsync and synchronous commit on) from 8 threads, as 8 senders append; and
 * the rate of {@code verify} over the whole chain: the first call in this JVM (cold: the verify path never ran
 * here) and a third call (warm); then {@code audit verify} as a command in its own JVM, with the JVM's defaults and
 * with C1 only, over the same chain. Measured in a child JVM per build ({@link ChildRuns}), the command with that
 * build's jar.
 */
final class AuditFigures {
    static final int THREADS = 8;
    static final double APPEND_P99_GOAL_MS = 5.0;
    static final double VERIFY_GOAL = 100_000;

    private AuditFigures() {
    }

    /** The figures in the harness: each build measured in child JVMs, then the before/after rows. */
    static void run(Report report, ChildRuns runs, int events, int commandRounds) throws Exception {
        Map<String, Measurements> byBuild = runs.run("audit", List.of("events=" + events,
                "commandRounds=" + commandRounds));
        byBuild.forEach((build, m) -> {
            double p99 = m.get("appendP99Ms");
            report.figure("4 audit", Report.f("append p99, %d threads, fsync on (%,d events, %.0f events/s, p50 "
                            + "%.2f ms) [%s]", THREADS, events, m.get("appendRate"), m.get("appendP50Ms"), build),
                    Report.f("p99 %.2f ms", p99), Report.f("goal %.0f ms", APPEND_P99_GOAL_MS),
                    p99 / APPEND_P99_GOAL_MS, "<= 1.0 (p99 < 5 ms)", p99 < APPEND_P99_GOAL_MS ? "met" : "MISSED");
            long total = Math.round(m.get("verifyEvents"));
            for (String[] kind : new String[][] {{"verifyCold", "verify, cold (first call in the JVM)"},
                    {"verifyWarm", "verify, warm (third call)"},
                    {"commandDefault", "audit verify command, own JVM, default JVM"},
                    {"commandC1", "audit verify command, own JVM, C1 only"}}) {
                double rate = m.get(kind[0]);
                report.figure("4 audit", Report.f("%s, %,d events [%s]", kind[1], total, build),
                        Report.f("%,.0f events/s", rate), Report.f("goal %,.0f events/s", VERIFY_GOAL),
                        rate / VERIFY_GOAL, ">= 1.0", rate >= VERIFY_GOAL ? "met" : "MISSED");
            }
            report.note(Report.f("audit verify command [%s]: whole command's wall time %.2f s (default JVM), "
                    + "%.2f s (C1 only)", build, m.get("commandDefaultWall"), m.get("commandC1Wall")));
        });
        report.compare(Comparison.of(Report.f("audit append p99, %d threads, fsync on (%,d events)", THREADS, events),
                "ms", byBuild, m -> m.get("appendP99Ms"), Comparison.Goal.atMost(APPEND_P99_GOAL_MS)));
        report.compare(Comparison.of("audit append p50, " + THREADS + " threads", "ms", byBuild,
                m -> m.get("appendP50Ms"), Comparison.Goal.NONE));
        report.compare(Comparison.of("audit verify, cold, in the connector's JVM (first call)", "events/s", byBuild,
                m -> m.get("verifyCold"), Comparison.Goal.atLeast(VERIFY_GOAL)));
        report.compare(Comparison.of("audit verify, warm (third call)", "events/s", byBuild,
                m -> m.get("verifyWarm"), Comparison.Goal.atLeast(VERIFY_GOAL)));
        report.compare(Comparison.of("audit verify command, own JVM, default flags", "events/s", byBuild,
                m -> m.get("commandDefault"), Comparison.Goal.atLeast(VERIFY_GOAL)));
    }

    /**
     * In a child JVM: the appends from 8 threads ({@code appendP50Ms}, {@code appendP99Ms}, {@code appendRate}), the
     * verify rates in this JVM ({@code verifyCold}: the first call, {@code verifyWarm}: the third; {@code
     * verifyEvents}), then {@code audit verify} as a command of {@code jar} over the same chain ({@code
     * commandDefault}, {@code commandC1} and their wall times).
     */
    static Measurements measure(int events, Path jar, int rounds) throws Exception {
        Measurements m = new Measurements();
        try (Bed bed = new Bed("audit", "", Map.of()).start()) {
            AuditTrailPort trail = bed.get(AuditTrailPort.class);
            for (int i = 0; i < 200; i++) {
                trail.append(event(-1 - i));   // warm-up
            }
            long[] nanos = new long[events];
            AtomicInteger next = new AtomicInteger();
            Thread[] threads = new Thread[THREADS];
            RuntimeException[] failure = new RuntimeException[1];
            long began = System.nanoTime();
            for (int t = 0; t < THREADS; t++) {
                threads[t] = new Thread(() -> {
                    try {
                        for (int i = next.getAndIncrement(); i < events; i = next.getAndIncrement()) {
                            long before = System.nanoTime();
                            trail.append(event(i));
                            nanos[i] = System.nanoTime() - before;
                        }
                    } catch (RuntimeException e) {
                        failure[0] = e;
                    }
                }, "append-" + t);
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            if (failure[0] != null) {
                throw failure[0];
            }
            double appendSeconds = (System.nanoTime() - began) / 1e9;
            m.put("appendP50Ms", TokenFigures.percentile(nanos, 50) / 1e6)
                    .put("appendP99Ms", TokenFigures.percentile(nanos, 99) / 1e6)
                    .put("appendRate", events / appendSeconds);

            double[] rates = new double[3];
            long total = 0;
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                AuditVerification v = trail.verify();
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (!(v instanceof AuditVerification.Intact intact)) {
                    throw new IllegalStateException("the chain does not verify: " + v);
                }
                total = intact.events();
                rates[round] = total / seconds;
            }
            m.put("verifyCold", rates[0]).put("verifyWarm", rates[2]).put("verifyEvents", total);

            bed.stopConnector();   // the command below starts the same embedded database in its own process
            commandVerify(m, bed, jar, rounds);
        }
        return m;
    }

    /**
     * The same chain verified as an operator does it, {@code jakamo-connector audit verify} in a JVM of its own, with
     * the JVM's defaults and with C1 only ({@code -XX:TieredStopAtLevel=1}, what would make start-up faster),
     * alternating round by round so a change of the machine's load falls on both. The rate is the command's own
     * timing of the verification (it prints it); the whole command's wall time is kept beside it.
     */
    private static void commandVerify(Measurements m, Bed bed, Path jar, int rounds) throws Exception {
        List<String> c1 = List.of("-XX:TieredStopAtLevel=1");
        List<Double> defaultRates = new ArrayList<>();
        List<Double> c1Rates = new ArrayList<>();
        List<Double> defaultWall = new ArrayList<>();
        List<Double> c1Wall = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (boolean onlyC1 : new boolean[] {false, true}) {
                long began = System.nanoTime();
                Matcher verified = verifyOnce(bed, jar, onlyC1 ? c1 : List.of());
                double wall = (System.nanoTime() - began) / 1e9;
                long events = Long.parseLong(verified.group(1));
                double rate = events / (Math.max(1, Long.parseLong(verified.group(2))) / 1000.0);
                (onlyC1 ? c1Rates : defaultRates).add(rate);
                (onlyC1 ? c1Wall : defaultWall).add(wall);
            }
        }
        m.put("commandDefault", Measurements.median(defaultRates)).put("commandC1", Measurements.median(c1Rates))
                .put("commandDefaultWall", Measurements.median(defaultWall))
                .put("commandC1Wall", Measurements.median(c1Wall));
    }

    private static final Pattern INTACT = Pattern.compile("audit trail intact: (\\d+) events .* in (\\d+) ms");

    private static Matcher verifyOnce(Bed bed, Path jar, List<String> flags) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(flags);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--config",
                bed.files.configFile().toAbsolutePath().toString(), "audit", "verify"));
        Path output = Files.createTempFile(bed.dir, "verify-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(bed.dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("JAKAMO_") || k.equals("JAVA_TOOL_OPTIONS"));
        Process process = pb.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("audit verify did not end within 10 minutes; see " + output);
        }
        String said = Files.readString(output);
        Matcher m = INTACT.matcher(said);
        if (process.exitValue() != 0 || !m.find()) {
            throw new IllegalStateException("audit verify " + flags + " exited " + process.exitValue() + ": " + said);
        }
        return m;
    }

    /** An event the size of a real one: a business key, a file name, a document hash and a correlation id. */
    private static AuditEvent event(long n) {
        return AuditEvent.builder(AuditAction.DOCUMENT_SENT, AuditOutcome.OK)
                .at(Instant.now()).node("bench").actor("connector")
                .integration(Bed.INTEGRATION).businessKey(new BusinessKey("PO-" + n)).fileName("PO-" + n + ".xml")
                .sha256(Sha256.of(("document " + n).getBytes(StandardCharsets.UTF_8)))
                .correlationId(new CorrelationId("bench-" + n)).durationMillis(n % 300).attempt(1)
                .build();
    }
}
