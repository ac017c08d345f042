package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code notify test} through the CLI, against a local HTTP receiver and a local SMTPS server. */
class NotifyCommandIT {
    @TempDir
    Path dir;
    private NotificationReceivers receivers;

    @BeforeEach
    void receivers() throws Exception {
        receivers = NotificationReceivers.start(Files.createTempDirectory("notify-it-cert"));
    }

    @AfterEach
    void close() {
        receivers.close();
    }

    private Cli.Run cli(String... args) throws Exception {
        Path config = dir.resolve("jakamo-connector.yml");
        if (!Files.exists(config)) {
            Files.writeString(config, "node: notify-test\ndataDirectory: ./data\n"
                    + receivers.channels(dir, "/ok/teams/SECRET-PART", "/fails"));
        }
        return Cli.withConfig(config, args);
    }

    @Test
    void sendsATestThroughEachChannelSaysWhichFailedAndAuditsByNameOnly() throws Exception {
        Cli.Run all = cli("notify", "test");
        assertThat(all.code()).as(all.out() + all.err()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(all.out()).contains("ops-mail: OK (test message sent)", "ops-teams: OK (test message sent)",
                "hook: FAILED RECEIVER_UNAVAILABLE: channel hook: the webhook receiver failed (HTTP 500)");

        List<MimeMessage> mails = receivers.mails();
        assertThat(mails).singleElement().satisfies(m -> assertThat(m.getSubject())
                .isEqualTo("[jakamo-connector] test message from notify-test"));
        assertThat(receivers.posts).extracting(NotificationReceivers.Post::path)
                .containsExactlyInAnyOrder("/ok/teams/SECRET-PART", "/fails");
        assertThat(receivers.posts).filteredOn(p -> p.path().startsWith("/ok")).singleElement()
                .satisfies(p -> assertThat(p.body()).contains("AdaptiveCard", "test message from notify-test"));

        Cli.Run one = cli("notify", "test", "--channel", "ops-teams");
        assertThat(one.code()).as(one.out() + one.err()).isZero();
        assertThat(one.out()).isEqualTo("ops-teams: OK (test message sent)\n");

        Cli.Run unknown = cli("notify", "test", "--channel", "pager");
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("no channel named pager; configured: [ops-mail, ops-teams, hook]");

        Path export = dir.resolve("audit.jsonl");
        assertThat(cli("audit", "export", "--output", export.toString()).code()).isZero();
        String trail = Files.readString(export);
        assertThat(trail.lines().filter(l -> l.contains("notification_sent"))).hasSize(3)
                .allSatisfy(l -> assertThat(l).contains("operator:"));
        assertThat(trail.lines().filter(l -> l.contains("notification_failed"))).singleElement()
                .satisfies(l -> assertThat(l).contains("channel=hook", "HTTP 500"));
        assertThat(trail).contains("channel=ops-mail", "channel=ops-teams")
                .doesNotContain("SECRET-PART", "ops@example.com", "\"secret", "127.0.0.1:" + receivers.smtpsPort());
    }

    @Test
    void withoutChannelsItSaysWhereToConfigureThem() throws Exception {
        Path config = dir.resolve("empty.yml");
        Files.writeString(config, "node: n\ndataDirectory: ./data\n");
        Cli.Run run = Cli.withConfig(config, "notify", "test");
        assertThat(run.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("configures no notification channel; add notifications.channels");
    }
}
