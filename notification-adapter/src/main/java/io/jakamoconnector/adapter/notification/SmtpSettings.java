package io.jakamoconnector.adapter.notification;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.InvalidValueException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;

/**
 * Where and how mail goes. Addresses are checked strictly here, so the configuration loader reports a bad one.
 *
 * @param security            {@link Security#STARTTLS} (the default: the server must offer it, or nothing is sent)
 *                            or {@link Security#SMTPS} (TLS from the first byte, usually port 465)
 * @param user                the SMTP user name, or empty to send without authentication
 * @param trustCertificate    a PEM file of the CA (or the server's own certificate) to trust instead of the JDK's
 *                            trusted certificates, for a mail relay with a private CA; read at each send
 * @param sslSocketFactory    a factory to use instead (programmatic use), or empty
 * @param checkServerIdentity whether the certificate must name {@code host}; turn it off only for a test server
 */
public record SmtpSettings(String host, int port, Security security, String from, List<String> to,
                           Optional<String> user, Duration connectTimeout, Duration readTimeout,
                           Optional<Path> trustCertificate, Optional<SSLSocketFactory> sslSocketFactory,
                           boolean checkServerIdentity) {

    public enum Security { STARTTLS, SMTPS }

    public SmtpSettings {
        Check.notBlank("host", host);
        Check.printable("host", host);
        Check.that(port > 0 && port < 65536, "port", "must be a port number (587 for starttls, 465 for smtps)");
        Check.notNull("security", security);
        address("from", from);
        to = List.copyOf(Check.notNull("to", to));
        Check.that(!to.isEmpty(), "to", "must name at least one address");
        to.forEach(a -> address("to", a));
        Check.notNull("user", user);
        user.ifPresent(u -> Check.printable("user", Check.notBlank("user", u)));
        Check.notNull("connectTimeout", connectTimeout);
        Check.notNull("readTimeout", readTimeout);
        Check.notNull("trustCertificate", trustCertificate);
        Check.notNull("sslSocketFactory", sslSocketFactory);
    }

    /** STARTTLS-or-SMTPS settings with 10 s timeouts and the JDK's trust. */
    public static SmtpSettings of(String host, int port, Security security, String from, List<String> to,
                                  Optional<String> user) {
        return new SmtpSettings(host, port, security, from, to, user, Duration.ofSeconds(10), Duration.ofSeconds(10),
                Optional.empty(), Optional.empty(), true);
    }

    /** Trusts the certificates in this PEM file (a private CA) instead of the JDK's; the host name is still checked. */
    public SmtpSettings withTrustCertificate(Path pem) {
        return new SmtpSettings(host, port, security, from, to, user, connectTimeout, readTimeout, Optional.of(pem),
                sslSocketFactory, checkServerIdentity);
    }

    public SmtpSettings withTrust(SSLSocketFactory factory, boolean checkIdentity) {
        return new SmtpSettings(host, port, security, from, to, user, connectTimeout, readTimeout, trustCertificate,
                Optional.of(factory), checkIdentity);
    }

    private static void address(String field, String value) {
        Check.notBlank(field, value);
        try {
            InternetAddress parsed = new InternetAddress(value, true);
            parsed.validate();
        } catch (AddressException e) {
            throw new InvalidValueException(field, "must be an e-mail address such as ops@example.com");
        }
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + security + " " + host + ":" + port + ", " + to.size() + " recipient(s)]";
    }
}
