package io.jakamoconnector.adapter.notification;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.DummySSLSocketFactory;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.jakamoconnector.domain.port.out.NotificationPort;
import io.jakamoconnector.domain.testing.NotificationPortContract;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The notification port's contract over SMTPS, against GreenMail; unavailable is a port nobody listens on. */
class SmtpNotificationContractIT extends NotificationPortContract {
    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort());

    private NotificationPort port(int port) {
        return new SmtpNotificationAdapter(NAME, SmtpSettings.of("127.0.0.1", port, SmtpSettings.Security.SMTPS,
                "connector@example.com", List.of("ops@example.com"), Optional.empty())
                .withTrust(new DummySSLSocketFactory(), false), () -> new char[0]);
    }

    @Override
    protected NotificationPort working() {
        return port(GREEN_MAIL.getSmtps().getPort());
    }

    @Override
    protected NotificationPort unavailable() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return port(socket.getLocalPort());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    protected List<String> receivedTitles() throws MessagingException {
        List<String> titles = new ArrayList<>();
        for (MimeMessage message : GREEN_MAIL.getReceivedMessages()) {
            titles.add(message.getSubject());
        }
        return titles;
    }
}
