package io.jakamoconnector.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.attention.Attention;
import io.jakamoconnector.domain.model.attention.AttentionKind;
import io.jakamoconnector.domain.model.attention.ChannelName;
import io.jakamoconnector.domain.model.attention.Notification;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.NotificationFailedException;
import io.jakamoconnector.domain.port.out.NotificationPort;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every notification channel does, run against the fake and each adapter. */
public abstract class NotificationPortContract {
    protected static final ChannelName NAME = new ChannelName("contract");

    /** A channel named {@link #NAME} whose receiver takes what it is given. */
    protected abstract NotificationPort working();

    /** A channel named {@link #NAME} whose receiver cannot take anything now, in a way that may heal. */
    protected abstract NotificationPort unavailable();

    /** The titles (subjects) the working receiver got, in order. */
    protected abstract List<String> receivedTitles() throws Exception;

    private final Notification notification = Notification.of("node-1", new Attention(AttentionKind.DEAD,
            new IntegrationName("orders"), "order 4500000099 Åbo", Instant.parse("2026-12-01T10:00:00Z"),
            "gave up after 80 attempts"));

    @Test
    void aWorkingReceiverGetsTheNotificationOnce() throws Exception {
        NotificationPort port = working();
        assertThat(port.channel()).isEqualTo(NAME);
        port.deliver(notification);
        assertThat(receivedTitles()).containsExactly(notification.title());
    }

    @Test
    void anUnavailableReceiverIsARetryableFailureThatNamesTheChannel() {
        assertThatThrownBy(() -> unavailable().deliver(notification))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.channel()).isEqualTo(NAME);
                    assertThat(e.getMessage()).startsWith("channel contract: ");
                });
    }
}
