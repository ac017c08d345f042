package io.jakamoconnector.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.sandbox.DocumentRecord;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.Journal;
import io.jakamoconnector.sandbox.QueueMessage;
import io.jakamoconnector.sandbox.RequestRecord;
import io.jakamoconnector.sandbox.SupplierReply;
import io.jakamoconnector.domain.testing.Documents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * T3.2: every request the sandbox recorded (Entra's and Jakamo's journals) has its audit event, and every audit event
 * of an exchange has its request: 0 missing, 0 orphans. The journal holds no correlation id of ours, so the pairing
 * rule is by content, which is exact here:
 * <ul>
 *   <li>token request answered 200 ↔ {@code token_acquired}, by the token's fingerprint (both sides: the first 16 hex
 *       characters of its SHA-256);</li>
 *   <li>queue read that handed out a message ↔ {@code message_received} (outcome ok), by the message's SHA-256;</li>
 *   <li>acknowledgement ↔ {@code message_acknowledged}, by the SHA-256 of the acknowledged message;</li>
 *   <li>Order post Jakamo accepted ↔ {@code document_sent}, by order number.</li>
 * </ul>
 * Reads of an empty queue are not audited by design (one per poll; they are the {@code jakamo_queue_poll_seconds}
 * metric), so they are counted and left out; any other request (discovery, keys, …) would count as missing.
 * The other half of T3.2, {@code verify} catching 1000/1000 random mutations, is persistence's AuditTamperIT.
 */
class AuditCompletenessIT {
    private static final Logger LOG = LoggerFactory.getLogger(AuditCompletenessIT.class);
    private static final int EACH_WAY = FaultBed.FULL ? 2000 : 120;
    private static final int RESTARTS = FaultBed.FULL ? 10 : 3;

    @TempDir
    Path dir;

    @Test
    void everyRecordedRequestHasItsAuditEventAndEveryExchangeEventItsRequest() throws Exception {
        try (FaultBed bed = FaultBed.create(dir, 1)) {
            // the supplier's automatic answers to posted Orders would be queue messages whose bytes the test never
            // sees; without them every message on the queue is one the test put there and can fingerprint
            bed.sandbox.jakamo().supplierReply(SupplierReply.NONE);
            Map<String, String> shaOfMessage = new HashMap<>();
            int perRound = EACH_WAY / RESTARTS;
            List<String> orders = new ArrayList<>();
            for (int round = 0; round < RESTARTS; round++) {
                for (int i = 1; i <= perRound; i++) {
                    String number = "R" + round + "-" + i;
                    QueueMessage m = bed.sandbox.jakamo().enqueue(FaultBed.ORDERS,
                            Documents.orderResponse(number, "SO-" + number));
                    shaOfMessage.put(m.id(), sha256(m.body()));
                }
                orders.addAll(bed.dropOrders("A" + round, perRound));
                // each start is a new token (a cold cache), so the run holds several token exchanges
                try (FaultBed.Connector connector = bed.start()) {
                    FaultBed.await(Duration.ofSeconds(FaultBed.FULL ? 600 : 90), () -> {
                        try {
                            return bed.sandbox.jakamo().queue(FaultBed.ORDERS).isEmpty()
                                    && orders.stream().allMatch(n -> bed.sandbox.journal()
                                            .timesAccepted("Order", n) > 0);
                        } catch (RuntimeException e) {
                            return false;
                        }
                    });
                    Thread.sleep(2_500);   // two more polls find the queue empty: reads the pairing rule leaves out
                }
            }
            Thread.sleep(300);   // the journal records a request after answering it
            Journal journal = bed.sandbox.journal();
            List<RequestRecord> requests = journal.requests();
            Map<String, List<String>> audit = auditKeys(bed);

            Map<String, Integer> journalSide = new LinkedHashMap<>();
            List<String> unpairable = new ArrayList<>();
            int emptyReads = 0;
            Map<String, List<String>> expected = new HashMap<>();
            for (RequestRecord r : requests) {
                if (r.endpoint() == Endpoint.TOKEN && r.status() == 200) {
                    expected.computeIfAbsent("token_acquired", k -> new ArrayList<>()).add(r.tokenFingerprint());
                } else if (r.endpoint() == Endpoint.QUEUE_READ && r.status() == 200 && r.messageId() == null) {
                    emptyReads++;
                    continue;
                } else if (r.endpoint() == Endpoint.QUEUE_READ && r.status() == 200) {
                    expected.computeIfAbsent("message_received", k -> new ArrayList<>())
                            .add(shaOfMessage.get(r.messageId()));
                } else if (r.endpoint() == Endpoint.QUEUE_ACK && r.status() / 100 == 2) {
                    expected.computeIfAbsent("message_acknowledged", k -> new ArrayList<>())
                            .add(shaOfMessage.get(r.messageId()));
                } else if (r.endpoint() == Endpoint.ORDER_POST && r.status() / 100 == 2) {
                    continue;   // paired through the accepted documents below (the request record has no number)
                } else {
                    unpairable.add(r.endpoint() + " " + r.method() + " " + r.status() + " " + r.fault());
                }
                journalSide.merge(r.endpoint().name(), 1, Integer::sum);
            }
            for (DocumentRecord d : journal.documents()) {
                if (d.endpoint() == Endpoint.ORDER_POST) {
                    expected.computeIfAbsent("document_sent", k -> new ArrayList<>()).add(d.documentNumber());
                    journalSide.merge(Endpoint.ORDER_POST.name(), 1, Integer::sum);
                }
            }
            long postRequests = journal.count(Endpoint.ORDER_POST);

            Map<String, int[]> result = new TreeMap<>();
            int missing = unpairable.size();
            int orphans = 0;
            for (String action : List.of("token_acquired", "message_received", "message_acknowledged",
                    "document_sent")) {
                List<String> want = new ArrayList<>(expected.getOrDefault(action, List.of()));
                List<String> have = new ArrayList<>(audit.getOrDefault(action, List.of()));
                int wanted = want.size();
                int had = have.size();
                List<String> leftover = new ArrayList<>(have);
                int matched = 0;
                for (String key : want) {
                    if (key != null && leftover.remove(key)) {
                        matched++;
                    }
                }
                missing += wanted - matched;
                orphans += leftover.size();
                result.put(action, new int[] {wanted, had, matched, wanted - matched, leftover.size()});
            }

            StringBuilder report = new StringBuilder(String.format("%-22s %8s %8s %8s %8s %8s%n", "exchange",
                    "requests", "events", "matched", "missing", "orphans"));
            result.forEach((action, n) -> report.append(String.format("%-22s %8d %8d %8d %8d %8d%n", action, n[0],
                    n[1], n[2], n[3], n[4])));
            report.append("requests recorded: ").append(requests.size()).append(" (").append(journalSide)
                    .append("), empty-queue reads left out by rule: ").append(emptyReads)
                    .append(", unpairable: ").append(unpairable).append('\n');
            report.append("total: missing ").append(missing).append(", orphans ").append(orphans).append('\n');
            FaultBed.writeResult("audit-completeness.txt", report.toString());
            LOG.info("audit completeness:\n{}", report);

            assertThat(result.get("message_received")[0]).isGreaterThanOrEqualTo(EACH_WAY - RESTARTS);
            assertThat(result.get("document_sent")[0]).isEqualTo((int) postRequests);
            assertThat(result.get("token_acquired")[0]).isGreaterThanOrEqualTo(RESTARTS);
            assertThat(unpairable).isEmpty();
            assertThat(missing).isZero();
            assertThat(orphans).isZero();
        }
    }

    /** action → the pairing key of each of its events (fingerprint, SHA-256 or order number). */
    private static Map<String, List<String>> auditKeys(FaultBed bed) throws Exception {
        Map<String, List<String>> keys = new HashMap<>();
        try (Connection c = bed.db.ownerConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT action, outcome, token_fingerprint, sha256, business_key FROM audit_event ORDER BY seq");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String action = r.getString(1);
                String outcome = r.getString(2);
                String key;
                if (action.equals("token_acquired")) {
                    key = r.getString(3);
                } else if (action.equals("message_received") && outcome.equals("ok")
                        || action.equals("message_acknowledged")) {
                    key = r.getString(4);
                } else if (action.equals("document_sent")) {
                    key = r.getString(5);
                } else {
                    continue;
                }
                keys.computeIfAbsent(action, k -> new ArrayList<>()).add(key);
            }
        }
        return keys;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static String sha256(String text) throws Exception {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
