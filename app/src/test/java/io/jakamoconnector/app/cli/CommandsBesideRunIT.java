package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's commands while {@code run} serves the embedded database (the default): they use its server, with the
 * passwords only the connector's OS user can read, instead of exiting 69 ("another connector is running"). The service
 * keeps running and answering throughout, and their events land in the same audit trail.
 */
class CommandsBesideRunIT {
    @TempDir
    Path dir;

    @Test
    void messagesAuditDoctorAndSyncRunWhileTheServiceKeepsRunning() throws Exception {
        try (SandboxBed bed = new SandboxBed(dir, """
                polling: { inboundSeconds: 1, outboundSeconds: 1 }
                health: { port: 0 }
                shutdown: { graceSeconds: 10 }
                """)) {
            Map<String, String> env = Map.of("JAKAMO_CONNECTOR_CONFIG", bed.files.configFile().toString(),
                    "JAKAMO_CONNECTOR_INTEGRATIONS_ORDERS_FOLDERS_STABLESECONDS", "1");
            try (ConnectorProcess connector = ConnectorProcess.start(dir, env, "run")) {
                URI health = connector.health(Duration.ofSeconds(90));
                bed.dropOrder("PO-9101");
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                        .until(() -> bed.files("from_jakamo").size() == 1);

                Path config = bed.files.configFile();
                Cli.Run list = Cli.withConfig(config, "messages", "list");
                assertThat(list.code()).as(list.err()).isZero();
                assertThat(list.out()).contains("PO-9101");

                Cli.Run verify = Cli.withConfig(config, "audit", "verify");
                assertThat(verify.code()).as(verify.err()).isZero();
                assertThat(verify.out()).startsWith("audit trail intact");

                Cli.Run doctor = Cli.withConfig(config, "doctor");
                assertThat(doctor.out() + doctor.err()).doesNotContain("another connector")
                        .contains("embedded PostgreSQL");
                assertThat(doctor.out()).contains("[ OK ] database").contains("served by the running connector");

                // corrections too: a refused retry (the order was sent) and a redelivery, which also opens the ERP
                // folders the running connector holds, answer about the document, not about another connector
                Cli.Run retry = Cli.withConfig(config, "messages", "retry", "1", "--reason", "beside run");
                assertThat(retry.err()).doesNotContain("another connector").contains("document 1 is sent");
                assertThat(retry.code()).isEqualTo(ExitCodes.PROBLEMS);
                Cli.Run redeliver = Cli.withConfig(config, "messages", "redeliver", "orders", "000000000000",
                        "--reason", "beside run");
                assertThat(redeliver.err()).doesNotContain("another connector").contains("no inbound message");
                assertThat(redeliver.code()).isEqualTo(ExitCodes.PROBLEMS);

                Cli.Run sync = Cli.withConfig(config, "sync", "--once");
                assertThat(sync.err()).doesNotContain("another connector");
                assertThat(sync.code()).as(sync.out() + sync.err()).isZero();

                // the service never stopped answering, and still works: a second Order makes the round trip
                assertThat(ConnectorProcess.get(health.resolve("/health/live")).status()).isEqualTo(200);
                bed.dropOrder("PO-9102");
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                        .until(() -> bed.files("from_jakamo").size() == 2);
                assertThat(connector.process.isAlive()).isTrue();
                assertThat(connector.terminate(Duration.ofSeconds(60))).as(connector.transcript()).isIn(0, 143);
            }
            Path export = dir.resolve("audit.jsonl");
            Cli.Run exported = Cli.withConfig(bed.files.configFile(), "audit", "export", "--output",
                    export.toString());
            assertThat(exported.code()).as(exported.err()).isZero();
            List<String> events = Files.readAllLines(export);
            assertThat(events).anyMatch(l -> l.contains("\"operator_action\"") && l.contains("audit verify"));
            assertThat(events).anyMatch(l -> l.contains("\"service_stopped\""));
        }
    }
}
