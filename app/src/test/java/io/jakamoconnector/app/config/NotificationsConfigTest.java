package io.jakamoconnector.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jakamoconnector.adapter.notification.SmtpSettings;
import io.jakamoconnector.adapter.notification.WebhookFormat;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code notifications} section: parsed strictly, webhook URLs that carry a credential only by reference. */
class NotificationsConfigTest {
    @TempDir
    Path dir;

    private ConnectorConfig load(String yaml) throws IOException {
        Files.writeString(dir.resolve("jakamo-connector.yml"), yaml);
        return new ConfigLoader(Map.of(), dir).load(Optional.empty());
    }

    private String refused(String yaml) {
        return catchThrowableOfType(ConfigurationException.class, () -> load(yaml)).getMessage();
    }

    @Test
    void readsEveryKindOfChannelAndThePolicy() throws IOException {
        ConnectorConfig config = load("""
                notifications:
                  digestAfter: 3
                  digestWindowSeconds: 120
                  maxPerHour: 10
                  repeatAfterHours: 6
                  channels:
                    - name: ops-mail
                      type: email
                      host: smtp.example.com
                      from: connector@example.com
                      to: [ops@example.com, erp@example.com]
                      user: connector
                      password: { file: ./smtp.password }
                    - name: ops-teams
                      type: teams
                      url: { env: TEAMS_URL }
                    - name: chat
                      type: slack
                      url: { credential: slack-url }
                    - name: hook
                      type: webhook
                      url: https://hooks.example.com/jakamo
                """);
        NotificationsConfig n = config.notifications();
        assertThat(n.policy().digestAfter()).isEqualTo(3);
        assertThat(n.policy().digestWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(n.policy().maxPerHour()).isEqualTo(10);
        assertThat(n.policy().repeatAfter()).isEqualTo(Duration.ofHours(6));
        assertThat(n.channels()).hasSize(4);
        NotificationsConfig.Email mail = (NotificationsConfig.Email) n.channels().get(0);
        assertThat(mail.smtp().security()).isEqualTo(SmtpSettings.Security.STARTTLS);
        assertThat(mail.smtp().port()).isEqualTo(587);
        assertThat(mail.smtp().to()).containsExactly("ops@example.com", "erp@example.com");
        assertThat(mail.password()).contains(new SecretReference(SecretReference.Kind.FILE,
                dir.resolve("smtp.password").toString()));
        NotificationsConfig.Webhook teams = (NotificationsConfig.Webhook) n.channels().get(1);
        assertThat(teams.format()).isEqualTo(WebhookFormat.TEAMS);
        assertThat(teams.urlSecret()).contains(new SecretReference(SecretReference.Kind.ENV, "TEAMS_URL"));
        assertThat(((NotificationsConfig.Webhook) n.channels().get(2)).format()).isEqualTo(WebhookFormat.SLACK);
        assertThat(((NotificationsConfig.Webhook) n.channels().get(3)).url())
                .contains(URI.create("https://hooks.example.com/jakamo"));
    }

    @Test
    void smtpsDefaultsToPort465AndWithoutTheSectionNobodyIsTold() throws IOException {
        ConnectorConfig config = load("""
                notifications:
                  channels:
                    - { name: m, type: email, host: 127.0.0.1, security: smtps, from: a@example.com, to: b@example.com }
                """);
        assertThat(((NotificationsConfig.Email) config.notifications().channels().get(0)).smtp().port())
                .isEqualTo(465);
        assertThat(load("node: n\n").notifications().channels()).isEmpty();
    }

    @Test
    void aTeamsOrSlackUrlWrittenIntoTheFileIsRefusedWithoutRepeatingIt() {
        String message = refused("""
                notifications:
                  channels:
                    - name: ops-teams
                      type: teams
                      url: https://example.webhook.office.com/webhookb2/SECRET-PART
                """);
        assertThat(message).contains("notifications.channels[ops-teams].url: a teams webhook URL carries its "
                + "credential", "{ file: /etc/jakamo-connector/ops-teams.url }").doesNotContain("SECRET-PART");
    }

    @Test
    void everyMistakeIsNamedByItsKey() {
        String message = refused("""
                notifications:
                  colour: red
                  channels:
                    - name: hook
                      type: webhook
                      url: http://hooks.example.com/jakamo
                    - name: signed
                      type: webhook
                      url: https://hooks.example.com/jakamo?sig=SECRET-SIG
                    - name: mail
                      type: email
                      host: smtp.example.com
                      security: plain
                      from: a@example.com
                      to: [b@example.com]
                    - name: mail2
                      type: email
                      host: smtp.example.com
                      from: a@example.com
                      to: [not an address]
                      user: u
                    - name: pager
                      type: sms
                    - name: hook
                      type: webhook
                      url: https://x.example.com/
                """);
        assertThat(message).contains(
                "notifications.colour: unknown key",
                "notifications.channels[hook].url: must be an https URL (plain http only to 127.0.0.1 or localhost)",
                "notifications.channels[signed].url: carries a credential",
                "notifications.channels[mail].security: must be starttls",
                "notifications.channels[mail2].password: is required with user",
                "notifications.channels[mail2]: to must be an e-mail address",
                "notifications.channels[pager].type: must be email, teams, slack or webhook",
                "notifications.channels[5].name: 'hook' is used twice").doesNotContain("SECRET-SIG");
    }

    @Test
    void anEmptyChannelListIsAMistake() {
        assertThat(refused("notifications: { channels: [] }\n"))
                .contains("notifications.channels: must be a list of channels");
    }
}
