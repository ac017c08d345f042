package io.jakamoconnector.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jakamoconnector.adapter.auth.SecretSources;
import io.jakamoconnector.adapter.auth.SecretValue;
import io.jakamoconnector.adapter.auth.UnreadableSecretException;
import io.jakamoconnector.adapter.notification.HttpWebhookNotificationAdapter;
import io.jakamoconnector.adapter.notification.SmtpNotificationAdapter;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.config.NotificationsConfig;
import io.jakamoconnector.app.config.SecretReference;
import io.jakamoconnector.app.daemon.CommittedAuditEvents;
import io.jakamoconnector.app.daemon.LoggedNotificationChannel;
import io.jakamoconnector.app.daemon.NotificationDispatcher;
import io.jakamoconnector.domain.model.attention.ChannelName;
import io.jakamoconnector.domain.port.out.NotificationFailedException;
import io.jakamoconnector.domain.port.out.NotificationPort;
import io.jakamoconnector.domain.service.AuditWriter;
import io.jakamoconnector.domain.service.NotificationService;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The configured notification channels, the service that decides what to tell them, and {@code run}'s dispatcher fed
 * by committed audit events. Secrets (webhook URLs, the SMTP password) are read at each send, never at wiring.
 */
public final class NotificationModule extends AbstractModule {

    /** The channels, each logged by name. */
    public record Channels(List<NotificationPort> ports) {
        public Channels {
            ports = List.copyOf(ports);
        }
    }

    @Provides
    @Singleton
    Channels channels(ConnectorConfig config) {
        SecretSources sources = SecretSources.system();
        return new Channels(config.notifications().channels().stream()
                .<NotificationPort>map(c -> new LoggedNotificationChannel(port(c, sources))).toList());
    }

    @Provides
    @Singleton
    NotificationService notificationService(Channels channels, AuditWriter audit, Clock clock, ConnectorConfig config) {
        return new NotificationService(channels.ports(), audit, clock, config.notifications().policy());
    }

    /** Hears every committed audit event; started (its worker thread) and stopped by the lifecycle. */
    @Provides
    @Singleton
    NotificationDispatcher dispatcher(NotificationService service, CommittedAuditEvents committed, Clock clock,
                                      Lifecycle lifecycle) {
        NotificationDispatcher dispatcher = new NotificationDispatcher(service, clock);
        committed.subscribe(dispatcher);
        lifecycle.add(dispatcher);
        return dispatcher;
    }

    static NotificationPort port(NotificationsConfig.Channel channel, SecretSources sources) {
        if (channel instanceof NotificationsConfig.Webhook hook) {
            Supplier<URI> url = hook.url().<Supplier<URI>>map(u -> () -> u)
                    .orElseGet(() -> () -> webhookUrl(hook.name(), hook.urlSecret().orElseThrow(), sources));
            return new HttpWebhookNotificationAdapter(hook.name(), hook.format(), url);
        }
        NotificationsConfig.Email mail = (NotificationsConfig.Email) channel;
        return new SmtpNotificationAdapter(mail.name(), mail.smtp(), () -> mail.password()
                .map(ref -> password(mail.name(), ref, sources)).orElseGet(() -> new char[0]));
    }

    private static URI webhookUrl(ChannelName name, SecretReference ref, SecretSources sources) {
        String text;
        try (SecretValue value = AuthModule.reference(ref).read(sources); SecretValue trimmed = value.trimmed()) {
            text = new String(trimmed.bytes(), StandardCharsets.UTF_8);
        } catch (UnreadableSecretException e) {
            throw new NotificationFailedException(name, NotificationFailedException.Reason.MISCONFIGURED,
                    "notifications.channels[" + name + "].url: " + e.getMessage(), null, null);
        }
        try {
            URI uri = new URI(text);
            boolean local = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
            if (uri.getHost() != null && ("https".equals(uri.getScheme()) || local && "http".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below, without the text: it is the secret
        }
        throw new NotificationFailedException(name, NotificationFailedException.Reason.MISCONFIGURED,
                "notifications.channels[" + name + "].url: what " + ref + " holds is not an https URL; put the "
                        + "webhook's URL there, on one line", null, null);
    }

    private static char[] password(ChannelName name, SecretReference ref, SecretSources sources) {
        try (SecretValue value = AuthModule.reference(ref).read(sources); SecretValue trimmed = value.trimmed()) {
            return trimmed.chars();
        } catch (UnreadableSecretException e) {
            throw new NotificationFailedException(name, NotificationFailedException.Reason.MISCONFIGURED,
                    "notifications.channels[" + name + "].password: " + e.getMessage(), null, null);
        }
    }
}
