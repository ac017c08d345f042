package io.jakamoconnector.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.app.cli.ConnectorProcess;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.sandbox.DocumentRecord;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.Journal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 during the HTTP exchange of issue 18, in the style of {@link KillNineIT}: one connector process at a time
 * serves the integration {@code orders-http} (the ERP's API) against the sandbox and a PostgreSQL that survives it,
 * while an ERP ({@link SimulatedErp}) keeps posting Orders and pulling the supplier's OrderResponses across kills and
 * restarts, as a real one would: each Order under its own stable Idempotency-Key, sent again while the connection
 * fails; the inbox read from the oldest unacknowledged message, each message acknowledged. The test releases a few
 * Orders per cycle, starts the connector, waits for an event of the exchange (the ERP's first answered call, the
 * first Order post at Jakamo, the first queue read; every fifth kill from the process start instead), then a random
 * time (seeded), and SIGKILLs it. At the end one last process drains everything and is stopped gracefully.
 * <p>
 * The accounting is {@link KillNineIT}'s for the outbound side, per Order the ERP got a 202 for: one row; SENT and
 * accepted by Jakamo, or IN_DOUBT and flagged in doubt; accepted twice only if flagged; never posted after it was
 * recorded as sent. A send cut by the kill stays SENDING until its claim (5 min) expires; the test ages those claims
 * before the last run, which then flags them in doubt as it would. For the ERP side: every OrderResponse the supplier
 * sent (one per Order Jakamo accepted) reached the ERP; no message the ERP acknowledged (204) was shown to it again,
 * under its id or as another message with the same body.
 * <p>
 * Sizes: {@code reliability.erphttp.cycles} (8 in CI, 100 with {@code -Dreliability.full=true}), 3 Orders a cycle.
 */
class ErpHttpKillNineIT {
    private static final String HTTP = "orders-http";
    private static final Duration ANCHOR_TIMEOUT = Duration.ofSeconds(30);
    private static final String END = "";

    @TempDir
    Path dir;

    @Test
    void httpExchangeSurvivesKillNineAtRandomMoments() throws Exception {
        int cycles = Harness.size("reliability.erphttp.cycles", 8, 100);
        int perCycle = 3;
        long seed = Harness.seed("ErpHttpKillNineIT");
        Random random = new Random(seed);
        long began = System.nanoTime();
        ExecutorService erpThreads = Executors.newFixedThreadPool(2);
        try (Harness h = Harness.start(dir, 1, 1)) {
            Harness.HttpIntegration api = h.addHttpIntegration(HTTP);
            SimulatedErp erp = api.erp(Duration.ofMinutes(3));

            // the ERP's poster: each Order under its own key until a settling answer, across kills
            BlockingQueue<String> toPost = new LinkedBlockingQueue<>();
            Map<String, byte[]> orderByNumber = new ConcurrentHashMap<>();
            Map<String, String> idByNumber = new ConcurrentHashMap<>();
            Map<String, SimulatedErp.Submission> notAccepted = new ConcurrentHashMap<>();
            Future<?> poster = erpThreads.submit(() -> {
                for (String number = toPost.take(); !number.equals(END); number = toPost.take()) {
                    SimulatedErp.Submission s = erp.submit("erp-order-" + number, orderByNumber.get(number));
                    if (s.accepted()) {
                        idByNumber.put(number, s.id());
                    } else {
                        notAccepted.put(number, s);
                    }
                }
                return null;
            });

            // the ERP's puller: from the oldest unacknowledged message, each one acknowledged
            AtomicBoolean stopPulling = new AtomicBoolean();
            InboxLedger ledger = new InboxLedger();
            Future<?> puller = erpThreads.submit(() -> {
                while (!stopPulling.get()) {
                    List<SimulatedErp.InboxMessage> page = erp.inbox(null, 10).messages();
                    for (SimulatedErp.InboxMessage m : page) {
                        ledger.shown(m);
                        if (erp.ack(m.id())) {
                            ledger.acknowledged(m);
                        } else {
                            ledger.unknownOnAck.add(m.id());
                        }
                    }
                    if (page.isEmpty()) {
                        Thread.sleep(100);   // the ERP's polling interval on an empty inbox
                    }
                }
                return null;
            });

            Map<String, Integer> killPoints = new TreeMap<>();
            Set<Long> sendingBefore = new HashSet<>();
            int kills = 0;
            for (int cycle = 0; cycle < cycles; cycle++) {
                for (int i = 0; i < perCycle; i++) {
                    String number = "PO-H" + cycle + "-" + i;
                    orderByNumber.put(number, Documents.order(number).getBytes(StandardCharsets.UTF_8));
                    toPost.add(number);
                }
                String anchor = switch (cycle % 5) {
                    case 0, 2 -> "erp-call";
                    case 1 -> "order-post";
                    case 3 -> "queue-read";
                    default -> "process-start";
                };
                LongSupplier events = switch (anchor) {
                    case "erp-call" -> erp::answered;
                    case "order-post" -> () -> h.sandbox().journal().count(Endpoint.ORDER_POST);
                    case "queue-read" -> () -> h.sandbox().journal().count(Endpoint.QUEUE_READ);
                    default -> () -> 0;
                };
                long before = events.getAsLong();
                ConnectorProcess p = h.start("node-h");
                if (anchor.equals("process-start")) {
                    Thread.sleep(200 + random.nextInt(2300));
                } else {
                    Harness.await(() -> events.getAsLong() > before || !p.process.isAlive(), ANCHOR_TIMEOUT, 5);
                    Thread.sleep(random.nextInt(700));
                }
                assertThat(p.process.isAlive()).as("the connector died on its own\n%s", p.transcript()).isTrue();
                long alive = (System.nanoTime() - p.startedNanos) / 1_000_000;
                boolean erpCallOpen = erp.inFlight() > 0;
                Harness.kill(p);
                kills++;
                String point = anchor + "/" + (erpCallOpen ? "erp-call-open" : "no-erp-call") + "/"
                        + (sendingAgain(h, sendingBefore) ? "jakamo-send-cut" : "no-send-cut");
                killPoints.merge(point, 1, Integer::sum);
                System.out.printf("erp-http cycle %d: killed after %d ms at %s; %d posted, %d acked%n", cycle, alive,
                        point, idByNumber.size(), ledger.ackedIds.size());
                if (Boolean.getBoolean("reliability.verbose")) {
                    System.out.println(p.transcript());
                }
            }

            int agedClaims = h.update("UPDATE outbound_document SET claimed_at = claimed_at - interval '1 hour' "
                    + "WHERE claimed_at IS NOT NULL");
            toPost.add(END);
            ConnectorProcess last = h.start("node-h");
            last.awaitOut(l -> l.startsWith("jakamo-connector running"), Duration.ofSeconds(120));
            poster.get(5, TimeUnit.MINUTES);
            int total = orderByNumber.size();
            boolean drained = Harness.await(() -> {
                List<Row> rows = rows(h);
                return idByNumber.size() + notAccepted.size() == total
                        && rows.size() >= idByNumber.size()
                        && rows.stream().allMatch(r -> r.archivedAt() != null)
                        && h.sandbox().jakamo().queue(HTTP).isEmpty()
                        && ledger.acknowledgedBodies() >= acceptedOrders(h.sandbox().journal()).size()
                        || puller.isDone();
            }, Duration.ofSeconds(180), 200);
            stopPulling.set(true);
            puller.get(2, TimeUnit.MINUTES);   // the ERP's own failure, if it had one, first
            assertThat(drained).as("drained within 180 s: %d of %d posted, rows %s, queue %s, acked %d\n%s",
                    idByNumber.size(), total, rows(h), h.sandbox().jakamo().queue(HTTP),
                    ledger.ackedIds.size(), last.transcript()).isTrue();
            assertThat(erp.inbox(null, 10).messages()).as("nothing left for the ERP").isEmpty();
            Map<String, String> stateById = new HashMap<>();
            for (String id : idByNumber.values()) {
                stateById.put(id, erp.status(id).state());
            }
            assertThat(last.terminate(Duration.ofSeconds(60))).as(last.transcript()).isZero();

            // ---- the outbound accounting, as KillNineIT's
            Journal journal = h.bed.journal();
            Map<String, Row> rowBySha = new HashMap<>();
            int duplicateRows = 0;
            for (Row row : rows(h)) {
                if (rowBySha.put(row.sha256(), row) != null) {
                    duplicateRows++;
                }
            }
            Set<String> flagged = h.audit("DOCUMENT_IN_DOUBT").stream().map(Harness.AuditRow::sha256)
                    .collect(Collectors.toSet());
            Map<String, Instant> sentAt = new HashMap<>();
            for (Harness.AuditRow event : h.audit("DOCUMENT_SENT")) {
                sentAt.merge(event.sha256(), event.ts(), (a, b) -> a.isBefore(b) ? a : b);
            }
            List<String> lost = new ArrayList<>();
            List<String> unflaggedDuplicates = new ArrayList<>();
            List<String> postedAfterSent = new ArrayList<>();
            List<String> statusDisagrees = new ArrayList<>();
            int duplicatePosts = 0;
            int inDoubt = 0;
            int sent = 0;
            for (Map.Entry<String, String> e : idByNumber.entrySet()) {
                String number = e.getKey();
                String sha = Harness.sha256(orderByNumber.get(number));
                Row row = rowBySha.get(sha);
                List<DocumentRecord> accepted = journal.documents("Order", number);
                long acceptedSame = accepted.stream()
                        .filter(d -> d.integration().equals(HTTP) && d.sha256().equals(sha)).count();
                boolean isFlagged = flagged.contains(sha);
                if (row == null) {
                    lost.add(number + " (202 " + e.getValue() + ", no row)");
                    continue;
                }
                if (row.state().equals("IN_DOUBT")) {
                    inDoubt++;
                } else if (row.state().equals("SENT")) {
                    sent++;
                }
                boolean accounted = (row.state().equals("SENT") && acceptedSame >= 1)
                        || (row.state().equals("IN_DOUBT") && isFlagged);
                if (!accounted) {
                    lost.add(number + " (state " + row.state() + ", accepted " + acceptedSame + ", flagged "
                            + isFlagged + ")");
                }
                if (acceptedSame > 1) {
                    duplicatePosts += (int) (acceptedSame - 1);
                    if (!isFlagged) {
                        unflaggedDuplicates.add(number + " accepted " + acceptedSame + " times");
                    }
                }
                Instant recordedSent = sentAt.get(sha);
                if (recordedSent != null && accepted.stream().anyMatch(d -> d.receivedAt().isAfter(recordedSent))) {
                    postedAfterSent.add(number);
                }
                String shown = stateById.get(e.getValue());
                String expected = row.state().equals("IN_DOUBT") ? "in-doubt" : row.state().toLowerCase(Locale.ROOT);
                if (!expected.equals(shown)) {
                    statusDisagrees.add(number + " status " + shown + ", row " + row.state());
                }
            }
            int flaggedInDoubt = (int) idByNumber.keySet().stream()
                    .filter(n -> flagged.contains(Harness.sha256(orderByNumber.get(n)))).count();

            // ---- the ERP side: every answer reached the ERP, none shown again once acknowledged
            Map<String, Long> answersExpected = acceptedOrders(journal).stream()
                    .collect(Collectors.groupingBy(DocumentRecord::documentNumber, Collectors.counting()));
            Map<String, Long> answersReceived = ledger.bodyByShaOrder.values().stream()
                    .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
            List<String> answersMissing = new ArrayList<>();
            for (Map.Entry<String, Long> e : answersExpected.entrySet()) {
                long got = answersReceived.getOrDefault(e.getKey(), 0L);
                if (got != e.getValue()) {
                    answersMissing.add(e.getKey() + " (expected " + e.getValue() + ", got " + got + ")");
                }
            }
            Set<String> foreign = new HashSet<>(answersReceived.keySet());
            foreign.removeAll(answersExpected.keySet());
            long jakamoAcks = journal.acknowledgements(HTTP).stream().map(a -> a.messageId()).distinct().count();

            double seconds = (System.nanoTime() - began) / 1e9;
            Harness.writeResult("erp-http-kill-nine", String.format(
                    "cycles=%d kills=%d documents=%d accepted202=%d notAccepted=%d lost=%d sent=%d inDoubt=%d "
                            + "flaggedInDoubt=%d duplicatePosts=%d unflaggedDuplicatePosts=%d postedAfterSent=%d "
                            + "duplicateRows=%d statusDisagrees=%d claimsAgedBeforeDrain=%d orderResponses=%d "
                            + "answersMissing=%d foreignAnswers=%d shownAfterAck=%d duplicateAfterAck=%d "
                            + "shownAgainBeforeAck=%d unknownOnAck=%d jakamoAcks=%d erpCalls=%d "
                            + "erpConnectionFailures=%d erp5xx=%d killPoints=%s seed=%d elapsed=%.0fs",
                    cycles, kills, total, idByNumber.size(), notAccepted.size(), lost.size(), sent, inDoubt,
                    flaggedInDoubt, duplicatePosts, unflaggedDuplicates.size(), postedAfterSent.size(),
                    duplicateRows, statusDisagrees.size(), agedClaims, ledger.bodyByShaOrder.size(),
                    answersMissing.size(), foreign.size(), ledger.shownAfterAck.size(),
                    ledger.duplicateAfterAck.size(), ledger.shownAgainBeforeAck.get(), ledger.unknownOnAck.size(),
                    jakamoAcks, erp.calls(), erp.connectionFailures(), erp.serverErrors(), killPoints, seed,
                    seconds));

            assertThat(notAccepted).as("Orders the connector did not accept").isEmpty();
            assertThat(lost).as("documents lost").isEmpty();
            assertThat(unflaggedDuplicates).as("documents posted twice without being flagged in doubt").isEmpty();
            assertThat(postedAfterSent).as("documents posted again after being recorded as sent").isEmpty();
            assertThat(duplicateRows).as("one row per document").isZero();
            assertThat(sent + inDoubt).isEqualTo(total);
            assertThat(statusDisagrees).as("the status endpoint tells what the database holds").isEmpty();
            assertThat(answersMissing).as("OrderResponses that did not reach the ERP exactly once").isEmpty();
            assertThat(foreign).as("answers to Orders Jakamo never accepted").isEmpty();
            assertThat(ledger.shownAfterAck).as("messages shown again after the ERP acknowledged them").isEmpty();
            assertThat(ledger.duplicateAfterAck).as("a body shown again, under another id, after its ack").isEmpty();
            assertThat(ledger.unknownOnAck).as("messages shown, then unknown when acknowledged").isEmpty();
            assertThat(h.sandbox().jakamo().queue(HTTP)).isEmpty();
            assertThat(kills).isEqualTo(cycles);
        } finally {
            erpThreads.shutdownNow();
        }
    }

    /** What the ERP was shown and acknowledged, by message id and by body. */
    private static final class InboxLedger {
        final Set<String> ackedIds = ConcurrentHashMap.newKeySet();
        final Map<String, String> ackedShaById = new ConcurrentHashMap<>();
        /** Acknowledged bodies: SHA-256 → the order number the OrderResponse answers. */
        final Map<String, String> bodyByShaOrder = new ConcurrentHashMap<>();
        final Set<String> everShown = ConcurrentHashMap.newKeySet();
        final List<String> shownAfterAck = new CopyOnWriteArrayList<>();
        final List<String> duplicateAfterAck = new CopyOnWriteArrayList<>();
        final List<String> unknownOnAck = new CopyOnWriteArrayList<>();
        final AtomicInteger shownAgainBeforeAck = new AtomicInteger();

        void shown(SimulatedErp.InboxMessage m) {
            String sha = Harness.sha256(m.body());
            if (ackedIds.contains(m.id())) {
                shownAfterAck.add(m.id());
            } else if (bodyByShaOrder.containsKey(sha)) {
                duplicateAfterAck.add(m.id() + " has the body of acknowledged " + ackedShaById.entrySet().stream()
                        .filter(e -> e.getValue().equals(sha)).map(Map.Entry::getKey).findFirst().orElse("?"));
            }
            if (!everShown.add(m.id())) {
                shownAgainBeforeAck.incrementAndGet();
            }
        }

        void acknowledged(SimulatedErp.InboxMessage m) {
            String sha = Harness.sha256(m.body());
            ackedIds.add(m.id());
            ackedShaById.put(m.id(), sha);
            bodyByShaOrder.put(sha, ErpHttpEndToEndIT.orderReference(m.text()));
        }

        int acknowledgedBodies() {
            return bodyByShaOrder.size();
        }
    }

    /** The Orders the sandbox's Jakamo accepted from the HTTP integration: each made the supplier answer once. */
    private static List<DocumentRecord> acceptedOrders(Journal journal) {
        return journal.documents(HTTP).stream().filter(d -> "Order".equals(d.rootElement())).toList();
    }

    record Row(long id, String sha256, String businessKey, String state, Instant archivedAt) {
    }

    private static List<Row> rows(Harness h) {
        if (h.query("SELECT 1 FROM pg_tables WHERE tablename = 'outbound_document'", rs -> 1).isEmpty()) {
            return List.of();
        }
        return h.query("SELECT id, sha256, business_key, state, archived_at FROM outbound_document "
                + "WHERE integration = ? ORDER BY id", rs -> new Row(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getTimestamp(5) == null ? null
                : rs.getTimestamp(5).toInstant()), HTTP);
    }

    /** Whether a send began since the last kill and was cut by this one (a new SENDING row). */
    private static boolean sendingAgain(Harness h, Set<Long> sendingBefore) {
        return rows(h).stream().filter(r -> r.state().equals("SENDING")).map(r -> sendingBefore.add(r.id()))
                .reduce(false, Boolean::logicalOr);
    }
}
