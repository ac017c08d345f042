package io.jakamoconnector.app.config;

import io.jakamoconnector.adapter.notification.SmtpSettings;
import io.jakamoconnector.adapter.notification.WebhookFormat;
import io.jakamoconnector.domain.model.attention.ChannelName;
import io.jakamoconnector.domain.service.NotificationPolicy;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The {@code notifications} section: where people are told what needs them, and how often.
 *
 * @param channels none when the section is absent: nobody is told
 */
public record NotificationsConfig(List<Channel> channels, NotificationPolicy policy) {
    public NotificationsConfig {
        channels = List.copyOf(channels);
    }

    public static NotificationsConfig none() {
        return new NotificationsConfig(List.of(), NotificationPolicy.defaults());
    }

    /** One channel, named in the audit trail by its name only. */
    public sealed interface Channel {
        ChannelName name();
    }

    /**
     * A chat webhook: the URL written in the configuration (a generic webhook without a secret in it) or a reference
     * to where it is kept (Teams and Slack URLs carry their credential); exactly one is set.
     */
    public record Webhook(ChannelName name, WebhookFormat format, Optional<URI> url, Optional<SecretReference> urlSecret)
            implements Channel {
        @Override
        public String toString() {
            return "Webhook[" + name + ", " + format + "]";
        }
    }

    /** Mail through an SMTP server; the password (when {@code smtp.user()} is set) by reference. */
    public record Email(ChannelName name, SmtpSettings smtp, Optional<SecretReference> password) implements Channel {
    }

    /**
     * What is wrong with a webhook URL, or null: it must be https (http only to this host, for a local receiver),
     * without a user, password, query string or fragment in it. The message never repeats the URL.
     */
    public static String webhookProblem(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (java.net.URISyntaxException e) {
            return "must be a URL such as https://hooks.example.com/jakamo";
        }
        String host = uri.getHost();
        boolean loopback = "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
        if (host == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && loopback)) {
            return "must be an https URL (plain http only to 127.0.0.1 or localhost)";
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "carries a credential (a user, a query string or a fragment): keep it in { file: ... }, "
                    + "{ credential: ... } or { env: ... } instead";
        }
        return null;
    }
}
