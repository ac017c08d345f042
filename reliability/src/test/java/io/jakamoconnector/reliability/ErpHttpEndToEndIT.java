package io.jakamoconnector.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.app.cli.ConnectorProcess;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.sandbox.Journal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's end-to-end: the packaged connector with two integrations side by side, {@code orders} on the ERP's drop
 * folders and {@code orders-http} on the HTTP adapter, against the sandbox and a real PostgreSQL. An ERP posts an
 * Order over HTTP ({@link SimulatedErp}), it reaches the sandbox's Jakamo, the status endpoint shows it sent, the
 * supplier's OrderResponse is pulled from the inbox and acknowledged and not shown again; meanwhile a folder Order
 * goes the folder way, and each OrderResponse lands with its own integration's ERP. The audit trail names the API key
 * of every served call ({@code erp-key:<id>}), records a refused call without the key, and verifies intact through
 * {@code audit verify}.
 */
class ErpHttpEndToEndIT {
    private static final String HTTP = "orders-http";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern ORDER_REFERENCE =
            Pattern.compile("OrderReference>\\s*<(?:\\w+:)?ID>([^<]+)</(?:\\w+:)?ID>");

    @TempDir
    Path dir;

    @Test
    void anHttpOrderAndAFolderOrderEachReachJakamoAndEachAnswerReachesItsOwnErp() throws Exception {
        try (Harness h = Harness.start(dir, 1, 1)) {
            Harness.HttpIntegration api = h.addHttpIntegration(HTTP);
            SimulatedErp erp = api.erp(WAIT);
            ConnectorProcess p = h.start("node-e");
            p.awaitOut(l -> l.startsWith("jakamo-connector running"), Duration.ofSeconds(120));

            // the ERP posts an Order over HTTP; the same key again is the same document
            byte[] order = Documents.order("PO-H1").getBytes(StandardCharsets.UTF_8);
            SimulatedErp.Submission first = erp.submit("erp-order-PO-H1", order);
            assertThat(first.accepted()).as("202 for the Order: %s", first.problem()).isTrue();
            SimulatedErp.Submission again = erp.submit("erp-order-PO-H1", order);
            assertThat(again.id()).as("the same Idempotency-Key is the same document").isEqualTo(first.id());
            // the folder ERP drops its Order at the same time
            String folderSha = h.dropOrder("PO-F1");

            // a call with a key the integration does not hold is refused and audited without the key
            String wrongKey = "0".repeat(64);
            SimulatedErp stranger = erp.withKey(wrongKey);
            HttpResponse<byte[]> refused = stranger.once(stranger.request("/inbox").GET());
            assertThat(refused.statusCode()).as(new String(refused.body(), StandardCharsets.UTF_8)).isEqualTo(401);

            AtomicReference<SimulatedErp.DocumentStatus> status = new AtomicReference<>();
            boolean sent = Harness.await(() -> {
                status.set(statusOf(erp, first.id()));
                return status.get().state().equals("sent");
            }, WAIT, 100);
            assertThat(sent).as("the status endpoint shows the Order sent; last %s\n%s", status.get(),
                    p.transcript()).isTrue();
            assertThat(status.get().businessKey()).isEqualTo("PO-H1");
            assertThat(status.get().documentType()).isNotBlank();
            assertThat(status.get().attempts()).isGreaterThanOrEqualTo(1);

            // the supplier's OrderResponse reaches the ERP through the inbox; acknowledged, it is not shown again
            AtomicReference<List<SimulatedErp.InboxMessage>> seen = new AtomicReference<>(List.of());
            boolean arrived = Harness.await(() -> {
                seen.set(inboxOf(erp));
                return !seen.get().isEmpty();
            }, WAIT, 100);
            assertThat(arrived).as("an OrderResponse in the HTTP inbox\n%s", p.transcript()).isTrue();
            assertThat(seen.get()).singleElement().satisfies(m -> {
                assertThat(m.text()).contains("OrderResponse");
                assertThat(orderReference(m.text())).isEqualTo("PO-H1");
            });
            SimulatedErp.InboxMessage response = seen.get().get(0);
            assertThat(erp.inbox(null, 10).messages()).as("not acknowledged: shown again")
                    .extracting(SimulatedErp.InboxMessage::id).containsExactly(response.id());
            assertThat(erp.ack(response.id())).isTrue();
            assertThat(erp.inbox(null, 10).messages()).as("acknowledged: not shown again").isEmpty();
            assertThat(erp.ack(response.id())).as("a second ack of the same message is harmless").isTrue();

            // the folder integration: its Order went from to_jakamo to processed, its OrderResponse into from_jakamo
            boolean folderDone = Harness.await(() -> h.files("processed").stream()
                    .anyMatch(f -> f.getFileName().toString().equals("po-PO-F1.xml"))
                    && h.files("from_jakamo").stream().anyMatch(f -> read(f).contains("OrderResponse")), WAIT, 100);
            assertThat(folderDone).as("folder Order processed, its answer delivered: processed %s, from_jakamo %s"
                    + "\n%s", h.files("processed"), h.files("from_jakamo"), p.transcript()).isTrue();
            List<String> folderAnswers = new ArrayList<>();
            for (Path file : h.files("from_jakamo")) {
                folderAnswers.add(orderReference(read(file)));
            }
            assertThat(folderAnswers).as("the folder ERP gets the answer to its own Order only")
                    .containsExactly("PO-F1");
            assertThat(erp.inbox(null, 10).messages()).as("the HTTP ERP is never shown the folder's answer").isEmpty();

            // the sandbox's Jakamo has each Order once, from its own integration
            Journal journal = h.bed.journal();
            assertThat(journal.documents("Order", "PO-H1")).singleElement().satisfies(d -> {
                assertThat(d.integration()).isEqualTo(HTTP);
                assertThat(d.sha256()).isEqualTo(Harness.sha256(order));
            });
            assertThat(journal.documents("Order", "PO-F1")).singleElement().satisfies(d -> {
                assertThat(d.integration()).isEqualTo(Harness.ORDERS);
                assertThat(d.sha256()).isEqualTo(folderSha);
            });
            assertThat(h.sandbox().jakamo().queue(HTTP)).as("the HTTP integration's queue drained").isEmpty();
            assertThat(h.sandbox().jakamo().queue(Harness.ORDERS)).as("the folder integration's queue drained")
                    .isEmpty();

            assertThat(p.terminate(Duration.ofSeconds(60))).as(p.transcript()).isZero();

            // every call the API served is in the audit trail under the key's id; the refused one without any key
            List<String[]> served = h.query("SELECT actor, integration FROM audit_event WHERE action = ? ORDER BY seq",
                    rs -> new String[] {rs.getString(1), rs.getString(2)}, "erp_call_served");
            assertThat(served).as("ERP_CALL_SERVED events").isNotEmpty()
                    .allSatisfy(e -> assertThat(e).containsExactly("erp-key:" + api.keyId(), HTTP));
            assertThat((long) served.size()).as("one ERP_CALL_SERVED per call served").isEqualTo(erp.answered());
            List<String> refusals = h.query("SELECT integration FROM audit_event WHERE action = ?",
                    rs -> rs.getString(1), "erp_call_refused");
            assertThat(refusals).as("the call with a wrong key, audited").containsExactly(HTTP);
            List<String> everything = h.query("SELECT concat_ws(' ', actor, integration, business_key, file_name, "
                    + "reason, remote_correlation_id, credential_key_id) FROM audit_event", rs -> rs.getString(1));
            assertThat(everything).as("no API key, right or wrong, in the audit trail")
                    .noneMatch(e -> e.contains(api.key()) || e.contains(wrongKey));

            ConnectorProcess verify = ConnectorProcess.start(Harness.connectorJar(), dir, h.environment("node-e"),
                    "audit", "verify");
            assertThat(verify.awaitExit(Duration.ofSeconds(120))).as(verify.transcript()).isZero();
            assertThat(String.join("\n", verify.out)).startsWith("audit trail intact");
        }
    }

    /** The buyer's order number an OrderResponse answers ({@code cac:OrderReference/cbc:ID}). */
    static String orderReference(String orderResponse) {
        Matcher m = ORDER_REFERENCE.matcher(orderResponse);
        if (!m.find()) {
            throw new AssertionError("no OrderReference in " + orderResponse);
        }
        return m.group(1);
    }

    private static SimulatedErp.DocumentStatus statusOf(SimulatedErp erp, String id) {
        try {
            return erp.status(id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static List<SimulatedErp.InboxMessage> inboxOf(SimulatedErp erp) {
        try {
            return erp.inbox(null, 10).messages();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
