package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.attention.ChannelName;
import io.jakamoconnector.domain.model.attention.Notification;

/** One channel that tells people: a chat webhook, a mail box. */
public interface NotificationPort {
    ChannelName channel();

    /**
     * Delivers the notification, or throws {@link NotificationFailedException} saying whether trying again later can
     * help. Returns only once the channel took it.
     */
    void deliver(Notification notification);
}
