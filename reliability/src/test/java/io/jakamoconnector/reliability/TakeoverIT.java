package io.jakamoconnector.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.app.cli.ConnectorProcess;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.sandbox.AckRecord;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.Journal;
import io.jakamoconnector.sandbox.QueueMessage;
import io.jakamoconnector.sandbox.RequestRecord;
import io.jakamoconnector.sandbox.SupplierReply;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three connector processes on one database and one queue (issue #8's "several instances"), each with an app
 * registration of its own so the sandbox's journal tells their requests apart. While supplier messages keep arriving,
 * the test repeatedly finds the node holding the queue lease (the {@code queue_lease} row) and either SIGKILLs it
 * (then starts it again) or SIGSTOPs it until another node has taken over, then SIGCONTs it.
 * <p>
 * Bounds, from the lease's settings: a standby tries the lease every {@code inboundSeconds} (1 s here); after a
 * SIGKILL the kernel closes the holder's connection, PostgreSQL frees its advisory lock at once, so another node holds
 * the lease within one interval; after a SIGSTOP the connection stays open, and the server ends it once it has been
 * idle for the lease's time to live ({@value #LEASE_TTL_SECONDS} s, {@code idle_session_timeout} on the lease
 * connection, kept alive by a heartbeat while the holder runs); a transaction the frozen process left open (it holds
 * the fencing token's row FOR SHARE while it records a message) ends after {@value #IDLE_IN_TRANSACTION_SECONDS} s
 * ({@code idle_in_transaction_session_timeout}); so within the longer of the two + one interval. Each bound gets
 * {@value #SLACK_SECONDS} s of slack for three JVMs on two shared cores.
 * <p>
 * Asserted: every takeover within its bound; the sandbox never saw two queue reads in flight at once; no
 * acknowledgement from a node after another node acquired the lease later than it did (fencing: the audit trail's
 * lease_acquired events give who held which token from when; the journal gives who acknowledged when); no inbound row
 * recorded under a token that was already superseded when its message was received; lost 0 and duplicate ERP files 0.
 * A paused node may still <em>read</em> the queue once when it wakes up between its lease check and the read: Jakamo
 * takes no fencing token, so that read cannot be refused; it is counted and reported, and what makes it harmless is
 * asserted (no record, no acknowledgement under the old token).
 */
class TakeoverIT {
    static final int LEASE_TTL_SECONDS = 10;
    static final int IDLE_IN_TRANSACTION_SECONDS = 15;
    static final int SLACK_SECONDS = 5;
    private static final int INTERVAL_SECONDS = 1;
    private static final List<String> NODES = List.of("node-a", "node-b", "node-c");

    @TempDir
    Path dir;

    @Test
    void theQueueChangesHandsOnKillAndPauseWithOnePollerAndNoFencedAcknowledgement() throws Exception {
        int rounds = Harness.size("reliability.takeover.rounds", 4, 20);
        long seed = Harness.seed("TakeoverIT");
        Random random = new Random(seed);
        long began = System.nanoTime();
        Duration killBound = Duration.ofSeconds(INTERVAL_SECONDS + SLACK_SECONDS);
        Duration stopBound = Duration.ofSeconds(Math.max(LEASE_TTL_SECONDS, IDLE_IN_TRANSACTION_SECONDS)
                + INTERVAL_SECONDS + SLACK_SECONDS);
        try (Harness h = Harness.start(dir, INTERVAL_SECONDS, INTERVAL_SECONDS)) {
            h.sandbox().jakamo().supplierReply(SupplierReply.NONE);
            h.sandbox().journal().clear();   // the harness's warm-up run polled with the shared app: not a node
            Map<String, String> nodeByClient = new HashMap<>();
            Map<String, ConnectorProcess> running = new LinkedHashMap<>();
            for (String node : NODES) {
                nodeByClient.put(h.ownApp(node), node);
                running.put(node, h.start(node));
            }
            Map<String, String> numberBySha = new ConcurrentHashMap<>();
            AtomicBoolean feeding = new AtomicBoolean(true);
            Thread feeder = new Thread(() -> {
                int i = 0;
                while (feeding.get()) {
                    String number = "PO-T" + i;
                    QueueMessage m = h.sandbox().jakamo().enqueue(Harness.ORDERS,
                            Documents.orderResponse(number, "S-T" + i));
                    numberBySha.put(Harness.sha256(m.body()), number);
                    i++;
                    try {
                        Thread.sleep(150);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "supplier");
            feeder.start();

            List<String> takeovers = new ArrayList<>();
            List<String> overBound = new ArrayList<>();
            try {
                for (int round = 0; round < rounds; round++) {
                    for (ConnectorProcess p : running.values()) {   // every node up: the standbys are trying
                        p.awaitOut(l -> l.startsWith("jakamo-connector running"), Duration.ofSeconds(120));
                    }
                    Harness.LeaseRow lease = awaitHolder(h, running, Duration.ofSeconds(60));
                    String holder = nodeOf(lease.holder());
                    Thread.sleep(500 + random.nextInt(2000));   // let it work, then strike at a random moment
                    lease = h.lease();
                    holder = nodeOf(lease.holder());
                    ConnectorProcess victim = running.get(holder);
                    boolean kill = round % 2 == 0;
                    long struck = System.nanoTime();
                    if (kill) {
                        Harness.kill(victim);
                    } else {
                        Harness.signal(victim, "STOP");
                    }
                    long token = lease.fencingToken();
                    Duration bound = kill ? killBound : stopBound;
                    boolean tookOver = Harness.await(() -> {
                        Harness.LeaseRow now = h.lease();
                        return now.fencingToken() > token;
                    }, bound.plusSeconds(20), 20);
                    long millis = (System.nanoTime() - struck) / 1_000_000;
                    Harness.LeaseRow after = h.lease();
                    String line = (kill ? "SIGKILL " : "SIGSTOP ") + holder + " -> " + nodeOf(after.holder()) + " in "
                            + millis + " ms (bound " + bound.toMillis() + " ms)";
                    System.out.println("takeover round " + round + ": " + line);
                    takeovers.add((kill ? "kill:" : "stop:") + millis);
                    if (!tookOver || millis > bound.toMillis()) {
                        overBound.add(line + (tookOver ? "" : ", no takeover at all"));
                        if (!tookOver) {
                            running.forEach((node, p) -> System.out.println("=== " + node + "\n" + p.transcript()));
                        }
                    }
                    if (kill) {
                        running.put(holder, h.start(holder));
                    } else {
                        Thread.sleep(1000 + random.nextInt(1000));   // the new holder works meanwhile
                        Harness.signal(victim, "CONT");
                        Thread.sleep(2000);                          // the paused node wakes up mid-step
                    }
                    if (!tookOver) {
                        break;
                    }
                }
            } finally {
                feeding.set(false);
                feeder.join();
                running.values().forEach(p -> {
                    if (p.process.isAlive()) {
                        try {
                            Harness.signal(p, "CONT");
                        } catch (Exception e) {
                            // it ended meanwhile
                        }
                    }
                });
            }

            int total = numberBySha.size();
            boolean drained = Harness.await(() -> h.sandbox().jakamo().queue(Harness.ORDERS).isEmpty()
                    && h.files("from_jakamo").size() >= total, Duration.ofSeconds(120), 200);
            assertThat(drained).as("drained within 120 s").isTrue();
            for (ConnectorProcess p : running.values()) {
                assertThat(p.terminate(Duration.ofSeconds(60))).as(p.transcript()).isZero();
            }

            Journal journal = h.bed.journal();
            List<Acquisition> acquisitions = h.audit("LEASE_ACQUIRED").stream()
                    .filter(e -> NODES.contains(nodeOf(e.node())))
                    .map(e -> new Acquisition(e.ts(), nodeOf(e.node()), token(e.reason()))).toList();
            // the database's side of fencing: no row recorded under a token that had been superseded when the
            // message was received (received_at is taken before recording starts)
            Map<Long, Instant> supersededAt = new HashMap<>();
            for (int i = 0; i + 1 < acquisitions.size(); i++) {
                supersededAt.put(acquisitions.get(i).token(), acquisitions.get(i + 1).at());
            }
            List<String> staleRecords = new ArrayList<>();
            Map<Long, Long> rowsByToken = new TreeMap<>();
            for (Harness.InboundRow row : h.inboundRows()) {
                rowsByToken.merge(row.fencingToken(), 1L, Long::sum);
                Instant superseded = supersededAt.get(row.fencingToken());
                if (superseded != null && row.receivedAt().isAfter(superseded)) {
                    staleRecords.add("row " + row.id() + " under token " + row.fencingToken() + " received "
                            + row.receivedAt() + ", token superseded " + superseded);
                }
            }
            List<String> fencedAcks = new ArrayList<>();
            for (RequestRecord ack : journal.requests(Endpoint.QUEUE_ACK)) {
                String node = nodeByClient.get(ack.clientId());
                if (fenced(node, ack.startedAt(), acquisitions)) {
                    fencedAcks.add(node + " acknowledged " + ack.messageId() + " at " + ack.startedAt());
                }
            }
            List<String> fencedReads = new ArrayList<>();
            for (RequestRecord read : journal.requests(Endpoint.QUEUE_READ)) {
                String node = nodeByClient.get(read.clientId());
                if (fenced(node, read.startedAt(), acquisitions)) {
                    fencedReads.add(node + " read the queue at " + read.startedAt() + " (status " + read.status()
                            + ")");
                }
            }
            Map<String, Integer> files = h.fileHashes("from_jakamo");
            Set<String> recorded = h.inboundRows().stream().map(Harness.InboundRow::sha256)
                    .collect(Collectors.toSet());
            List<String> lost = numberBySha.entrySet().stream()
                    .filter(e -> !files.containsKey(e.getKey()) || !recorded.contains(e.getKey()))
                    .map(Map.Entry::getValue).toList();
            int duplicateFiles = files.values().stream().mapToInt(v -> v - 1).sum();
            List<AckRecord> acks = journal.acknowledgements(Harness.ORDERS);
            long repeatedAcks = acks.stream().filter(AckRecord::alreadyCleared).count();
            int maxReaders = journal.maxConcurrentQueueReaders(Harness.ORDERS);
            Map<String, Long> readsByNode = journal.requests(Endpoint.QUEUE_READ).stream()
                    .collect(Collectors.groupingBy(r -> String.valueOf(nodeByClient.get(r.clientId())),
                            TreeMap::new, Collectors.counting()));

            double seconds = (System.nanoTime() - began) / 1e9;
            Harness.writeResult("takeover", String.format(
                    "nodes=%d rounds=%d takeovers=%s (ms; bounds kill %d, stop %d) overBound=%d "
                            + "maxConcurrentQueueReaders=%d readsByNode=%s fencedAcks=%d "
                            + "fencedReads=%d (a paused node's read already past its lease check) "
                            + "staleTokenRecords=%d rowsByFencingToken=%s leaseAcquisitions=%d messages=%d lost=%d "
                            + "duplicateFiles=%d acks=%d repeatedAcks=%d seed=%d elapsed=%.0fs",
                    NODES.size(), takeovers.size(), takeovers, killBound.toMillis(), stopBound.toMillis(),
                    overBound.size(), maxReaders, readsByNode, fencedAcks.size(), fencedReads.size(),
                    staleRecords.size(), rowsByToken, acquisitions.size(), total, lost.size(), duplicateFiles,
                    acks.size(), repeatedAcks, seed, seconds));
            fencedReads.forEach(r -> System.out.println("fenced read (no record, no ack may follow): " + r));

            assertThat(overBound).as("takeovers over their bound").isEmpty();
            assertThat(takeovers).hasSize(rounds);
            assertThat(maxReaders).as("queue reads in flight at once, as the sandbox saw them").isLessThanOrEqualTo(1);
            assertThat(fencedAcks).as("acknowledgements from a node that had been fenced off").isEmpty();
            assertThat(staleRecords).as("rows recorded under a superseded fencing token").isEmpty();
            assertThat(acquisitions).as("one lease acquisition per takeover at least").hasSizeGreaterThan(rounds);
            // which standby wins a takeover is a race (1 in 2 each round), so with a few rounds one node may never hold
            // the queue: what must hold is that every read is one of the nodes', and that the queue changed hands
            assertThat(NODES).as("no request was unattributed").containsAll(readsByNode.keySet());
            assertThat(readsByNode.keySet()).as("the queue changed hands").hasSizeGreaterThanOrEqualTo(2);
            assertThat(lost).as("messages lost").isEmpty();
            assertThat(duplicateFiles).as("duplicate ERP files").isZero();
            assertThat(h.bed.tempFiles()).isEmpty();
        }
    }

    /** A lease acquisition as the audit trail shows it: when, and which node. */
    record Acquisition(Instant at, String node, long token) {
    }

    /** The token from a lease_acquired event's reason, {@code holder node-a/123, fencing token 7}. */
    static long token(String reason) {
        return Long.parseLong(reason.substring(reason.lastIndexOf(' ') + 1));
    }

    /** Whether, at {@code at}, the node's latest lease acquisition was followed by another node's. */
    static boolean fenced(String node, Instant at, List<Acquisition> acquisitions) {
        Acquisition latest = null;
        for (Acquisition a : acquisitions) {
            if (a.at().isBefore(at)) {
                latest = a;
            }
        }
        return latest != null && !latest.node().equals(node);
    }

    private static Harness.LeaseRow awaitHolder(Harness h, Map<String, ConnectorProcess> running, Duration timeout)
            throws InterruptedException {
        Harness.LeaseRow[] found = new Harness.LeaseRow[1];
        boolean held = Harness.await(() -> {
            Harness.LeaseRow lease = h.lease();
            if (lease == null || lease.holder() == null) {
                return false;
            }
            ConnectorProcess p = running.get(nodeOf(lease.holder()));
            found[0] = lease;
            return p != null && p.process.isAlive() && lease.holder().endsWith("/" + p.process.pid());
        }, timeout, 50);
        assertThat(held).as("a running node holds the lease: %s\n%s", found[0], running.values().stream()
                .map(ConnectorProcess::transcript).collect(Collectors.joining("\n"))).isTrue();
        return found[0];
    }

    /** {@code node-a/12345} (the holder, as the service names itself) → {@code node-a}. */
    static String nodeOf(String holder) {
        int slash = holder.indexOf('/');
        return slash < 0 ? holder : holder.substring(0, slash);
    }
}
