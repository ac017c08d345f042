package io.jakamoconnector.bench;

import io.jakamoconnector.domain.model.exchange.MessageHeaders;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesCommand;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesResult;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesUseCase;
import io.jakamoconnector.domain.port.out.AccessTokenPort;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.port.out.QueueLeasePort;
import io.jakamoconnector.domain.testing.Documents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Figure 2: draining a backlog of the supplier's OrderResponses through the connector's inbound path (the HTTP queue
 * adapter, the ERP folder adapter, Jdbi on the embedded PostgreSQL with fsync on, the domain service, all as
 * {@code run} wires them) against the raw limit loop: GET, write the body to a file and fsync it, one INSERT committed,
 * POST the acknowledgement, with the same kind of HTTP client, the same sandbox and the same database server, and no
 * connector code. Both arms drain the same number of messages from the same sandbox, one after the other. Measured in
 * a child JVM per build ({@link ChildRuns}), so a baseline jar is measured the same way.
 */
final class InboundDrainFigures {
    private static final int BATCH = 100;

    private InboundDrainFigures() {
    }

    /** The figure in the harness: each build's drain measured in child JVMs, then the before/after rows. */
    static void run(Report report, ChildRuns runs, int backlog, int warmUp) throws Exception {
        Map<String, Measurements> byBuild = runs.run("inbound", List.of("backlog=" + backlog, "warmUp=" + warmUp));
        byBuild.forEach((build, m) -> {
            double ours = m.get("connector");
            double limit = m.get("raw");
            double steps = m.get("steps");
            report.figure("2 inbound", Report.f("drain of a %,d-message backlog [%s]", backlog, build),
                    Report.f("connector %.0f messages/s", ours), Report.f("raw limit loop %.0f messages/s", limit),
                    ours / limit, "", "");
            report.figure("2 inbound", Report.f("drain of a %,d-message backlog, against the raw loop taking the "
                            + "connector's durable steps (2 commits, staged file, 2 renames, 2 folder fsyncs) [%s]",
                            backlog, build),
                    Report.f("connector %.0f messages/s", ours), Report.f("raw loop, same steps %.0f messages/s", steps),
                    ours / steps, ">= 0.8", ours / steps >= 0.8 ? "met" : "MISSED");
        });
        report.compare(Comparison.of(Report.f("inbound drain (%,d messages) / raw loop with the same durable steps",
                backlog), "", byBuild, m -> m.get("connector") / m.get("steps"), Comparison.Goal.atLeast(0.8)));
        report.compare(Comparison.of(Report.f("inbound drain (%,d messages), connector", backlog), "messages/s",
                byBuild, m -> m.get("connector"), Comparison.Goal.NONE));
        report.compare(Comparison.of(Report.f("inbound drain (%,d messages) / raw limit loop (1 commit, 1 file)",
                backlog), "", byBuild, m -> m.get("connector") / m.get("raw"), Comparison.Goal.NONE));
    }

    /**
     * In a child JVM: the three arms one after the other on one sandbox and database, each after its own warm-up, in
     * messages/s: {@code connector}, {@code raw} (the limit loop), {@code steps} (the raw loop taking the connector's
     * durable steps).
     */
    static Measurements measure(int backlog, int warmUp) throws Exception {
        try (Bed bed = new Bed("inbound", "", Map.of()).start()) {
            ReceiveInboundMessagesUseCase receive = bed.get(ReceiveInboundMessagesUseCase.class);
            QueueLease lease = bed.get(QueueLeasePort.class).tryAcquire(Bed.INTEGRATION, "bench")
                    .orElseThrow(() -> new IllegalStateException("no queue lease"));
            RawLoop raw = new RawLoop(bed);

            enqueue(bed, "warm-c", warmUp);
            drainConnector(receive, lease, warmUp);
            enqueue(bed, "warm-r", warmUp);
            raw.drain(warmUp, false);
            enqueue(bed, "warm-s", warmUp);
            raw.drain(warmUp, true);

            enqueue(bed, "c", backlog);
            long began = System.nanoTime();
            int delivered = drainConnector(receive, lease, backlog);
            double connectorSeconds = (System.nanoTime() - began) / 1e9;

            enqueue(bed, "r", backlog);
            began = System.nanoTime();
            int rawDone = raw.drain(backlog, false);
            double rawSeconds = (System.nanoTime() - began) / 1e9;

            // the same loop with the durable steps the connector's design takes per message
            enqueue(bed, "s", backlog);
            began = System.nanoTime();
            int stepsDone = raw.drain(backlog, true);
            double stepsSeconds = (System.nanoTime() - began) / 1e9;
            lease.close();

            requireDelivered(bed, delivered, backlog, backlog + warmUp);
            return new Measurements().put("connector", delivered / connectorSeconds)
                    .put("raw", rawDone / rawSeconds).put("steps", stepsDone / stepsSeconds);
        }
    }

    /** The connector's drain counted, and its files really in the ERP's inbox. */
    static void requireDelivered(Bed bed, int delivered, int expected, int files) throws java.io.IOException {
        long found;
        try (var list = Files.list(bed.folder("from_jakamo"))) {
            found = list.count();
        }
        if (delivered != expected || found < files) {
            throw new IllegalStateException("the connector delivered " + delivered + " of " + expected
                    + " (files in from_jakamo: " + found + ", expected " + files + ")");
        }
    }

    static void enqueue(Bed bed, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            bed.sandbox.jakamo().enqueue(Bed.ORDERS, Documents.orderResponse("PO-" + prefix + "-" + i,
                    "SO-" + prefix + "-" + i));
        }
    }

    static int drainConnector(ReceiveInboundMessagesUseCase receive, QueueLease lease, int expected) {
        int delivered = 0;
        while (true) {
            ReceiveInboundMessagesResult r = receive.receive(new ReceiveInboundMessagesCommand(Bed.INTEGRATION,
                    lease, BATCH));
            if (r.failed() || r.stoppedBecause() == ReceiveInboundMessagesResult.StopReason.LEASE_LOST) {
                throw new IllegalStateException("the drain stopped: " + r);
            }
            delivered += r.delivered();
            if (r.stoppedBecause() == ReceiveInboundMessagesResult.StopReason.QUEUE_EMPTY) {
                break;
            }
        }
        if (delivered != expected) {
            throw new IllegalStateException("delivered " + delivered + ", expected " + expected);
        }
        return delivered;
    }

    private static void write(Path file, byte[] body) throws java.io.IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(body);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    private static void syncFolder(Path folder) throws java.io.IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void commit(PreparedStatement insert, String ack, byte[] body) throws java.sql.SQLException {
        insert.setString(1, ack);
        insert.setBytes(2, body);
        insert.executeUpdate();
    }

    /** The limit: what the machine, the sandbox and the database allow with no connector code in the way. */
    private static final class RawLoop {
        private final Bed bed;
        private final HttpClient http;
        private final URI queue;
        private final URI base;
        private final Path folder;
        private final Path staging;
        private int sequence;

        RawLoop(Bed bed) throws Exception {
            this.bed = bed;
            // as the Jakamo adapter builds its client
            this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                    .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER)
                    .sslContext(bed.sandbox.clientSslContext()).build();
            String b = bed.sandbox.apiBaseUri().toString();
            this.base = URI.create(b.endsWith("/") ? b : b + "/");
            this.queue = base.resolve("api/order/response");
            this.folder = Files.createDirectories(bed.dir.resolve("raw-inbox"));
            this.staging = Files.createDirectories(bed.dir.resolve("raw-staging"));
            try (Connection c = bed.jdbc(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS bench_raw_inbound (id bigserial PRIMARY KEY, "
                        + "ack_uri text NOT NULL, body bytea NOT NULL, received_at timestamptz NOT NULL DEFAULT now())");
            }
        }

        /**
         * Drains the queue. {@code connectorSteps}: take the durable steps the connector's design takes per message
         * (two commits: the record with the staged file and its audit events, then the acknowledgement with its
         * audit event; the file written under a temporary name, fsynced, renamed into a staging folder, the folder
         * fsynced, renamed into the inbox, the inbox fsynced), still without any connector code.
         */
        int drain(int expected, boolean connectorSteps) throws Exception {
            // the token is cached in both arms: the connector's adapter serves it from memory too
            String token = bed.get(AccessTokenPort.class).token(Bed.INTEGRATION).value();
            int done = 0;
            try (Connection c = bed.jdbc(); PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO bench_raw_inbound (ack_uri, body) VALUES (?, ?)")) {
                c.setAutoCommit(true);
                while (true) {
                    HttpResponse<byte[]> got = http.send(HttpRequest.newBuilder(queue).GET()
                            .header("Authorization", "Bearer " + token).header("Accept", "application/xml")
                            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
                    if (got.statusCode() != 200) {
                        throw new IllegalStateException("queue read: HTTP " + got.statusCode());
                    }
                    Optional<String> ack = got.headers().firstValue(MessageHeaders.ACKNOWLEDGE_URI);
                    if (ack.isEmpty()) {
                        break;   // "No more messages available"
                    }
                    byte[] body = got.body();
                    String name = "m-" + (sequence++) + ".xml";
                    if (connectorSteps) {
                        Path temp = staging.resolve("." + name + ".tmp");
                        write(temp, body);
                        Files.move(temp, staging.resolve(name));
                        syncFolder(staging);
                        commit(insert, ack.get(), body);   // recorded with the staged file and its events
                        Files.move(staging.resolve(name), folder.resolve(name));
                        syncFolder(folder);
                    } else {
                        write(folder.resolve(name), body);
                        commit(insert, ack.get(), body);   // autocommit: one commit, fsync'ed by the server
                    }
                    HttpResponse<Void> acked = http.send(HttpRequest.newBuilder(base.resolve(ack.get()))
                            .POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token)
                            .header("Accept", "application/xml").timeout(Duration.ofSeconds(30)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (acked.statusCode() / 100 != 2) {
                        throw new IllegalStateException("acknowledgement: HTTP " + acked.statusCode());
                    }
                    if (connectorSteps) {
                        commit(insert, ack.get(), body);   // acknowledged, with its audit event
                    }
                    done++;
                }
            }
            if (done != expected) {
                throw new IllegalStateException("the raw loop drained " + done + ", expected " + expected);
            }
            return done;
        }
    }
}
