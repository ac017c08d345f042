package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jakamoconnector.adapter.persistence.TestDatabase;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.domain.testing.Pause;
import io.jakamoconnector.sandbox.Journal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two connector processes on one PostgreSQL, the same integration and the same ERP folders: the sandbox never sees
 * more than one reader of the queue at a time, the standby takes over within about an interval when the poller stops,
 * every message lands in from_jakamo once and every Order dropped meanwhile reaches Jakamo once, whichever instance
 * picks it up and sends it.
 */
class TwoInstancesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void onlyOneInstancePollsAQueueAndTheOtherTakesOver() throws Exception {
        try (TestDatabase db = TestDatabase.create(); SandboxBed bed = new SandboxBed(dir, """
                polling: { inboundSeconds: 1, outboundSeconds: 1 }
                health: { port: 0 }
                database:
                  url: %s
                  user: %s
                  password: { env: TEST_DB_PASSWORD }
                  allowUnverifiedTls: true    # JAKAMO_TEST_JDBC_URL may name a test server on another host
                """.formatted(db.jdbcUrl(), db.user()))) {
            Map<String, String> env = new HashMap<>(Map.of("JAKAMO_CONNECTOR_CONFIG",
                    bed.files.configFile().toString(), "JAKAMO_CONNECTOR_INTEGRATIONS_ORDERS_FOLDERS_STABLESECONDS", "1",
                    "TEST_DB_PASSWORD", new String(db.password())));
            env.put("JAKAMO_CONNECTOR_NODE", "node-a");
            try (ConnectorProcess a = ConnectorProcess.start(dir, env, "run")) {
                URI healthA = a.health(Duration.ofSeconds(90));
                awaitReady(healthA);
                assertThat(inboundNote(healthA)).startsWith("polling: holds the queue lease");

                env.put("JAKAMO_CONNECTOR_NODE", "node-b");
                try (ConnectorProcess b = ConnectorProcess.start(dir, env, "run")) {
                    URI healthB = b.health(Duration.ofSeconds(90));
                    awaitReady(healthB);
                    assertThat(inboundNote(healthB)).as("ready, standing by").startsWith("standby");

                    for (int i = 0; i < 30; i++) {
                        bed.sandbox.jakamo().enqueue(SandboxBed.ORDERS, Documents.orderResponse("PO-6" + i, "S-" + i));
                        if (i % 3 == 0) {
                            bed.dropOrder("PO-5" + i);
                        }
                        Pause.slowPeer(Duration.ofMillis(100), "the messages trickle in while both instances run");
                    }
                    await().atMost(Duration.ofSeconds(30)).until(() -> bed.files("from_jakamo").size() >= 15);
                    assertThat(a.terminate(Duration.ofSeconds(60))).as(a.transcript()).isZero();
                    long stopped = System.nanoTime();
                    for (int i = 30; i < 40; i++) {
                        bed.sandbox.jakamo().enqueue(SandboxBed.ORDERS, Documents.orderResponse("PO-6" + i, "S-" + i));
                        if (i % 3 == 0) {
                            bed.dropOrder("PO-5" + i);
                        }
                    }
                    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                            .until(() -> inboundNote(healthB).startsWith("polling"));
                    long takeover = (System.nanoTime() - stopped) / 1_000_000;

                    // 40 supplier messages enqueued by the test, and one OrderResponse for each of the 14 Orders
                    int expected = 40 + 14;
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                            .until(() -> bed.files("from_jakamo").size() >= expected
                                    && bed.sandbox.journal().acknowledgements(SandboxBed.ORDERS).size() >= expected);
                    Journal journal = bed.journal();
                    assertThat(journal.maxConcurrentQueueReaders(SandboxBed.ORDERS))
                            .as("never two readers of one queue at once").isLessThanOrEqualTo(1);
                    assertThat(bed.files("from_jakamo")).as("each message delivered once").hasSize(expected);
                    assertThat(journal.acknowledgements(SandboxBed.ORDERS)).hasSize(expected)
                            .allSatisfy(ack -> assertThat(ack.alreadyCleared()).isFalse());
                    for (int i = 0; i < 40; i += 3) {
                        assertThat(journal.timesAccepted("Order", "PO-5" + i)).as("Order PO-5" + i).isEqualTo(1);
                    }
                    assertThat(bed.files("processed")).hasSize(14);
                    assertThat(bed.tempFiles()).as("the stop mid-traffic left no half-written file").isEmpty();
                    assertThat(bed.sandbox.jakamo().queue(SandboxBed.ORDERS)).isEmpty();
                    assertThat(ConnectorProcess.get(healthB.resolve("/metrics")).body())
                            .contains("jakamo_queue_lease_held{application=\"jakamo-connector\",integration=\"orders\"} 1.0");
                    assertThat(a.err).anyMatch(l -> l.contains("service stopped (graceful"));
                    System.out.printf("MEASURED two instances: standby took the queue over %d ms after the poller "
                            + "stopped (interval 1 s); %d messages and 14 Orders, max concurrent queue readers %d%n",
                            takeover, expected, journal.maxConcurrentQueueReaders(SandboxBed.ORDERS));
                    assertThat(b.terminate(Duration.ofSeconds(60))).as(b.transcript()).isZero();
                }
            }
        }
    }

    private static void awaitReady(URI health) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                ConnectorProcess.get(health.resolve("/health/ready")).status() == 200);
    }

    private static String inboundNote(URI health) throws Exception {
        JsonNode ready = JSON.readTree(ConnectorProcess.get(health.resolve("/health/ready")).body());
        return ready.at("/checks/integrations/orders/inbound/note").asText();
    }
}
