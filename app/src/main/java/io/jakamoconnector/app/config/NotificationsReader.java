package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import io.jakamoconnector.adapter.notification.SmtpSettings;
import io.jakamoconnector.adapter.notification.WebhookFormat;
import io.jakamoconnector.domain.model.attention.ChannelName;
import io.jakamoconnector.domain.service.NotificationPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code notifications} (issue 14): the digest and rate policy, and the channels, each named; a URL that carries a
 * credential is accepted by reference only.
 */
final class NotificationsReader {
    private NotificationsReader() {
    }

    static NotificationsConfig read(ConfigSection node) {
        node.knownKeys(Set.of("channels", "digestAfter", "digestWindowSeconds", "maxPerHour", "repeatAfterHours"));
        NotificationPolicy d = NotificationPolicy.defaults();
        int digestAfter = node.integer("digestAfter", 1, 100).orElse(d.digestAfter());
        int window = node.integer("digestWindowSeconds", 1, 3600).orElse((int) d.digestWindow().toSeconds());
        int perHour = node.integer("maxPerHour", 1, 1000).orElse(d.maxPerHour());
        int repeat = node.integer("repeatAfterHours", 0, 24 * 90).orElse((int) d.repeatAfter().toHours());
        NotificationPolicy policy = new NotificationPolicy(digestAfter, Duration.ofSeconds(window), perHour,
                Duration.ofHours(repeat), d.maxAttempts(), d.firstRetry(), d.maxRetry());
        Optional<List<ConfigSection>> list = node.items("channels").filter(items -> !items.isEmpty());
        List<NotificationsConfig.Channel> channels = new ArrayList<>();
        if (list.isEmpty()) {
            node.problem("notifications.channels: must be a list of channels (each starting with '- name: ...', "
                    + "type email, teams, slack or webhook); remove the notifications section to tell nobody");
            return NotificationsConfig.none();
        }
        Set<String> names = new HashSet<>();
        for (ConfigSection item : list.get()) {
            Optional<String> nameText = item.writtenText("name");
            ChannelName name = nameText.isEmpty() ? null
                    : item.value(item.pathOf("name"), () -> new ChannelName(nameText.get()));
            if (name == null) {
                if (nameText.isEmpty()) {
                    item.problem(item.pathOf("name") + ": is required (lower-case letters, digits or '-', e.g. "
                            + "ops-mail)");
                }
                continue;
            }
            if (!names.add(name.value())) {
                item.problem(item.pathOf("name") + ": '" + name + "' is used twice");
                continue;
            }
            NotificationsConfig.Channel channel = channel(item.at(node.pathOf("channels") + "[" + name + "]"), name);
            if (channel != null) {
                channels.add(channel);
            }
        }
        return new NotificationsConfig(channels, policy);
    }

    private static NotificationsConfig.Channel channel(ConfigSection node, ChannelName name) {
        String at = node.path();
        String type = node.requiredText("type", "email, teams, slack or webhook");
        if (type == null) {
            return null;
        }
        switch (type) {
            case "email" -> {
                return email(node, name);
            }
            case "teams", "slack", "webhook" -> {
                return webhook(node, name, type);
            }
            default -> {
                node.problem(at + ".type: must be email, teams, slack or webhook");
                return null;
            }
        }
    }

    private static NotificationsConfig.Channel email(ConfigSection node, ChannelName name) {
        String at = node.path();
        node.knownKeys(Set.of("name", "type", "host", "port", "security", "from", "to", "user", "password",
                "trustCertificate"));
        String host = node.requiredText("host", "the SMTP server, e.g. smtp.example.com");
        String securityText = node.text("security").orElse("starttls");
        SmtpSettings.Security security = switch (securityText) {
            case "starttls" -> SmtpSettings.Security.STARTTLS;
            case "smtps" -> SmtpSettings.Security.SMTPS;
            default -> {
                node.problem(at + ".security: must be starttls (the server must offer it; nothing is ever sent in "
                        + "plain text) or smtps");
                yield null;
            }
        };
        int port = node.integer("port", 1, 65535).orElse(security == SmtpSettings.Security.SMTPS ? 465 : 587);
        String from = node.requiredText("from", "the sender's address");
        List<String> to = new ArrayList<>();
        Optional<List<String>> toList = node.writtenTextList("to");
        if (toList.isPresent()) {
            to.addAll(toList.get());
        } else {
            node.text("to").ifPresent(to::add);
        }
        if (to.isEmpty()) {
            node.problem(at + ".to: is required: a list of addresses, e.g. [ops@example.com]");
        }
        Optional<String> user = node.text("user");
        Optional<SecretReference> password = SecretReferenceReader.read(node, "password");
        if (user.isPresent() && password.isEmpty() && !node.has("password")) {
            node.problem(at + ".password: is required with user: where the SMTP password is kept, e.g. "
                    + "{ file: /etc/jakamo-connector/smtp.password } (chmod 600), { credential: name } "
                    + "or { env: VARIABLE }");
        } else if (user.isEmpty() && password.isPresent()) {
            node.problem(at + ".user: is required with password");
        }
        if (host == null || security == null || from == null || to.isEmpty()) {
            return null;
        }
        Optional<Path> trust = node.text("trustCertificate").map(node::file);
        SmtpSettings smtp = node.value(at, () -> {
            SmtpSettings settings = SmtpSettings.of(host, port, security, from, to, user);
            return trust.map(settings::withTrustCertificate).orElse(settings);
        });
        return smtp == null ? null : new NotificationsConfig.Email(name, smtp, password);
    }

    private static NotificationsConfig.Channel webhook(ConfigSection node, ChannelName name, String type) {
        String at = node.path();
        node.knownKeys(Set.of("name", "type", "url"));
        WebhookFormat format = switch (type) {
            case "teams" -> WebhookFormat.TEAMS;
            case "slack" -> WebhookFormat.SLACK;
            default -> WebhookFormat.GENERIC;
        };
        String literal = node.isMapping("url") ? null : node.text("url").orElse(null);
        if (literal != null) {
            if (format != WebhookFormat.GENERIC) {
                node.problem(at + ".url: a " + type + " webhook URL carries its credential: keep it out of the "
                        + "configuration, in { file: /etc/jakamo-connector/" + name + ".url } (chmod 600), "
                        + "{ credential: name } or { env: VARIABLE }");
                return null;
            }
            URI uri = webhookUri(node, at + ".url", literal);
            return uri == null ? null : new NotificationsConfig.Webhook(name, format, Optional.of(uri),
                    Optional.empty());
        }
        Optional<SecretReference> ref = SecretReferenceReader.read(node, "url");
        if (ref.isEmpty()) {
            if (!node.has("url")) {
                node.problem(at + ".url: is required: { file: ... }, { credential: ... } or { env: ... }"
                        + (format == WebhookFormat.GENERIC ? ", or an https URL without a secret in it" : ""));
            }
            return null;
        }
        return new NotificationsConfig.Webhook(name, format, Optional.empty(), ref);
    }

    /** An https URL (http only to this host, for a local receiver) without credentials or a query string. */
    private static URI webhookUri(ConfigSection node, String at, String text) {
        String problem = NotificationsConfig.webhookProblem(text);
        if (problem != null) {
            node.problem(at + ": " + problem);
            return null;
        }
        return URI.create(text.strip());
    }
}
