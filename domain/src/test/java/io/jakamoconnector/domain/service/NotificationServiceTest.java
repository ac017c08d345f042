package io.jakamoconnector.domain.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.attention.Attention;
import io.jakamoconnector.domain.model.attention.AttentionKind;
import io.jakamoconnector.domain.model.attention.ChannelName;
import io.jakamoconnector.domain.model.attention.Notification;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.NotificationFailedException.Reason;
import io.jakamoconnector.domain.testing.InMemoryAuditTrail;
import io.jakamoconnector.domain.testing.InMemoryNotificationChannel;
import io.jakamoconnector.domain.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotificationServiceTest {
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private final MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");
    private final InMemoryAuditTrail trail = new InMemoryAuditTrail();
    private final InMemoryNotificationChannel mail = new InMemoryNotificationChannel("ops-mail");
    private final InMemoryNotificationChannel teams = new InMemoryNotificationChannel("ops-teams");
    private final NotificationService service = new NotificationService(List.of(mail, teams),
            new AuditWriter(trail, clock, "node-1"), clock, NotificationPolicy.defaults());

    private Attention inDoubt(String order) {
        return new Attention(AttentionKind.IN_DOUBT, ORDERS, "order " + order, clock.instant(), "connection reset");
    }

    @Test
    void anInDoubtEventGoesToEveryChannelOnceNamingTheOrderAndWhatToDo() {
        AuditEvent event = AuditEvent.builder(AuditAction.DOCUMENT_IN_DOUBT, AuditOutcome.IN_DOUBT).integration(ORDERS)
                .businessKey(new BusinessKey("4500012345")).reason("connection reset").at(clock.instant())
                .node("node-1").actor("connector").build();
        assertThat(service.offer(event)).isTrue();
        assertThat(service.offer(event)).as("the same event again").isFalse();
        service.deliverDue();
        service.deliverDue();

        for (InMemoryNotificationChannel channel : List.of(mail, teams)) {
            assertThat(channel.delivered()).hasSize(1);
            Notification n = channel.delivered().get(0);
            assertThat(n.title()).contains("order 4500012345");
            assertThat(n.text()).contains("order 4500012345", "messages resolve ID --sent", "node-1");
        }
        assertThat(trail.events()).filteredOn(e -> e.action() == AuditAction.NOTIFICATION_SENT)
                .extracting(AuditEvent::reason).hasSize(2)
                .anySatisfy(r -> assertThat(r).startsWith("channel=ops-mail; notification; in_doubt order 4500012345"))
                .anySatisfy(r -> assertThat(r).startsWith("channel=ops-teams;"));
        assertThat(trail.events()).allSatisfy(e -> assertThat(e.integration()).isEqualTo(ORDERS));
    }

    @Test
    void itsOwnAuditEventsNeverRaiseANotification() {
        service.offer(inDoubt("1"));
        mail.failNext(Reason.REFUSED);
        service.deliverDue();
        for (AuditEvent written : trail.events()) {
            assertThat(service.offer(written)).as(written.action().name()).isFalse();
        }
        assertThat(trail.count(AuditAction.NOTIFICATION_FAILED)).isEqualTo(1);
    }

    @Test
    void theSameThingIsToldAgainOnlyAfterTheRepeatTime() {
        assertThat(service.offer(inDoubt("1"))).isTrue();
        clock.advance(Duration.ofHours(23));
        assertThat(service.offer(inDoubt("1"))).isFalse();
        assertThat(service.offer(new Attention(AttentionKind.DEAD, ORDERS, "order 1", clock.instant(), "")))
                .as("another state of the same order").isTrue();
        clock.advance(Duration.ofHours(2));
        assertThat(service.offer(inDoubt("1"))).isTrue();
    }

    @Test
    void manyAtOnceGoAsOneDigest() {
        for (int i = 1; i <= 7; i++) {
            service.offer(inDoubt("45000" + i));
        }
        service.deliverDue();
        assertThat(mail.delivered()).hasSize(1);
        Notification digest = mail.delivered().get(0);
        assertThat(digest.about()).hasSize(7);
        assertThat(digest.title()).contains("7 things need a person");
        assertThat(digest.text()).contains("order 450001", "order 450007");
        assertThat(trail.events()).filteredOn(e -> e.action() == AuditAction.NOTIFICATION_SENT)
                .extracting(AuditEvent::reason).allSatisfy(r -> assertThat(r).contains("digest of 7"));
    }

    @Test
    void aFewAtOnceGoSinglyButMoreInTheWindowWaitForItsEndAsOneDigest() {
        for (int i = 1; i <= 5; i++) {
            service.offer(inDoubt("A" + i));
        }
        service.deliverDue();
        assertThat(mail.delivered()).hasSize(5).allSatisfy(n -> assertThat(n.about()).hasSize(1));

        clock.advance(Duration.ofSeconds(10));
        service.offer(inDoubt("B1"));
        service.offer(inDoubt("B2"));
        service.deliverDue();
        assertThat(mail.delivered()).as("the window is full").hasSize(5);
        assertThat(service.nextDue()).contains(Instant.parse("2026-12-01T10:01:00Z"));

        clock.advance(Duration.ofSeconds(50));
        service.deliverDue();
        assertThat(mail.delivered()).hasSize(7);
        assertThat(mail.delivered().subList(5, 7)).allSatisfy(n -> assertThat(n.about()).hasSize(1));
    }

    @Test
    void aChannelSendsNoMoreThanItsHourlyLimitAndWhatWaitsGoesAsADigestLater() {
        NotificationPolicy tight = new NotificationPolicy(5, Duration.ofMinutes(1), 3, Duration.ofHours(24), 5,
                Duration.ofSeconds(10), Duration.ofMinutes(5));
        NotificationService limited = new NotificationService(List.of(mail), new AuditWriter(trail, clock, "n"),
                clock, tight);
        for (int i = 1; i <= 6; i++) {
            limited.offer(inDoubt("C" + i));
            limited.deliverDue();
            clock.advance(Duration.ofMinutes(2));
        }
        // two singles, then the last slot of the hour carries the rest that waited until then
        assertThat(mail.delivered()).hasSize(3);
        assertThat(mail.delivered().get(0).about()).hasSize(1);
        assertThat(mail.delivered().get(1).about()).hasSize(1);
        assertThat(mail.delivered().get(2).about()).hasSize(1);
        assertThat(limited.waiting(mail.channel())).isEqualTo(3);

        clock.set(Instant.parse("2026-12-01T11:00:01Z"));
        limited.deliverDue();
        assertThat(mail.delivered()).hasSize(4);
        assertThat(mail.delivered().get(3).about()).extracting(Attention::subject)
                .containsExactly("order C4", "order C5", "order C6");
    }

    @Test
    void aRetryableFailureIsRetriedWithBackoffWithoutHoldingUpTheOtherChannel() {
        mail.failNext(Reason.RECEIVER_UNAVAILABLE, Reason.NETWORK);
        service.offer(inDoubt("D1"));
        service.deliverDue();
        assertThat(teams.delivered()).hasSize(1);
        assertThat(mail.delivered()).isEmpty();
        assertThat(service.nextDue()).contains(clock.instant().plusSeconds(10));

        clock.advance(Duration.ofSeconds(9));
        service.deliverDue();
        assertThat(mail.attempts()).as("not before its time").isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        service.deliverDue();
        assertThat(mail.attempts()).isEqualTo(2);
        assertThat(service.nextDue()).contains(clock.instant().plusSeconds(20));
        clock.advance(Duration.ofSeconds(20));
        service.deliverDue();
        assertThat(mail.delivered()).hasSize(1);
        assertThat(trail.events()).filteredOn(e -> e.action() == AuditAction.NOTIFICATION_FAILED)
                .extracting(AuditEvent::outcome).containsExactly(AuditOutcome.RETRY, AuditOutcome.RETRY);
        assertThat(trail.events()).filteredOn(e -> e.action() == AuditAction.NOTIFICATION_SENT
                && e.reason().startsWith("channel=ops-mail")).extracting(AuditEvent::attempt).containsExactly(3);
    }

    @Test
    void aPermanentFailureIsGivenUpAtOnceAndAudited() {
        mail.failNext(Reason.AUTHENTICATION_FAILED);
        service.offer(inDoubt("E1"));
        service.deliverDue();
        assertThat(service.nextDue()).isEmpty();
        assertThat(trail.events()).filteredOn(e -> e.action() == AuditAction.NOTIFICATION_FAILED)
                .singleElement().satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo(AuditOutcome.FAIL);
                    assertThat(e.reason()).startsWith("channel=ops-mail;").contains("AUTHENTICATION_FAILED",
                            "given up after 1");
                });
    }

    @Test
    void testMessageGoesThroughEachChannelAndSaysWhichFailed() {
        teams.failNext(Reason.REFUSED);
        List<NotificationService.TestResult> results = service.test(Optional.empty());
        assertThat(results).extracting(NotificationService.TestResult::channel)
                .containsExactly(new ChannelName("ops-mail"), new ChannelName("ops-teams"));
        assertThat(results.get(0).error()).isEmpty();
        assertThat(results.get(1).error()).hasValueSatisfying(e -> assertThat(e).contains("REFUSED"));
        assertThat(mail.delivered()).singleElement().satisfies(n -> assertThat(n.title()).contains("test message"));
        assertThat(trail.count(AuditAction.NOTIFICATION_SENT)).isEqualTo(1);
        assertThat(trail.count(AuditAction.NOTIFICATION_FAILED)).isEqualTo(1);

        assertThat(service.test(Optional.of(new ChannelName("ops-mail")))).hasSize(1);
    }
}
