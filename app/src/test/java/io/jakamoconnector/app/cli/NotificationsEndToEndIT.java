package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.Fault;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} on the embedded database with an e-mail channel and two webhook channels: the sandbox resets the
 * connection after accepting an Order, the document goes in doubt, and people are told once per channel, by name of
 * the order and with the commands that settle it; each message is an audit event naming the channel only.
 */
class NotificationsEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void anOrderInDoubtIsToldOncePerChannelWithWhatToDo() throws Exception {
        try (NotificationReceivers receivers = NotificationReceivers.start(Files.createTempDirectory("e2e-cert"));
             SandboxBed bed = new SandboxBed(dir, """
                     polling: { inboundSeconds: 1, outboundSeconds: 1 }
                     health: { port: 0 }
                     shutdown: { graceSeconds: 10 }
                     """)) {
            Path configDir = bed.files.configFile().getParent();
            Files.writeString(bed.files.configFile(), Files.readString(bed.files.configFile())
                    + receivers.channels(configDir, "/ok/teams/SECRET-PART", "/ok/hook"));
            Map<String, String> env = Map.of("JAKAMO_CONNECTOR_CONFIG", bed.files.configFile().toString(),
                    "JAKAMO_CONNECTOR_INTEGRATIONS_ORDERS_FOLDERS_STABLESECONDS", "1");
            try (ConnectorProcess connector = ConnectorProcess.start(dir, env, "run")) {
                connector.health(Duration.ofSeconds(90));
                bed.sandbox.faults().failNext(1, Endpoint.ORDER_POST, Fault.connectionReset().afterProcessing());
                bed.dropOrder("PO-8101");

                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                        receivers.mails().size() == 1 && receivers.posts.size() == 2);
                assertThat(bed.journal().timesAccepted("Order", "PO-8101")).isEqualTo(1);

                MimeMessage mail = receivers.mails().get(0);
                assertThat(mail.getSubject()).isEqualTo("[jakamo-connector] orders: order PO-8101 may have been "
                        + "sent to Jakamo");
                assertThat((String) mail.getContent()).contains("check in Jakamo whether order PO-8101 arrived",
                        "jakamo-connector messages list --integration orders --state in_doubt",
                        "jakamo-connector messages resolve ID --sent (it arrived) or --not-sent (send it again) "
                                + "--reason \"...\"");
                JsonNode hook = JSON.readTree(receivers.posts.stream().filter(p -> p.path().equals("/ok/hook"))
                        .findFirst().orElseThrow().body());
                assertThat(hook.at("/attentions/0/kind").asText()).isEqualTo("in_doubt");
                assertThat(hook.at("/attentions/0/integration").asText()).isEqualTo("orders");
                assertThat(hook.at("/attentions/0/subject").asText()).isEqualTo("order PO-8101");
                assertThat(hook.at("/attentions/0/advice").asText()).contains("messages resolve ID --sent");
                assertThat(receivers.posts).extracting(NotificationReceivers.Post::path)
                        .containsExactlyInAnyOrder("/ok/hook", "/ok/teams/SECRET-PART");

                // a few more rounds: the document stays in doubt, and nobody is told again
                bed.dropOrder("PO-8102");
                await().atMost(Duration.ofSeconds(30)).until(() -> bed.files("from_jakamo").size() >= 1);
                assertThat(connector.terminate(Duration.ofSeconds(60))).as(connector.transcript()).isIn(0, 143);
            }
            assertThat(receivers.mails()).hasSize(1);
            assertThat(receivers.posts).hasSize(2);

            Path export = dir.resolve("audit.jsonl");
            Cli.Run exported = Cli.withConfig(bed.files.configFile(), "audit", "export", "--output",
                    export.toString());
            assertThat(exported.code()).as(exported.err()).isZero();
            List<String> sent = Files.readAllLines(export).stream().filter(l -> l.contains("\"notification_sent\""))
                    .toList();
            assertThat(sent).hasSize(3).allSatisfy(l -> assertThat(l).contains("in_doubt order PO-8101",
                    "\"integration\":\"orders\"", "\"actor\":\"connector\""));
            assertThat(sent).anySatisfy(l -> assertThat(l).contains("channel=ops-mail;"))
                    .anySatisfy(l -> assertThat(l).contains("channel=ops-teams;"))
                    .anySatisfy(l -> assertThat(l).contains("channel=hook;"));
            assertThat(Files.readString(export)).doesNotContain("SECRET-PART", "ops@example.com",
                    "\"notification_failed\"");
        }
    }
}
