package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.audit.AuditVerification;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figures for the README, not a test: append latency and throughput from 8 threads, verify and export rates. Runs on
 * the durable embedded database (fsync and synchronous_commit on, as the connector runs by default) and on the test
 * fixture's server (the embedded library's defaults: fsync off). Rerun with:
 * <pre>
 * ./mvnw -q -pl persistence test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.jakamoconnector.adapter.persistence.AuditTrailBenchmark [-Dexec.args="100000 20000"]
 * </pre>
 * The arguments are the events appended on the fixture's server and on the durable one.
 */
public final class AuditTrailBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrailBenchmark.class);
    private static final int THREADS = 8;

    private AuditTrailBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int fastEvents = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int durableEvents = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        Path keys = Files.createTempDirectory("bench-keys");
        AuditSigningKey key = AuditSigningKey.loadOrCreate(keys);

        Path data = Files.createTempDirectory("bench-embedded");
        try (EmbeddedPostgresDatabase durable = new EmbeddedPostgresDatabase(data, 0)) {
            durable.start();
            run("durable embedded (fsync on)", durable, key, durableEvents);
        }
        try (TestDatabase fixture = TestDatabase.create()) {
            run("test fixture " + TestDatabase.source() + " (fsync off)", fixture.database(), key, fastEvents);
        }
        System.exit(0);
    }

    private static void run(String name, PostgresDatabase database, AuditSigningKey key, int events)
            throws Exception {
        JdbiAuditTrailAdapter trail = new JdbiAuditTrailAdapter(database, key, Clock.systemUTC());
        for (int i = 0; i < 200; i++) {
            trail.append(AuditEvents.event(i));   // warm-up
        }
        long[] latencies = new long[events];
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        SyncStateIT.runConcurrently(THREADS, t -> {
            for (int i = next.getAndIncrement(); i < events; i = next.getAndIncrement()) {
                long before = System.nanoTime();
                trail.append(AuditEvents.event(1000L + i));
                latencies[i] = System.nanoTime() - before;
            }
        });
        double appendSeconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies);

        // each measured twice: the first run includes the JIT's warm-up, the second is the steady rate
        double[] verifySeconds = new double[2];
        AuditVerification verification = null;
        for (int round = 0; round < 2; round++) {
            started = System.nanoTime();
            verification = trail.verify();
            verifySeconds[round] = (System.nanoTime() - started) / 1e9;
        }
        double[] exportSeconds = new double[2];
        CountingSink sink = null;
        AuditExportSummary summary = null;
        for (int round = 0; round < 2; round++) {
            sink = new CountingSink();
            started = System.nanoTime();
            summary = trail.export(AuditExportFilter.everything(), sink);
            exportSeconds[round] = (System.nanoTime() - started) / 1e9;
        }

        long total = summary.events();
        LOG.info(String.format(Locale.ROOT, "%s: %d appends from %d threads: %.0f events/s, latency p50 %.2f ms, "
                        + "p99 %.2f ms, max %.2f ms", name, events, THREADS, events / appendSeconds,
                latencies[events / 2] / 1e6, latencies[(int) (events * 0.99)] / 1e6, latencies[events - 1] / 1e6));
        LOG.info(String.format(Locale.ROOT, "%s: verify %d events: %.0f events/s cold, %.0f events/s warm (%s)",
                name, total, total / verifySeconds[0], total / verifySeconds[1],
                verification.getClass().getSimpleName()));
        LOG.info(String.format(Locale.ROOT, "%s: export %d events: %.0f events/s cold, %.0f events/s warm "
                        + "(%.1f MB/s)", name, total, total / exportSeconds[0], total / exportSeconds[1],
                sink.bytes / exportSeconds[1] / 1e6));
    }

    private static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
