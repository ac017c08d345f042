package io.jakamoconnector.adapter.notification;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.attention.ChannelName;
import io.jakamoconnector.domain.model.attention.Notification;
import io.jakamoconnector.domain.port.out.NotificationFailedException;
import io.jakamoconnector.domain.port.out.NotificationFailedException.Reason;
import io.jakamoconnector.domain.port.out.NotificationPort;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Date;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Sends notifications as plain-text UTF-8 mail through an SMTP server (Jakarta Mail with Eclipse Angus). With
 * STARTTLS the server must offer it: a server without it fails the send rather than receiving it in plain text. The
 * password is asked for at each send and cleared after use; errors name the server, never the addresses or password.
 */
public final class SmtpNotificationAdapter implements NotificationPort {
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"']+@[^\\s<>\"']+");
    private final ChannelName channel;
    private final SmtpSettings settings;
    private final Supplier<char[]> password;

    /** @param password the SMTP password, asked only when {@code settings.user()} is set */
    public SmtpNotificationAdapter(ChannelName channel, SmtpSettings settings, Supplier<char[]> password) {
        this.channel = Check.notNull("channel", channel);
        this.settings = Check.notNull("settings", settings);
        this.password = Check.notNull("password", password);
    }

    @Override
    public ChannelName channel() {
        return channel;
    }

    @Override
    public void deliver(Notification notification) {
        Session session = Session.getInstance(properties());
        MimeMessage message = new MimeMessage(session);
        try {
            message.setFrom(new InternetAddress(settings.from(), true));
            InternetAddress[] to = new InternetAddress[settings.to().size()];
            for (int i = 0; i < to.length; i++) {
                to[i] = new InternetAddress(settings.to().get(i), true);
            }
            message.setRecipients(Message.RecipientType.TO, to);
            message.setSubject(notification.title(), StandardCharsets.UTF_8.name());
            message.setText(notification.text(), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            message.setHeader("Auto-Submitted", "auto-generated");
            message.saveChanges();
        } catch (AddressException e) {
            throw new NotificationFailedException(channel, Reason.MISCONFIGURED, "an address of the channel is not "
                    + "valid; correct from and to", null, null);
        } catch (MessagingException e) {
            throw new NotificationFailedException(channel, Reason.MISCONFIGURED, "the message cannot be put "
                    + "together: " + scrub(e.getMessage()), null, e);
        }
        send(message, session);
    }

    private void send(MimeMessage message, Session session) {
        String server = settings.host() + ":" + settings.port();
        char[] secret = null;
        try (Transport transport = session.getTransport("smtp")) {
            if (settings.user().isPresent()) {
                secret = password.get();
                transport.connect(settings.host(), settings.port(), settings.user().get(), new String(secret));
            } else {
                transport.connect(settings.host(), settings.port(), null, null);
            }
            transport.sendMessage(message, message.getAllRecipients());
        } catch (AuthenticationFailedException e) {
            throw new NotificationFailedException(channel, Reason.AUTHENTICATION_FAILED, "the mail server " + server
                    + " did not accept the user name and password; check user and the password's reference", null, e);
        } catch (SMTPSendFailedException e) {
            boolean transient4xx = e.getReturnCode() >= 400 && e.getReturnCode() < 500;
            throw new NotificationFailedException(channel, transient4xx ? Reason.RECEIVER_UNAVAILABLE
                    : Reason.REFUSED, "the mail server " + server + " refused the message (SMTP " + e.getReturnCode()
                    + ": " + scrub(e.getMessage()) + ")", null, e);
        } catch (SendFailedException e) {
            throw new NotificationFailedException(channel, Reason.REFUSED, "the mail server " + server + " refused "
                    + "a recipient or the sender (" + scrub(e.getMessage()) + "); check from and to", null, e);
        } catch (MessagingException e) {
            throw translate(e, server);
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
    }

    private NotificationFailedException translate(MessagingException e, String server) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        if (text.contains("STARTTLS is required")) {
            return new NotificationFailedException(channel, Reason.INSECURE, "the mail server " + server + " does not "
                    + "offer STARTTLS, so nothing was sent (it would have gone in plain text); use the server's "
                    + "submission port with STARTTLS (587), or security: smtps with its SMTPS port (465)", null, e);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException) {
                return new NotificationFailedException(channel, Reason.INSECURE, "the TLS connection to the mail "
                        + "server " + server + " failed (" + scrub(cause.getMessage()) + "); check that the port "
                        + "speaks " + (settings.security() == SmtpSettings.Security.SMTPS ? "SMTPS (465)"
                        : "STARTTLS (587)") + " and that this host trusts the server's certificate", null, e);
            }
        }
        if (e instanceof MailConnectException) {
            return new NotificationFailedException(channel, Reason.NETWORK, "the mail server " + server + " cannot be "
                    + "reached; check host, port and the firewall", null, e);
        }
        return new NotificationFailedException(channel, Reason.NETWORK, "sending through the mail server " + server
                + " failed: " + scrub(text), null, e);
    }

    private Properties properties() {
        Properties p = new Properties();
        String millisConnect = Long.toString(settings.connectTimeout().toMillis());
        String millisRead = Long.toString(settings.readTimeout().toMillis());
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", settings.host());
        p.put("mail.smtp.port", Integer.toString(settings.port()));
        p.put("mail.smtp.connectiontimeout", millisConnect);
        p.put("mail.smtp.timeout", millisRead);
        p.put("mail.smtp.writetimeout", millisRead);
        p.put("mail.smtp.auth", Boolean.toString(settings.user().isPresent()));
        p.put("mail.smtp.ssl.checkserveridentity", Boolean.toString(settings.checkServerIdentity()));
        p.put("mail.mime.charset", StandardCharsets.UTF_8.name());
        if (settings.security() == SmtpSettings.Security.SMTPS) {
            p.put("mail.smtp.ssl.enable", "true");
        } else {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        settings.trustCertificate().ifPresent(pem -> p.put("mail.smtp.ssl.socketFactory", trusting(pem)));
        settings.sslSocketFactory().ifPresent(f -> p.put("mail.smtp.ssl.socketFactory", f));
        return p;
    }

    /** A TLS socket factory that trusts only the certificates in {@code pem}. */
    private SSLSocketFactory trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("trusted-" + i++, certificate);
            }
            if (i == 0) {
                throw new CertificateException("no certificate in it");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new NotificationFailedException(channel, Reason.MISCONFIGURED, "the trusted certificate " + pem
                    + " cannot be used (" + e.getMessage() + "); point trustCertificate at a PEM file of the mail "
                    + "server's CA", null, e);
        }
    }

    /** A server's text without any mail address in it. */
    static String scrub(String text) {
        return text == null ? "" : ADDRESS.matcher(text).replaceAll("(address)").replaceAll("\\p{Cntrl}", " ").strip();
    }
}
