package io.jakamoconnector.bench;

import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesUseCase;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.port.out.QueueLeasePort;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Figure 5, the drain a customer feels: the connector's inbound path (as in {@link InboundDrainFigures}) draining a
 * backlog while the sandbox answers every Jakamo API call {@code latency} late ({@code Sandbox.apiLatency}: a WAN
 * round trip). A message takes at least two round trips (read it, acknowledge it), so the limit is
 * {@code 1 / (2 x latency)} messages/s, 10 at 50 ms; the figure is the drain rate as a share of that limit. The
 * warm-up runs without the latency, so class loading and the first token are not timed.
 */
final class WanFigures {
    static final double GOAL = 0.9;

    private WanFigures() {
    }

    static double limit(Duration latency) {
        return 1.0 / (2 * latency.toNanos() / 1e9);
    }

    static void run(Report report, ChildRuns runs, int backlog, int warmUp, Duration latency) throws Exception {
        Map<String, Measurements> byBuild = runs.run("wan", List.of("backlog=" + backlog, "warmUp=" + warmUp,
                "latencyMs=" + latency.toMillis()));
        double limit = limit(latency);
        byBuild.forEach((build, m) -> report.figure("5 wan", Report.f("drain of a %,d-message backlog, +%d ms per "
                        + "Jakamo call [%s]", backlog, latency.toMillis(), build),
                Report.f("connector %.2f messages/s", m.get("rate")),
                Report.f("limit of two round trips per message %.1f messages/s", limit), m.get("rate") / limit,
                ">= " + GOAL, m.get("rate") / limit >= GOAL ? "met" : "MISSED"));
        report.compare(Comparison.of(Report.f("WAN drain (+%d ms per Jakamo call, %,d messages) / limit of %.0f "
                        + "messages/s", latency.toMillis(), backlog, limit), "", byBuild,
                m -> m.get("rate") / limit, Comparison.Goal.atLeast(GOAL)));
    }

    /** In a child JVM: {@code rate}, messages/s with the latency on. */
    static Measurements measure(int backlog, int warmUp, Duration latency) throws Exception {
        try (Bed bed = new Bed("wan", "", Map.of()).start()) {
            ReceiveInboundMessagesUseCase receive = bed.get(ReceiveInboundMessagesUseCase.class);
            QueueLease lease = bed.get(QueueLeasePort.class).tryAcquire(Bed.INTEGRATION, "bench")
                    .orElseThrow(() -> new IllegalStateException("no queue lease"));
            InboundDrainFigures.enqueue(bed, "warm-w", warmUp);
            InboundDrainFigures.drainConnector(receive, lease, warmUp);

            bed.sandbox.apiLatency(latency);
            InboundDrainFigures.enqueue(bed, "w", backlog);
            long began = System.nanoTime();
            int delivered = InboundDrainFigures.drainConnector(receive, lease, backlog);
            double seconds = (System.nanoTime() - began) / 1e9;
            bed.sandbox.apiLatency(Duration.ZERO);
            lease.close();
            InboundDrainFigures.requireDelivered(bed, delivered, backlog, backlog + warmUp);
            return new Measurements().put("rate", delivered / seconds).put("seconds", seconds);
        }
    }
}
