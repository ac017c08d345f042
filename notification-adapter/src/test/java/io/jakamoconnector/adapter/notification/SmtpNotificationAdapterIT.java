package io.jakamoconnector.adapter.notification;

import static com.icegreen.greenmail.configuration.GreenMailConfiguration.aConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.DummySSLSocketFactory;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.jakamoconnector.domain.model.attention.Attention;
import io.jakamoconnector.domain.model.attention.AttentionKind;
import io.jakamoconnector.domain.model.attention.ChannelName;
import io.jakamoconnector.domain.model.attention.Notification;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.NotificationFailedException;
import io.jakamoconnector.domain.port.out.NotificationFailedException.Reason;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mail through a local SMTP server (GreenMail): over SMTPS it arrives intact; STARTTLS is never skipped. */
class SmtpNotificationAdapterIT {
    private static final ChannelName MAIL = new ChannelName("ops-mail");

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()})
            .withConfiguration(aConfig().withUser("ops@example.com", "ops", "secret"));

    private final Notification notification = Notification.of("node-1", new Attention(AttentionKind.IN_DOUBT,
            new IntegrationName("orders"), "order 4500012345 Äänekoski 注文", Instant.parse("2026-12-01T10:00:00Z"),
            "connection reset"));

    private SmtpSettings smtps(String user) {
        return SmtpSettings.of("127.0.0.1", GREEN_MAIL.getSmtps().getPort(), SmtpSettings.Security.SMTPS,
                        "connector@example.com", List.of("ops@example.com", "erp@example.com"), Optional.of(user))
                .withTrust(new DummySSLSocketFactory(), false);
    }

    @Test
    void overSmtpsTheMailArrivesWithUtf8Intact() throws Exception {
        new SmtpNotificationAdapter(MAIL, smtps("ops"), "secret"::toCharArray).deliver(notification);

        assertThat(GREEN_MAIL.waitForIncomingEmail(5000, 2)).isTrue();
        MimeMessage received = GREEN_MAIL.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo(notification.title()).contains("Äänekoski 注文");
        assertThat((String) received.getContent()).contains("order 4500012345 Äänekoski 注文",
                "messages resolve ID --sent");
        assertThat(received.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(received.getFrom()[0].toString()).isEqualTo("connector@example.com");
    }

    @Test
    void starttlsRequiredAgainstAServerWithoutItFailsAndSendsNothing() {
        SmtpSettings starttls = SmtpSettings.of("127.0.0.1", GREEN_MAIL.getSmtp().getPort(),
                SmtpSettings.Security.STARTTLS, "connector@example.com", List.of("ops@example.com"), Optional.of("ops"));
        assertThatThrownBy(() -> new SmtpNotificationAdapter(MAIL, starttls, "secret"::toCharArray)
                .deliver(notification))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INSECURE);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("does not offer STARTTLS", "nothing was sent", "smtps")
                            .doesNotContain("secret", "ops@example.com");
                });
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureThatDoesNotRepeatIt() {
        assertThatThrownBy(() -> new SmtpNotificationAdapter(MAIL, smtps("ops"), "wrong-pw"::toCharArray)
                .deliver(notification))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
                    assertThat(e.getMessage()).doesNotContain("wrong-pw");
                });
    }

    @Test
    void anUnreachableServerIsARetryableNetworkFailure() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        SmtpSettings nowhere = SmtpSettings.of("127.0.0.1", closed, SmtpSettings.Security.SMTPS,
                "connector@example.com", List.of("ops@example.com"), Optional.empty());
        assertThatThrownBy(() -> new SmtpNotificationAdapter(MAIL, nowhere, () -> new char[0]).deliver(notification))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NETWORK);
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void settingsRefuseABadAddress() {
        assertThatThrownBy(() -> SmtpSettings.of("mail.example.com", 587, SmtpSettings.Security.STARTTLS,
                "connector@example.com", List.of("not an address"), Optional.empty()))
                .hasMessage("to: must be an e-mail address such as ops@example.com");
    }
}
