package io.jakamoconnector.bench;

import io.jakamoconnector.app.daemon.OneShotSync;
import io.jakamoconnector.app.daemon.SyncProgress;
import io.jakamoconnector.app.daemon.SyncSummary;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsCommand;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsResult;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsUseCase;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.Fault;
import io.jakamoconnector.sandbox.SupplierReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Figure 3: documents/s through the connector's outbound path with 100 ms of latency added by the sandbox to every
 * Order post, at the configured concurrency ({@code polling.senders: 8}) against a sequential sender, the design of
 * Jakamo's own connector ({@code polling.senders: 1}: the same code, one document at a time). Each arm has its own
 * sandbox and database; the files are picked up (read and recorded) before the clock starts, so the figure is the
 * sending: claim, post, record the outcome, archive the file.
 */
final class OutboundFigures {
    static final Duration LATENCY = Duration.ofMillis(100);
    /** What one pick-up records at most ({@code OutboundLoop.PICK_UP_BATCH}). */
    static final int BATCH = 100;

    private OutboundFigures() {
    }

    static void run(Report report, ChildRuns runs, int concurrentDocuments, int sequentialDocuments)
            throws Exception {
        Map<String, Measurements> byBuild = runs.run("outbound", List.of("concurrent=" + concurrentDocuments,
                "sequential=" + sequentialDocuments));
        byBuild.forEach((build, m) -> {
            double ratio = m.get("senders8") / m.get("senders1");
            report.figure("3 outbound", "documents/s with +100 ms per post [" + build + "]",
                    Report.f("senders 8: %.1f documents/s", m.get("senders8")),
                    Report.f("sequential: %.1f documents/s (ideal %.1f)", m.get("senders1"),
                            1000.0 / LATENCY.toMillis()), ratio, ">= 6 at 8", ratio >= 6 ? "met" : "MISSED");
        });
        report.compare(Comparison.of("outbound documents/s with +100 ms per post, 8 senders / 1 sender", "",
                byBuild, m -> m.get("senders8") / m.get("senders1"), Comparison.Goal.atLeast(6)));
    }

    /** In a child JVM: {@code senders1} and {@code senders8}, documents/s, each arm on its own sandbox and database. */
    static Measurements measure(int concurrentDocuments, int sequentialDocuments) throws Exception {
        double sequential = documentsPerSecond(1, sequentialDocuments);
        double concurrent = documentsPerSecond(8, concurrentDocuments);
        return new Measurements().put("senders1", sequential).put("senders8", concurrent);
    }

    private static double documentsPerSecond(int senders, int documents) throws Exception {
        try (Bed bed = new Bed("outbound-" + senders, "polling: { senders: " + senders + " }\n",
                Map.of("JAKAMO_CONNECTOR_INTEGRATIONS_ORDERS_FOLDERS_STABLESECONDS", "1")).start()) {
            bed.sandbox.jakamo().supplierReply(SupplierReply.NONE);
            // warm-up: a few documents without latency, so class loading and the first token are not timed
            drop(bed, "w" + senders, 2 * senders);
            pickUpAll(bed, 2 * senders);
            sync(bed);

            bed.sandbox.faults().always(Endpoint.ORDER_POST, Fault.latency(LATENCY));
            // the folder adapter offers the first 100 files until they are archived, so a round records at most 100:
            // the documents go in rounds of one pick-up batch each, and only the sending is timed
            double seconds = 0;
            int sent = 0;
            for (int round = 0; round * BATCH < documents; round++) {
                int count = Math.min(BATCH, documents - round * BATCH);
                drop(bed, "b" + senders + "r" + round, count);
                pickUpAll(bed, count);
                long began = System.nanoTime();
                long[] outboundEnded = {0};
                SyncSummary summary = bed.get(OneShotSync.class).run(bed.config.integrations(),
                        new OutboundEnd(outboundEnded), () -> false);
                seconds += (outboundEnded[0] - began) / 1e9;
                sent += summary.integrations().get(0).sent().sent();
            }
            int accepted = bed.sandbox.journal().documents(Bed.ORDERS).size();
            if (sent != documents || accepted != documents + 2 * senders) {
                throw new IllegalStateException("senders " + senders + ": sent " + sent + " of " + documents
                        + ", the sandbox accepted " + accepted);
            }
            return documents / seconds;
        }
    }

    private static void sync(Bed bed) {
        bed.get(OneShotSync.class).run(bed.config.integrations(), SyncProgress.NONE, () -> false);
    }

    /** The ERP drops Orders: written under a hidden name, then renamed in, as careful writers do. */
    private static void drop(Bed bed, String prefix, int count) throws Exception {
        Path toJakamo = Files.createDirectories(bed.folder("to_jakamo"));
        for (int i = 0; i < count; i++) {
            String number = "PO-" + prefix + "-" + i;
            Path temp = toJakamo.resolve("." + number + ".xml.part");
            Files.writeString(temp, Documents.order(number));
            Files.move(temp, toJakamo.resolve(number + ".xml"));
        }
    }

    /** Records every dropped file (the folder adapter takes a file once it has been stable for a second). */
    private static void pickUpAll(Bed bed, int expected) throws Exception {
        PickUpErpDocumentsUseCase pickUp = bed.get(PickUpErpDocumentsUseCase.class);
        int recorded = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (recorded < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("picked up " + recorded + " of " + expected);
            }
            PickUpErpDocumentsResult r = pickUp.pickUp(new PickUpErpDocumentsCommand(Bed.INTEGRATION,
                    bed.config.integrations().get(0).kind(), 100));
            recorded += r.recorded();
            if (r.refused() > 0) {
                throw new IllegalStateException(r.refused() + " file(s) refused");
            }
            if (r.recorded() < 100) {
                Thread.sleep(300);
            }
        }
    }

    /** Notes when the outbound phase of the pass ends (the inbound phase after it is not part of the figure). */
    private record OutboundEnd(long[] at) implements SyncProgress {
        @Override
        public void began(IntegrationName integration, SyncPhase phase, OptionalLong expected) {
        }

        @Override
        public void advanced(IntegrationName integration, SyncPhase phase, long done, OptionalLong remaining) {
        }

        @Override
        public void ended(IntegrationName integration, SyncPhase phase, String summary, boolean ok) {
            if (phase == SyncPhase.OUTBOUND) {
                at[0] = System.nanoTime();
            }
        }
    }
}
