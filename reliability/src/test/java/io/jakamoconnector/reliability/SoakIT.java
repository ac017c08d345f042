package io.jakamoconnector.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.Fault;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A soak at 10× a busy customer's rate with faults on. A busy customer (docs/reliability.md) exchanges 2,000
 * documents a day each way; 10× is 20,000 a day each way, one supplier answer queued and one Order dropped every
 * 4.32 s. Faults all along: 5% of queue reads reset, 5% of acknowledgements cut mid-way, 5% of posts answered 503 and
 * 2% of token requests 503, and the database's connections reset every 45 s. Every 5 s the sampler records heap after
 * GC, live threads, the connector's PostgreSQL connections ({@code pg_stat_activity}) and open file handles
 * ({@code /proc/self/fd}); after a warm-up (the first fifth), the last quarter's mean may exceed the first's by under
 * 10% (a leak grows; pools shrinking after a database reset are no leak, so a fall is reported, not failed).
 * CI runs 2 minutes; {@code -Dreliability.full=true} runs 30.
 */
class SoakIT {
    private static final Logger LOG = LoggerFactory.getLogger(SoakIT.class);
    private static final Duration RUN = FaultBed.FULL ? Duration.ofMinutes(30) : Duration.ofMinutes(2);
    private static final long EVERY_MILLIS = 86_400_000L / 20_000;   // 10 × 2,000 a day, each way
    private static final long SAMPLE_MILLIS = 5_000;

    @TempDir
    Path dir;

    record Sample(long heap, int threads, long connections, long fds) {
    }

    @Test
    void resourcesStayFlatAndNothingIsLostUnderFaults() throws Exception {
        try (FaultBed bed = FaultBed.create(dir, 5)) {
            bed.logs.close();   // keeping every log line would be a leak of the test's own
            bed.sandbox.faults().withProbability(0.05, Endpoint.QUEUE_READ, Fault.connectionReset());
            bed.sandbox.faults().withProbability(0.05, Endpoint.QUEUE_ACK, Fault.truncatedBody());
            bed.sandbox.faults().withProbability(0.05, Endpoint.ORDER_POST, Fault.serverError(503));
            bed.sandbox.faults().withProbability(0.02, Endpoint.TOKEN, Fault.serverError(503));
            List<String> inbound = new ArrayList<>();
            List<String> outbound = new ArrayList<>();
            Set<String> accepted = new HashSet<>();
            List<Sample> samples = new ArrayList<>();
            long started = System.nanoTime();
            try (FaultBed.Connector connector = bed.start()) {
                long nextDoc = 0;
                long nextSample = 0;
                long nextReset = 45_000;
                int n = 0;
                while (true) {
                    long now = (System.nanoTime() - started) / 1_000_000;
                    if (now >= RUN.toMillis()) {
                        break;
                    }
                    if (now >= nextDoc) {
                        n++;
                        inbound.addAll(bed.enqueueResponses("S" + n, 1));
                        outbound.addAll(bed.dropOrders("S" + n, 1));
                        nextDoc += EVERY_MILLIS;
                    }
                    if (now >= nextReset) {
                        bed.dbProxy.resetAll();
                        nextReset += 45_000;
                    }
                    if (now >= nextSample) {
                        // the sandbox's journal grows with every request: fold it into a set and empty it
                        bed.sandbox.journal().documents().forEach(d -> accepted.add(d.documentNumber()));
                        bed.sandbox.journal().clear();
                        samples.add(sample(bed));
                        nextSample += SAMPLE_MILLIS;
                    }
                    Thread.sleep(100);
                }
                bed.sandbox.faults().clear();
                FaultBed.await(Duration.ofSeconds(90), () -> {
                    bed.sandbox.journal().documents().forEach(d -> accepted.add(d.documentNumber()));
                    try {
                        Map<String, String> states = bed.outboundStates();
                        return bed.sandbox.jakamo().queue(FaultBed.ORDERS).isEmpty() && outbound.stream()
                                .allMatch(o -> "SENT".equals(states.get(o)) || "IN_DOUBT".equals(states.get(o)));
                    } catch (Exception e) {
                        return false;
                    }
                });
            }
            Map<String, String> states = bed.outboundStates();
            Set<String> acknowledged = new HashSet<>();
            bed.inboundRows().stream().filter(r -> r.state().endsWith("ACKNOWLEDGED"))
                    .forEach(r -> acknowledged.add(r.businessKey()));
            long lostIn = inbound.stream().filter(i -> !acknowledged.contains(i)).count();
            long inDoubt = outbound.stream().filter(o -> "IN_DOUBT".equals(states.get(o))).count();
            long lostOut = outbound.stream().filter(o -> !accepted.contains(o) && !"IN_DOUBT".equals(states.get(o)))
                    .count();

            int warm = samples.size() / 5;
            List<Sample> steady = samples.subList(warm, samples.size());
            int quarter = Math.max(1, steady.size() / 4);
            List<Sample> first = steady.subList(0, quarter);
            List<Sample> last = steady.subList(steady.size() - quarter, steady.size());
            double heap = drift(first.stream().mapToLong(Sample::heap).average().orElseThrow(),
                    last.stream().mapToLong(Sample::heap).average().orElseThrow());
            double threads = drift(first.stream().mapToInt(Sample::threads).average().orElseThrow(),
                    last.stream().mapToInt(Sample::threads).average().orElseThrow());
            double connections = drift(first.stream().mapToLong(Sample::connections).average().orElseThrow(),
                    last.stream().mapToLong(Sample::connections).average().orElseThrow());
            double fds = drift(first.stream().mapToLong(Sample::fds).average().orElseThrow(),
                    last.stream().mapToLong(Sample::fds).average().orElseThrow());
            StringBuilder report = new StringBuilder();
            report.append(String.format("soak %d s at one document each way every %.2f s: %d in, %d out; lost in %d,"
                            + " lost out %d, in doubt (flagged) %d%n", RUN.toSeconds(), EVERY_MILLIS / 1000.0,
                    inbound.size(), outbound.size(), lostIn, lostOut, inDoubt));
            report.append(String.format("drift first→last quarter after warm-up (%d samples each): heap %+.1f%%,"
                    + " threads %+.1f%%, db connections %+.1f%%, file handles %+.1f%%%n", quarter, heap * 100,
                    threads * 100, connections * 100, fds * 100));
            report.append("t(s)  heapMB threads dbconn fds\n");
            for (int i = 0; i < samples.size(); i++) {
                Sample s = samples.get(i);
                report.append(String.format("%4d %7.1f %7d %6d %4d%n", i * SAMPLE_MILLIS / 1000,
                        s.heap() / 1048576.0, s.threads(), s.connections(), s.fds()));
            }
            FaultBed.writeResult("soak.txt", report.toString());
            LOG.info("soak:\n{}", report);

            assertThat(samples.size()).isGreaterThanOrEqualTo(20);
            assertThat(lostIn).isZero();
            assertThat(lostOut).isZero();
            // a leak grows; a fall is pools shrinking after the database resets, so only growth is held to 10%
            assertThat(heap).as("heap growth").isLessThan(0.10);
            assertThat(threads).as("thread growth").isLessThan(0.10);
            assertThat(connections).as("connection growth").isLessThan(0.10);
            assertThat(fds).as("file handle growth").isLessThan(0.10);
        }
    }

    private static double drift(double first, double last) {
        return first == 0 ? (last == 0 ? 0 : 1) : (last - first) / first;
    }

    private static Sample sample(FaultBed bed) throws Exception {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        long connections = bed.scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND pid <> pg_backend_pid()");
        return new Sample(heap, threads, connections, openFiles());
    }

    private static long openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
