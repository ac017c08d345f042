package io.jakamoconnector.app.daemon;

import io.jakamoconnector.domain.model.attention.ChannelName;
import io.jakamoconnector.domain.model.attention.Notification;
import io.jakamoconnector.domain.port.out.NotificationPort;
import io.jakamoconnector.domain.port.out.PortFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs each delivery by the channel's name (never its URL or addresses): INFO when it went, WARN when it did not. */
public final class LoggedNotificationChannel implements NotificationPort {
    private static final Logger LOG = LoggerFactory.getLogger("io.jakamoconnector.notifications");
    private final NotificationPort channel;

    public LoggedNotificationChannel(NotificationPort channel) {
        this.channel = channel;
    }

    @Override
    public ChannelName channel() {
        return channel.channel();
    }

    @Override
    public void deliver(Notification notification) {
        try {
            channel.deliver(notification);
        } catch (PortFailureException e) {
            LOG.warn("notification not delivered through channel {} ({}{}): {}", channel.channel(), e.reasonCode(),
                    e.retryable() ? ", tried again later" : "", e.getMessage());
            throw e;
        }
        LOG.info("notification delivered through channel {}: {}", channel.channel(), notification.title());
    }
}
