package io.jakamoconnector.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.reliability.FaultBed.InboundRow;
import io.jakamoconnector.sandbox.AckRecord;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.Fault;
import io.jakamoconnector.sandbox.Faults;
import io.jakamoconnector.sandbox.Journal;
import io.jakamoconnector.sandbox.QueueMessage;
import io.jakamoconnector.sandbox.RequestRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #8's fault matrix: {Entra, Jakamo, PostgreSQL} × {latency, hang, connection reset, 503, 429 with Retry-After,
 * malformed body, empty response, body cut mid-way} × {token, queue read, acknowledgement, post}, each cell with live
 * traffic (supplier answers queued at Jakamo, Orders dropped by the ERP) while the fault is on, then cleared. Per cell:
 * 0 lost, recovery (the first acknowledgement and the first accepted Order after the fault cleared; a probe message
 * and a probe Order make sure there is work) within 2 poll intervals, 0 acknowledgements without a committed row, no
 * request before a Retry-After had passed. The cells that make no sense are listed with the reason. The table goes
 * to target/reliability-results/fault-matrix.txt and docs/reliability.md.
 */
class FaultMatrixIT {
    private static final Logger LOG = LoggerFactory.getLogger(FaultMatrixIT.class);
    private static final int POLL_SECONDS = 5;
    private static final int RETRY_AFTER_SECONDS = 2;
    private static final int PER_CELL = FaultBed.FULL ? 50 : 3;
    /** How long each fault stays on while traffic flows. */
    private static final Duration WINDOW = Duration.ofSeconds(FaultBed.FULL ? 10 : 4);
    private static final Duration DRAIN = Duration.ofSeconds(FaultBed.FULL ? 180 : 90);

    @TempDir
    static Path dir;
    private static FaultBed bed;
    private static FaultBed.Connector connector;
    private static final List<String> TABLE = new ArrayList<>();
    private static final List<String> FAILURES = new ArrayList<>();
    private static int cellNumber;

    enum Kind {
        LATENCY("latency"), HANG("hang"), RESET("connection reset"), STATUS_503("503"), STATUS_429("429 + Retry-After"),
        MALFORMED("malformed body"), EMPTY("empty response"), CUT("body cut mid-way"), DOWN("database down/up");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        bed = FaultBed.create(dir, POLL_SECONDS);
        TABLE.add(String.format("%-10s %-18s %-10s %6s %6s %5s %9s %6s %8s %8s %13s %8s %s", "system", "fault",
                "operation", "struck", "in/out", "lost", "flagged", "dupes", "ack-norow", "early-RA", "recov in/out",
                "drained", "result"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (connector != null) {
            connector.close();
        }
        StringBuilder text = new StringBuilder("# fault matrix (" + (FaultBed.FULL ? "full" : "CI") + " size: "
                + PER_CELL + " messages in and " + PER_CELL + " Orders out per cell, poll interval " + POLL_SECONDS
                + " s, fault window " + WINDOW.toSeconds() + " s)\n");
        TABLE.forEach(row -> text.append(row).append('\n'));
        text.append(notApplicable());
        FaultBed.writeResult("fault-matrix.txt", text.toString());
        LOG.info("fault matrix:\n{}", text);
        if (bed != null) {
            bed.close();
        }
    }

    static String notApplicable() {
        return """
                not applicable:
                  Entra x {queue read, acknowledgement, post}: Entra ID is only asked for tokens.
                  Jakamo x token: Jakamo issues no tokens (its token faults are Entra's row).
                  PostgreSQL x {503, 429 + Retry-After, malformed body, empty response, body cut mid-way}: no HTTP
                    between the connector and PostgreSQL; the wire faults that exist there are latency, hang, reset
                    and the server going away (down/up), injected by a TCP proxy in front of the test PostgreSQL.
                  PostgreSQL x one operation: the proxy cannot aim at one statement, so each PostgreSQL fault strikes
                    whatever is in flight while traffic runs in both directions (token audit rows, saves, acks, posts).
                """;
    }

    @Test
    void everyCellLosesNothingAndRecovers() throws Exception {
        // Entra: the token endpoint; a fresh connector each cell, so the first poll needs a token
        for (Kind kind : List.of(Kind.LATENCY, Kind.HANG, Kind.RESET, Kind.STATUS_503, Kind.STATUS_429,
                Kind.MALFORMED, Kind.EMPTY, Kind.CUT)) {
            if (FaultBed.FULL || List.of(Kind.RESET, Kind.STATUS_429, Kind.MALFORMED).contains(kind)) {
                httpCell("Entra", Endpoint.TOKEN, "token", kind, true);
            }
        }
        // Jakamo: the full product in the full size, each fault once (rotating the operation) in CI
        Endpoint[] operations = {Endpoint.QUEUE_READ, Endpoint.QUEUE_ACK, Endpoint.ORDER_POST};
        String[] names = {"queue read", "ack", "post"};
        int k = 0;
        for (Kind kind : List.of(Kind.LATENCY, Kind.HANG, Kind.RESET, Kind.STATUS_503, Kind.STATUS_429,
                Kind.MALFORMED, Kind.EMPTY, Kind.CUT)) {
            for (int op = 0; op < operations.length; op++) {
                if (FaultBed.FULL || op == k % operations.length) {
                    httpCell("Jakamo", operations[op], names[op], kind, false);
                }
            }
            k++;
        }
        for (Kind kind : List.of(Kind.LATENCY, Kind.HANG, Kind.RESET, Kind.DOWN)) {
            databaseCell(kind);
        }
        assertThat(FAILURES).as("cells that failed (table in target/reliability-results/fault-matrix.txt)").isEmpty();
    }

    private static Fault fault(Kind kind) {
        switch (kind) {
            case LATENCY:
                return Fault.latency(Duration.ofSeconds(2));
            case HANG:
                // until the connector's call timeout (30 s) has passed: the request then ends on its side, and the
                // sandbox journals it a second later, which is when the cell's recovery clock starts
                return Fault.hang(Duration.ofSeconds(31));
            case RESET:
                return Fault.connectionReset();
            case STATUS_503:
                return Fault.serverError(503);
            case STATUS_429:
                return Fault.tooManyRequests(RETRY_AFTER_SECONDS);
            case MALFORMED:
                return Fault.malformedBody();
            case EMPTY:
                return Fault.emptyResponse();
            case CUT:
                return Fault.truncatedBody();
            default:
                throw new IllegalArgumentException("not an HTTP fault: " + kind);
        }
    }

    /**
     * {@code -Dreliability.cells=<regex>} runs only the cells whose "system operation kind" matches (for example
     * {@code "PostgreSQL.*DOWN"} or {@code "Jakamo post STATUS_429"}), to repeat one cell at full size.
     */
    private static boolean selected(String cell) {
        String only = System.getProperty("reliability.cells", "");
        return only.isBlank() || java.util.regex.Pattern.compile(only).matcher(cell).find();
    }

    private static void httpCell(String system, Endpoint endpoint, String operation, Kind kind, boolean freshConnector)
            throws Exception {
        if (!selected(system + " " + operation + " " + kind)) {
            return;
        }
        String prefix = "C" + (++cellNumber);
        if (freshConnector && connector != null) {
            connector.close();
            connector = null;
        }
        Instant ruleOn = Instant.now();
        Faults.ActiveRule rule = bed.sandbox.faults().always(endpoint, fault(kind));
        if (connector == null) {
            connector = bed.start();
        }
        Traffic traffic = traffic(prefix);
        Thread.sleep(WINDOW.toMillis());
        // a cell counts only if requests met the fault: the window may fall between two polls
        FaultBed.await(Duration.ofSeconds(40), () -> rule.struck() > 0);
        bed.sandbox.faults().clear();
        Instant cleared = awaitStruckRequestsEnded(rule, endpoint, ruleOn);
        finishCell(system, kind.label, operation, prefix, traffic, rule.struck(), cleared);
    }

    private static void databaseCell(Kind kind) throws Exception {
        if (!selected("PostgreSQL any " + kind)) {
            return;
        }
        String prefix = "C" + (++cellNumber);
        if (connector == null) {
            connector = bed.start();
        }
        Traffic traffic = traffic(prefix);
        Thread.sleep(POLL_SECONDS * 1000L / 2);
        switch (kind) {
            case LATENCY:
                bed.dbProxy.latency(200);
                break;
            case HANG:
                bed.dbProxy.hang();
                break;
            case RESET:
                bed.dbProxy.resetAll();
                break;
            case DOWN:
                bed.dbProxy.down();
                break;
            default:
                throw new IllegalArgumentException(kind.name());
        }
        // two rounds of each loop at least run into the fault (the loops are idle between polls)
        Thread.sleep(Math.max(WINDOW.toMillis(), 2_000L * POLL_SECONDS + 1_000));
        if (kind == Kind.RESET) {
            bed.dbProxy.resetAll();   // a second reset mid-window: pooled and freshly opened connections both
        }
        bed.dbProxy.pass();
        finishCell("PostgreSQL", kind.label, "in flight", prefix, traffic, -1, Instant.now());
    }

    /** A cell's traffic, and when it began: the journal spans every cell, so each cell judges its own requests. */
    private record Traffic(List<String> inbound, List<String> outbound, Set<String> messageIds, Instant began) {
    }

    private static Traffic traffic(String prefix) throws Exception {
        Instant began = Instant.now();
        List<String> in = bed.enqueueResponses(prefix + "I", PER_CELL);
        Set<String> ids = new HashSet<>();
        for (QueueMessage m : bed.sandbox.jakamo().queue(FaultBed.ORDERS)) {
            ids.add(m.id());
        }
        List<String> out = bed.dropOrders(prefix + "O", PER_CELL);
        return new Traffic(in, out, ids, began);
    }

    /** When the last request the fault struck had its (lack of) answer: the fault is over for the connector then. */
    private static Instant awaitStruckRequestsEnded(Faults.ActiveRule rule, Endpoint endpoint, Instant ruleOn)
            throws Exception {
        // this cell's struck requests only: the journal spans every cell
        Supplier<List<RequestRecord>> struck = () -> bed.sandbox.journal().requests(endpoint).stream()
                .filter(r -> r.fault() != null && !r.startedAt().isBefore(ruleOn)).toList();
        FaultBed.await(Duration.ofSeconds(60), () -> struck.get().size() >= rule.struck());
        Instant last = Instant.now();
        for (RequestRecord r : struck.get()) {
            Instant end = r.endedAt();
            if (r.fault().startsWith("TOO_MANY_REQUESTS")) {
                end = end.plusSeconds(RETRY_AFTER_SECONDS);   // the connector is asked to wait that long
            }
            if (end.isAfter(last)) {
                last = end;
            }
        }
        long wait = Duration.between(Instant.now(), last).toMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        return last;
    }

    private static void finishCell(String system, String fault, String operation, String prefix, Traffic traffic,
                                   int struck, Instant cleared) throws Exception {
        // recovery: a probe message and a probe Order, put in as the fault clears, both through
        String probeIn = bed.enqueueResponses(prefix + "P", 1).get(0);
        String probeOut = bed.dropOrders(prefix + "Q", 1).get(0);
        Duration limit = Duration.ofSeconds(Math.max(4L * POLL_SECONDS, 60));
        long[] doneAt = {-1, -1};
        boolean recovered = FaultBed.await(limit, () -> {
            if (doneAt[0] < 0 && inboundDone(probeIn)) {
                doneAt[0] = Duration.between(cleared, Instant.now()).toMillis();
            }
            if (doneAt[1] < 0 && outboundDone(probeOut)) {
                doneAt[1] = Duration.between(cleared, Instant.now()).toMillis();
            }
            return doneAt[0] >= 0 && doneAt[1] >= 0;
        });
        // recovery is the connector working again: the first acknowledgement and the first accepted Order after
        // the fault cleared (the probes may queue behind the cell's own traffic, whose processing is not recovery)
        Instant firstAck = null;
        for (InboundRow row : bed.inboundRows()) {
            if (row.acknowledgedAt() != null && row.acknowledgedAt().isAfter(cleared)
                    && (firstAck == null || row.acknowledgedAt().isBefore(firstAck))) {
                firstAck = row.acknowledgedAt();
            }
        }
        Instant firstPost = bed.sandbox.journal().documents().stream().map(d -> d.receivedAt())
                .filter(t -> t.isAfter(cleared)).min(Instant::compareTo).orElse(null);
        long inMillis = firstAck == null ? doneAt[0] : Duration.between(cleared, firstAck).toMillis();
        long outMillis = firstPost == null ? doneAt[1] : Duration.between(cleared, firstPost).toMillis();

        List<String> allIn = new ArrayList<>(traffic.inbound());
        allIn.add(probeIn);
        List<String> allOut = new ArrayList<>(traffic.outbound());
        allOut.add(probeOut);
        FaultBed.await(DRAIN, () -> allIn.stream().allMatch(FaultMatrixIT::inboundDone)
                && allOut.stream().allMatch(FaultMatrixIT::outboundDone));
        // how long the last of the cell's documents took after the fault cleared (a deferred one waits its retry time)
        long drainMillis = Duration.between(cleared, Instant.now()).toMillis();

        Journal journal = bed.sandbox.journal();
        Map<String, InboundRow> rows = new HashMap<>();
        List<InboundRow> unkeyedQuarantine = new ArrayList<>();
        for (InboundRow row : bed.inboundRows()) {
            if (row.businessKey() != null) {
                rows.put(row.businessKey(), row);
            } else if ("QUARANTINED_ACKNOWLEDGED".equals(row.state())
                    && !row.receivedAt().isBefore(traffic.began())) {
                unkeyedQuarantine.add(row);
            }
        }
        // a message every read of which was corrupted (malformed body on the queue read) is quarantined with the bytes
        // read, which name no order: pair each such acknowledged message with a quarantined row of this cell recorded
        // before its acknowledgement; it is flagged (kept for a person), not lost
        unkeyedQuarantine.sort(java.util.Comparator.comparing(InboundRow::receivedAt));
        Set<String> cellNumbers = new HashSet<>(allIn);
        Set<String> quarantinedWhole = new HashSet<>();
        for (AckRecord ack : journal.acknowledgements(FaultBed.ORDERS)) {
            if (!cellNumbers.contains(ack.documentNumber()) || rows.containsKey(ack.documentNumber())
                    || quarantinedWhole.contains(ack.documentNumber())) {
                continue;
            }
            for (java.util.Iterator<InboundRow> it = unkeyedQuarantine.iterator(); it.hasNext(); ) {
                if (!it.next().receivedAt().isAfter(ack.at())) {
                    it.remove();
                    quarantinedWhole.add(ack.documentNumber());
                    break;
                }
            }
        }
        Map<String, String> outStates = bed.outboundStates();
        int lost = 0;
        int flagged = 0;
        for (String number : allIn) {
            InboundRow row = rows.get(number);
            if (quarantinedWhole.contains(number)) {
                flagged++;
            } else if (row == null || !row.state().endsWith("ACKNOWLEDGED")) {
                lost++;
            } else if (row.state().startsWith("QUARANTINED")) {
                flagged++;
            }
        }
        int duplicates = 0;
        for (String number : allOut) {
            int accepted = journal.timesAccepted("Order", number);
            String state = outStates.get(number);
            if ("IN_DOUBT".equals(state)) {
                flagged++;
            } else if (accepted == 0) {
                lost++;
            }
            if (accepted > 1) {
                duplicates++;
            }
        }
        // every acknowledgement the sandbox received for this cell's messages had its row committed before it
        int ackWithoutRow = 0;
        for (AckRecord ack : journal.acknowledgements(FaultBed.ORDERS)) {
            if (!cellNumbers.contains(ack.documentNumber()) || quarantinedWhole.contains(ack.documentNumber())) {
                continue;
            }
            InboundRow row = rows.get(ack.documentNumber());
            if (row == null || row.receivedAt().isAfter(ack.at())) {
                ackWithoutRow++;
            }
        }
        int earlyRetryAfter = retryAfterViolations(journal, traffic.began());
        // both ways within 2 poll intervals; a token outage used to defer every due Order by its retry time (30 s)
        boolean recoveryOk = recovered && inMillis <= 2_000L * POLL_SECONDS && outMillis <= 2_000L * POLL_SECONDS;
        boolean pass = lost == 0 && ackWithoutRow == 0 && earlyRetryAfter == 0 && recoveryOk && duplicates == 0
                && struck != 0;
        String row = String.format("%-10s %-18s %-10s %6s %3d/%-3d %4d %9d %6d %8d %8d %13s %7.1fs %s", system, fault,
                operation, struck < 0 ? "-" : String.valueOf(struck), allIn.size(), allOut.size(), lost, flagged,
                duplicates, ackWithoutRow, earlyRetryAfter,
                (inMillis < 0 ? "none" : inMillis / 100 / 10.0 + "s") + "/"
                        + (outMillis < 0 ? "none" : outMillis / 100 / 10.0 + "s"), drainMillis / 1000.0,
                pass ? "pass" : "FAIL");
        TABLE.add(row);
        LOG.info("cell {} (struck {}): {}", prefix, struck, row);
        if (!pass) {
            FAILURES.add(row);
        }
    }

    private static boolean inboundDone(String number) {
        try {
            return bed.inboundRows().stream().anyMatch(r -> number.equals(r.businessKey())
                    && r.state().endsWith("ACKNOWLEDGED"));
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean outboundDone(String number) {
        try {
            String state = bed.outboundStates().get(number);
            return bed.sandbox.journal().timesAccepted("Order", number) > 0 && "SENT".equals(state)
                    || "IN_DOUBT".equals(state) || "DEAD".equals(state) || "FAILED".equals(state);
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Requests to an endpoint that started after a 429 with Retry-After, answered since {@code since}, and before it had
     * passed.
     */
    static int retryAfterViolations(Journal journal, Instant since) {
        List<RequestRecord> all = journal.requests();
        int violations = 0;
        for (RequestRecord limited : all) {
            if (limited.fault() == null || !limited.fault().startsWith("TOO_MANY_REQUESTS")
                    || limited.startedAt().isBefore(since)) {
                continue;
            }
            Instant until = limited.endedAt().plusSeconds(RETRY_AFTER_SECONDS);
            for (RequestRecord r : all) {
                if (r.endpoint() == limited.endpoint() && r.startedAt().isAfter(limited.endedAt())
                        && r.startedAt().isBefore(until)) {
                    violations++;
                    // what a reader needs to tell a request sent in flight from one sent after the answer
                    LOG.warn("early request: #{} {} started {} ({} ms after #{}'s 429 was answered at {}), status {}"
                                    + "{}", r.sequence(), r.endpoint(), r.startedAt(),
                            java.time.Duration.between(limited.endedAt(), r.startedAt()).toMillis(),
                            limited.sequence(), limited.endedAt(), r.status(),
                            r.fault() == null ? "" : ", " + r.fault());
                }
            }
        }
        return violations;
    }
}
