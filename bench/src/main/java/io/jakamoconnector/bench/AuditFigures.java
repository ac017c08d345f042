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
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Figure 4, audit: append latency through the binding the connector's services use ({@code AuditTrailPort}: metered,
 * on the durable embedded PostgreSQL with fsync and synchronous commit on) from 8 threads, as 8 senders append; and
 * the rate of {@code verify} over the whole chain: the first call in this JVM (cold: the verify path never ran
 * here) and a third call (warm).
 */
final class AuditFigures {
    static final int THREADS = 8;
    static final double APPEND_P99_GOAL_MS = 5.0;
    static final double VERIFY_GOAL = 100_000;

    private AuditFigures() {
    }

    static void run(Report report, int events) throws Exception {
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
        }
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
