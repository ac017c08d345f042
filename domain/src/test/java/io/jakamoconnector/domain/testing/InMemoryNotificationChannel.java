package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.attention.ChannelName;
import io.jakamoconnector.domain.model.attention.Notification;
import io.jakamoconnector.domain.port.out.NotificationFailedException;
import io.jakamoconnector.domain.port.out.NotificationPort;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A channel that keeps what it was given, and fails the next deliveries when told to. */
public final class InMemoryNotificationChannel implements NotificationPort {
    private final ChannelName name;
    private final List<Notification> delivered = new ArrayList<>();
    private final Deque<NotificationFailedException.Reason> failures = new ArrayDeque<>();
    private int attempts;

    public InMemoryNotificationChannel(String name) {
        this.name = new ChannelName(name);
    }

    @Override
    public ChannelName channel() {
        return name;
    }

    @Override
    public synchronized void deliver(Notification notification) {
        attempts++;
        NotificationFailedException.Reason failure = failures.poll();
        if (failure != null) {
            throw new NotificationFailedException(name, failure, "simulated " + failure, null, null);
        }
        delivered.add(notification);
    }

    /** The next deliveries fail with these reasons, one each. */
    public synchronized InMemoryNotificationChannel failNext(NotificationFailedException.Reason... reasons) {
        failures.addAll(List.of(reasons));
        return this;
    }

    public synchronized List<Notification> delivered() {
        return List.copyOf(delivered);
    }

    public synchronized int attempts() {
        return attempts;
    }
}
