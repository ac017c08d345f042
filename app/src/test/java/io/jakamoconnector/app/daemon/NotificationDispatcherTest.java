package io.jakamoconnector.app.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.jakamoconnector.domain.model.attention.ChannelName;
import io.jakamoconnector.domain.model.attention.Notification;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.NotificationPort;
import io.jakamoconnector.domain.service.AuditWriter;
import io.jakamoconnector.domain.service.NotificationPolicy;
import io.jakamoconnector.domain.service.NotificationService;
import io.jakamoconnector.domain.testing.InMemoryAuditTrail;
import io.jakamoconnector.domain.testing.InMemoryNotificationChannel;
import io.jakamoconnector.domain.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotificationDispatcherTest {
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private final MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");
    private final InMemoryAuditTrail trail = new InMemoryAuditTrail();
    private final ServiceMetrics metrics = new ServiceMetrics(new SimpleMeterRegistry());
    private final CommittedAuditEvents committed = new CommittedAuditEvents(metrics);
    // as in PersistenceModule: what the service audits is reported as committed, like every other append
    private final MeteredAuditTrail metered = new MeteredAuditTrail(trail, metrics, committed);
    private NotificationDispatcher dispatcher;

    private NotificationDispatcher dispatcher(NotificationPort... channels) {
        NotificationService service = new NotificationService(List.of(channels),
                new AuditWriter(metered, clock, "node-1"), clock, NotificationPolicy.defaults());
        dispatcher = new NotificationDispatcher(service, clock);
        committed.subscribe(dispatcher);
        dispatcher.start();
        return dispatcher;
    }

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    private void commitInDoubt(String order) {
        metered.append(AuditEvent.builder(AuditAction.DOCUMENT_IN_DOUBT, AuditOutcome.IN_DOUBT).integration(ORDERS)
                .businessKey(new BusinessKey(order)).reason("connection reset").at(clock.instant()).node("node-1")
                .actor("connector").build());
    }

    @Test
    void committedEventsThatNeedAPersonAreToldAndTheirOwnEventsRaiseNoMore() {
        InMemoryNotificationChannel channel = new InMemoryNotificationChannel("hook");
        dispatcher(channel);

        commitInDoubt("4500000001");
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.delivered().size() == 1);
        // the first message's NOTIFICATION_SENT was committed before this one: had it raised anything, it would come
        // first in the queue and be delivered before the second order's
        commitInDoubt("4500000002");
        await().atMost(Duration.ofSeconds(10)).until(() -> trail.count(AuditAction.NOTIFICATION_SENT) == 2);

        assertThat(channel.delivered()).extracting(Notification::title).hasSize(2)
                .anySatisfy(t -> assertThat(t).contains("order 4500000001"))
                .anySatisfy(t -> assertThat(t).contains("order 4500000002"));
        assertThat(trail.events()).filteredOn(e -> e.action() == AuditAction.NOTIFICATION_SENT)
                .allSatisfy(e -> assertThat(e.reason()).startsWith("channel=hook;"));
    }

    @Test
    void aChannelThatHangsNeverBlocksTheCommittingThread() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        NotificationPort hanging = new NotificationPort() {
            @Override
            public ChannelName channel() {
                return new ChannelName("stuck");
            }

            @Override
            public void deliver(Notification notification) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        dispatcher(hanging);
        commitInDoubt("1");
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        // the worker is stuck in the channel: the queue fills and then drops, the committing thread never waits
        assertThatCode(() -> {
            for (int i = 0; i < NotificationDispatcher.CAPACITY + 500; i++) {
                commitInDoubt("X" + i);
            }
        }).doesNotThrowAnyException();
        assertThat(trail.count(AuditAction.DOCUMENT_IN_DOUBT)).isEqualTo(NotificationDispatcher.CAPACITY + 501);
        release.countDown();
    }

    @Test
    void eventsNobodyNeedsAreNotQueued() {
        InMemoryNotificationChannel channel = new InMemoryNotificationChannel("hook");
        dispatcher(channel);
        metered.append(AuditEvent.builder(AuditAction.DOCUMENT_SENT, AuditOutcome.OK).integration(ORDERS)
                .at(clock.instant()).node("n").actor("connector").build());
        commitInDoubt("9");
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.delivered().size() == 1);
        assertThat(channel.delivered().get(0).title()).contains("order 9");
    }
}
