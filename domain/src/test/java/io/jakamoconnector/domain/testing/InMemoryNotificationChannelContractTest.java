package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.attention.Notification;
import io.jakamoconnector.domain.port.out.NotificationFailedException;
import io.jakamoconnector.domain.port.out.NotificationPort;
import java.util.List;

class InMemoryNotificationChannelContractTest extends NotificationPortContract {
    private final InMemoryNotificationChannel channel = new InMemoryNotificationChannel(NAME.value());

    @Override
    protected NotificationPort working() {
        return channel;
    }

    @Override
    protected NotificationPort unavailable() {
        return new InMemoryNotificationChannel(NAME.value())
                .failNext(NotificationFailedException.Reason.RECEIVER_UNAVAILABLE);
    }

    @Override
    protected List<String> receivedTitles() {
        return channel.delivered().stream().map(Notification::title).toList();
    }
}
