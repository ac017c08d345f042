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
 * with C1 only, over the same chain.
 */
final class AuditFigures {
    static final int THREADS = 8;
    static final double APPEND_P99_GOAL_MS = 5.0;
    static final double VERIFY_GOAL = 100_000;

    private AuditFigures() {
    }

    static void run(Report report, int events, Path jar, int rounds) throws Exception {
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
            double p50 = TokenFigures.percentile(nanos, 50) / 1e6;
            double p99 = TokenFigures.percentile(nanos, 99) / 1e6;
            report.figure("4 audit", Report.f("append p99, %d threads, fsync on (%,d events, %.0f events/s, p50 %.2f ms)",
                            THREADS, events, events / appendSeconds, p50),
                    Report.f("p99 %.2f ms", p99), Report.f("goal %.0f ms", APPEND_P99_GOAL_MS),
                    p99 / APPEND_P99_GOAL_MS, "<= 1.0 (p99 < 5 ms)", p99 < APPEND_P99_GOAL_MS ? "met" : "MISSED");

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
            report.figure("4 audit", Report.f("verify, cold (first call in the JVM), %,d events", total),
                    Report.f("%,.0f events/s", rates[0]), Report.f("goal %,.0f events/s", VERIFY_GOAL),
                    rates[0] / VERIFY_GOAL, ">= 1.0", rates[0] >= VERIFY_GOAL ? "met" : "MISSED");
            report.figure("4 audit", Report.f("verify, warm (third call), %,d events", total),
                    Report.f("%,.0f events/s", rates[2]), Report.f("goal %,.0f events/s", VERIFY_GOAL),
                    rates[2] / VERIFY_GOAL, ">= 1.0", rates[2] >= VERIFY_GOAL ? "met" : "MISSED");

            bed.stopConnector();   // the command below starts the same embedded database in its own process
            commandVerify(report, bed, jar, rounds);
        }
    }

    /**
     * The same chain verified as an operator does it, {@code jakamo-connector audit verify} in a JVM of its own, with
     * the JVM's defaults and with C1 only ({@code -XX:TieredStopAtLevel=1}, what would make start-up faster),
     * alternating round by round so a change of the machine's load falls on both. The rate is the command's own
     * timing of the verification (it prints it); the whole command's wall time is reported beside it.
     */
    private static void commandVerify(Report report, Bed bed, Path jar, int rounds) throws Exception {
        List<String> c1 = List.of("-XX:TieredStopAtLevel=1");
        List<Double> defaultRates = new ArrayList<>();
        List<Double> c1Rates = new ArrayList<>();
        List<Double> defaultWall = new ArrayList<>();
        List<Double> c1Wall = new ArrayList<>();
        long events = 0;
        for (int round = 0; round < rounds; round++) {
            for (boolean onlyC1 : new boolean[] {false, true}) {
                long began = System.nanoTime();
                Matcher verified = verifyOnce(bed, jar, onlyC1 ? c1 : List.of());
                double wall = (System.nanoTime() - began) / 1e9;
                events = Long.parseLong(verified.group(1));
                double rate = events / (Math.max(1, Long.parseLong(verified.group(2))) / 1000.0);
                (onlyC1 ? c1Rates : defaultRates).add(rate);
                (onlyC1 ? c1Wall : defaultWall).add(wall);
            }
        }
        double defaultRate = median(defaultRates);
        double c1Rate = median(c1Rates);
        report.figure("4 audit", Report.f("audit verify command, own JVM, default JVM (median of %d), %,d events",
                        rounds, events), Report.f("%,.0f events/s (command %.2f s)", defaultRate,
                        median(defaultWall)), Report.f("goal %,.0f events/s", VERIFY_GOAL), defaultRate / VERIFY_GOAL,
                ">= 1.0", defaultRate >= VERIFY_GOAL ? "met" : "MISSED");
        report.figure("4 audit", Report.f("audit verify command, own JVM, C1 only (median of %d), %,d events",
                        rounds, events), Report.f("%,.0f events/s (command %.2f s)", c1Rate, median(c1Wall)),
                Report.f("goal %,.0f events/s", VERIFY_GOAL), c1Rate / VERIFY_GOAL, ">= 1.0",
                c1Rate >= VERIFY_GOAL ? "met" : "MISSED");
        report.note(Report.f("audit verify, C1 only against the default JVM: verify rate %.2f, whole command's wall "
                        + "time %.2f (rates default %s, C1 %s)", c1Rate / defaultRate, median(c1Wall) / median(defaultWall),
                defaultRates.stream().map(r -> Report.f("%,.0f", r)).toList(),
                c1Rates.stream().map(r -> Report.f("%,.0f", r)).toList()));
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

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
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
