package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.Fault;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's whole story, as an operator lives it: {@code run} up on the embedded default with an e-mail and two
 * webhook channels; the sandbox resets the connection after accepting an Order, which goes in doubt. Within a poll
 * interval or two the gauge counts it, {@code /health/ready} says ATTENTION with what to do, and each channel was told
 * once. The operator lists it and resolves it with a reason while the service keeps running; the service takes the
 * correction up at its next round, so {@code failed/} is empty again, the file is in {@code processed/}, the gauge is
 * back at 0 and readiness UP; the audit trail has the resolve with the operator, the integration and the reason.
 */
class OperatorDayIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COUNT = "jakamo_documents_waiting";
    private static final String AGE = "jakamo_documents_waiting_oldest_age_seconds";

    @TempDir
    Path dir;

    @Test
    void anOrderInDoubtIsSeenToldAndSettledWithoutStoppingTheService() throws Exception {
        try (NotificationReceivers receivers = NotificationReceivers.start(Files.createTempDirectory("day-cert"));
             SandboxBed bed = new SandboxBed(dir, """
                     polling: { inboundSeconds: 1, outboundSeconds: 1 }
                     health: { port: 0 }
                     shutdown: { graceSeconds: 10 }
                     """)) {
            Files.writeString(bed.files.configFile(), Files.readString(bed.files.configFile())
                    + receivers.channels(bed.files.configFile().getParent(), "/ok/teams/T", "/ok/hook"));
            Map<String, String> env = Map.of("JAKAMO_CONNECTOR_CONFIG", bed.files.configFile().toString(),
                    "JAKAMO_CONNECTOR_INTEGRATIONS_ORDERS_FOLDERS_STABLESECONDS", "1");
            try (ConnectorProcess connector = ConnectorProcess.start(dir, env, "run")) {
                URI health = connector.health(Duration.ofSeconds(90));
                await().atMost(Duration.ofSeconds(30)).until(() -> status(health).equals("UP"));
                assertThat(inDoubt(COUNT, metrics(health))).isZero();
                assertThat(value("jakamo_token_expiry_timestamp_seconds", "integration=\"orders\"", metrics(health)))
                        .as("the token in use expires in the future").isGreaterThan(Instant.now().getEpochSecond());

                bed.sandbox.faults().failNext(1, Endpoint.ORDER_POST, Fault.connectionReset().afterProcessing());
                bed.dropOrder("PO-8201");

                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> inDoubt(COUNT, metrics(health)) == 1.0);
                await().atMost(Duration.ofSeconds(10)).until(() -> inDoubt(AGE, metrics(health)) > 0);
                ConnectorProcess.Response ready = ConnectorProcess.get(health.resolve("/health/ready"));
                assertThat(ready.status()).isEqualTo(200);
                JsonNode json = JSON.readTree(ready.body());
                assertThat(json.at("/status").asText()).as(ready.body()).isEqualTo("ATTENTION");
                assertThat(json.at("/attention/0/integration").asText()).isEqualTo("orders");
                assertThat(json.at("/attention/0/kind").asText()).isEqualTo("in_doubt");
                assertThat(json.at("/attention/0/count").asLong()).isEqualTo(1);
                assertThat(json.at("/attention/0/action").asText()).contains("messages resolve ID --sent");
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                        receivers.mails().size() == 1 && receivers.posts.size() == 2);
                assertThat(receivers.mails().get(0).getSubject()).contains("order PO-8201");
                assertThat(bed.files("failed")).extracting(f -> f.getFileName().toString())
                        .anyMatch(n -> n.endsWith(".error.txt"));

                Path config = bed.files.configFile();
                Cli.Run list = Cli.withConfig(config, "messages", "list", "--state", "in_doubt");
                assertThat(list.code()).as(list.err()).isZero();
                String id = list.out().lines().filter(l -> l.contains("PO-8201")).findFirst()
                        .map(l -> l.trim().split("\\s+")[0]).orElseThrow(() -> new AssertionError(list.out()));
                Cli.Run resolved = Cli.withConfig(config, "messages", "resolve", id, "--sent", "--reason",
                        "PO-8201 is in Jakamo");
                assertThat(resolved.code()).as(resolved.err()).isZero();

                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> inDoubt(COUNT, metrics(health)) == 0.0 && status(health).equals("UP"));
                assertThat(inDoubt(AGE, metrics(health))).isZero();
                // the running service archived it by its new outcome: the file and its report left failed/
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> bed.files("failed").isEmpty());
                assertThat(bed.files("processed")).hasSize(1);
                assertThat(connector.process.isAlive()).isTrue();
                assertThat(connector.terminate(Duration.ofSeconds(60))).as(connector.transcript()).isIn(0, 143);
            }
            assertThat(receivers.mails()).as("told once").hasSize(1);
            assertThat(receivers.posts).hasSize(2);

            Path export = dir.resolve("audit.jsonl");
            Cli.Run exported = Cli.withConfig(bed.files.configFile(), "audit", "export", "--integration", "orders",
                    "--output", export.toString());
            assertThat(exported.code()).as(exported.err()).isZero();
            List<String> resolves = Files.readAllLines(export).stream()
                    .filter(l -> l.contains("\"document_resolved\"")).toList();
            assertThat(resolves).singleElement().satisfies(l -> assertThat(l).contains(
                    "\"actor\":\"operator:" + System.getProperty("user.name"), "\"integration\":\"orders\"",
                    "PO-8201 is in Jakamo"));
        }
    }

    private static String status(URI health) throws Exception {
        return JSON.readTree(ConnectorProcess.get(health.resolve("/health/ready")).body()).at("/status").asText();
    }

    private static String metrics(URI health) throws Exception {
        return ConnectorProcess.get(health.resolve("/metrics")).body();
    }

    private static double inDoubt(String gauge, String metrics) {
        return value(gauge, "integration=\"orders\"[^}]*state=\"in_doubt\"", metrics);
    }

    /** The value of the series of {@code gauge} whose labels match {@code labels}; fails when there is none. */
    private static double value(String gauge, String labels, String metrics) {
        Matcher m = Pattern.compile("(?m)^" + gauge + "\\{[^}]*" + labels + "[^}]*} (\\S+)$").matcher(metrics);
        if (!m.find()) {
            throw new AssertionError("no " + gauge + " with " + labels + " in:\n" + metrics);
        }
        return Double.parseDouble(m.group(1));
    }
}
