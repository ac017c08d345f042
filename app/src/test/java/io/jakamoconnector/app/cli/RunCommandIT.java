package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jakamoconnector.sandbox.Endpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} as it runs in production: the packaged jar in its own JVM with the embedded PostgreSQL, against the
 * sandbox. Health and metrics answer, an Order dropped while it runs makes the round trip, SIGTERM stops it cleanly
 * (exit 0, no temp file, the stop audited), and every log line is one JSON object with a correlation id.
 */
class RunCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void runsServesHealthAndMetricsMakesTheRoundTripAndStopsCleanlyOnSigterm() throws Exception {
        try (SandboxBed bed = new SandboxBed(dir, """
                polling: { inboundSeconds: 1, outboundSeconds: 1 }
                health: { port: 0 }
                shutdown: { graceSeconds: 10 }
                """)) {
            Map<String, String> env = Map.of("JAKAMO_CONNECTOR_CONFIG", bed.files.configFile().toString(),
                    "JAKAMO_CONNECTOR_INTEGRATIONS_ORDERS_FOLDERS_STABLESECONDS", "1",
                    "JAKAMO_CONNECTOR_LOG_FORMAT", "json");
            int exit;
            try (ConnectorProcess connector = ConnectorProcess.start(dir, env, "run")) {
                URI health = connector.health(Duration.ofSeconds(90));
                long listening = (System.nanoTime() - connector.startedNanos) / 1_000_000;
                assertThat(ConnectorProcess.get(health.resolve("/health/live")).status()).isEqualTo(200);

                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                        ConnectorProcess.get(health.resolve("/health/ready")).status() == 200);
                long ready = (System.nanoTime() - connector.startedNanos) / 1_000_000;
                JsonNode readiness = JSON.readTree(ConnectorProcess.get(health.resolve("/health/ready")).body());
                assertThat(readiness.at("/status").asText()).isEqualTo("UP");
                assertThat(readiness.at("/checks/database/status").asText()).isEqualTo("UP");
                assertThat(readiness.at("/checks/integrations/orders/token/status").asText()).isEqualTo("UP");
                assertThat(readiness.at("/checks/integrations/orders/token/detail").asText()).startsWith("token ");
                assertThat(readiness.at("/checks/integrations/orders/inbound/note").asText())
                        .startsWith("polling: holds the queue lease");
                assertThat(readiness.at("/checks/integrations/orders/outbound/status").asText()).isEqualTo("UP");

                long droppedAt = System.nanoTime();
                bed.dropOrder("PO-8001");
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                        .until(() -> bed.files("from_jakamo").size() == 1);
                long roundTrip = (System.nanoTime() - droppedAt) / 1_000_000;
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        bed.sandbox.journal().acknowledgements(SandboxBed.ORDERS).size() == 1);
                assertThat(bed.journal().timesAccepted("Order", "PO-8001")).isEqualTo(1);

                // the journal has the acknowledgement once Jakamo got it; the connector counts it after its own
                // commit, a moment later
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(ConnectorProcess.get(health.resolve("/metrics")).body())
                            .contains("jakamo_documents_sent_total{application=\"jakamo-connector\",integration=\"orders\"} 1.0")
                            .contains("jakamo_messages_delivered_total{application=\"jakamo-connector\",integration=\"orders\"} 1.0")
                            .contains("jakamo_messages_acknowledged_total{application=\"jakamo-connector\",integration=\"orders\"} 1.0")
                            .contains("jakamo_queue_lease_held{application=\"jakamo-connector\",integration=\"orders\"} 1.0")
                            .contains("jakamo_queue_poll_seconds_count{application=\"jakamo-connector\",integration=\"orders\",outcome=\"message\"} 1")
                            .contains("jakamo_token_requests_total{application=\"jakamo-connector\",integration=\"orders\",kind=\"token\"}")
                            .contains("jakamo_audit_appends_total{action=\"document_sent\",application=\"jakamo-connector\"} 1.0")
                            .contains("jakamo_round_last_success_timestamp_seconds{")
                            .contains("jvm_memory_used_bytes"));
                assertThat(ConnectorProcess.get(health.resolve("/nothing")).status()).isEqualTo(404);

                // the figure is the idle connector's after the round trip: two more polls of the queue first
                long reads = bed.sandbox.journal().count(Endpoint.QUEUE_READ);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> bed.sandbox.journal().count(Endpoint.QUEUE_READ) >= reads + 2);
                long rss = connector.rssMiB();
                exit = connector.terminate(Duration.ofSeconds(60));
                assertThat(exit).as(connector.transcript()).isIn(0, 143);
                System.out.printf("MEASURED run: health listening after %d ms, ready (first polls done) after %d ms; "
                        + "Order dropped to OrderResponse delivered %d ms; JVM RSS after the round trip %d MiB; exit "
                        + "code on SIGTERM %d%n", listening, ready, roundTrip, rss, exit);

                assertThat(connector.out).anyMatch(l -> l.startsWith("jakamo-connector running: 1 integration(s) "
                        + "[orders]; health http://127.0.0.1:"));
                List<String> logs = connector.err;
                assertThat(logs).isNotEmpty();
                for (String line : logs) {
                    JsonNode json = JSON.readTree(line);   // every line one JSON object
                    assertThat(json.get("correlationId").asText()).as(line).isNotBlank();
                }
                assertThat(logs).anyMatch(l -> l.contains("\"integration\":\"orders\"")
                        && l.contains("\"correlationId\":\"out-") && l.contains("sent"));
                assertThat(logs).anyMatch(l -> l.contains("SIGTERM received"));
                assertThat(logs).anyMatch(l -> l.contains("service stopped (graceful"));
            }
            assertThat(bed.tempFiles()).isEmpty();
            assertThat(bed.files("processed")).hasSize(1);

            // the clean stop signed the chain's head, service_stopped included, before the database closed
            List<String> anchored;
            try (var found = Files.walk(dir)) {
                Path anchor = found.filter(p -> p.getFileName().toString().equals("audit-anchor.log")).findFirst()
                        .orElseThrow(() -> new AssertionError("no audit-anchor.log under " + dir));
                anchored = Files.readAllLines(anchor);
            }

            Path export = dir.resolve("audit.jsonl");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = RootCommand.commandLine(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(out, true, StandardCharsets.UTF_8)).execute("--config",
                    bed.files.configFile().toString(), "audit", "export", "--output", export.toString());
            assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
            List<String> events = Files.readAllLines(export);
            assertThat(events).anyMatch(l -> l.contains("\"service_started\""));
            assertThat(events).anyMatch(l -> l.contains("\"lease_acquired\""));
            assertThat(events).anyMatch(l -> l.contains("\"document_sent\""));
            assertThat(events).anyMatch(l -> l.contains("\"message_acknowledged\""));
            assertThat(events).anyMatch(l -> l.contains("\"service_stopped\"") && l.contains("graceful"));
            String stopped = events.stream().filter(l -> l.contains("\"service_stopped\"")).findFirst().orElseThrow();
            String stoppedSeq = stopped.substring("{\"seq\":".length(), stopped.indexOf(','));
            assertThat(anchored).last().asString().startsWith("{\"seq\":" + stoppedSeq + ",");
        }
    }
}
