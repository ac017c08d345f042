package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.Fault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} on the embedded database: an Order goes in doubt (the sandbox resets the connection after accepting
 * it); within a refresh the gauges count it and {@code /health/ready} says ATTENTION with what to do; the operator
 * resolves it with {@code messages resolve} while the service keeps running, and it is UP again, the gauge at 0.
 */
class WaitingSignalsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COUNT = "jakamo_documents_waiting";
    private static final String AGE = "jakamo_documents_waiting_oldest_age_seconds";

    @TempDir
    Path dir;

    @Test
    void anOrderInDoubtShowsInTheGaugesAndReadinessUntilTheOperatorResolvesIt() throws Exception {
        try (SandboxBed bed = new SandboxBed(dir, """
                polling: { inboundSeconds: 1, outboundSeconds: 1 }
                health: { port: 0 }
                shutdown: { graceSeconds: 10 }
                """)) {
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
                assertThat(connector.process.isAlive()).isTrue();
                assertThat(connector.terminate(Duration.ofSeconds(60))).as(connector.transcript()).isIn(0, 143);
            }
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
