package io.jakamoconnector.adapter.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.auth.ClientId;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When a failed refresh is tried again, and that one refresh at a time is scheduled. */
class RefreshScheduleTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final ScheduledThreadPoolExecutor scheduler = scheduler();
    private final CountDownLatch ran = new CountDownLatch(1);
    private final RefreshSchedule schedule = new RefreshSchedule(registration(), Duration.ofSeconds(30), scheduler,
            Clock.fixed(NOW, ZoneOffset.UTC), ran::countDown);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aFailedRefreshIsTriedAgainAfterTheRetryDelay() {
        assertThat(schedule.nextTry(token(Duration.ofMinutes(30)), NOW, null)).isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void aTokenRunningOutSoonIsRetriedAtHalfItsRemainingLife() {
        assertThat(schedule.nextTry(token(Duration.ofSeconds(40)), NOW, null)).isEqualTo(NOW.plusSeconds(20));
    }

    @Test
    void noRetryBeforeARemembersFailuresHoldNorAfterTheTokenExpired() {
        AccessToken token = token(Duration.ofMinutes(30));
        assertThat(schedule.nextTry(token, NOW, NOW.plusSeconds(90))).isEqualTo(NOW.plusSeconds(90));
        assertThat(schedule.nextTry(token, NOW, NOW.plus(Duration.ofMinutes(30)))).isNull();
        assertThat(schedule.nextTry(token, NOW.plus(Duration.ofMinutes(30)), null)).isNull();
        assertThat(schedule.nextTry(null, NOW, null)).isNull();
    }

    @Test
    void aNewScheduleReplacesThePendingOne() throws InterruptedException {
        schedule.at(NOW.plus(Duration.ofHours(1)));
        assertThat(schedule.pending()).isTrue();

        schedule.at(NOW);   // past: at once

        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(scheduler.getQueue()).isEmpty();   // the hour-later one was cancelled, not left waiting
        schedule.fired();
        assertThat(schedule.pending()).isFalse();
    }

    private static ScheduledThreadPoolExecutor scheduler() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        scheduler.setRemoveOnCancelPolicy(true);   // as the adapter's
        return scheduler;
    }

    private static AccessToken token(Duration life) {
        return new AccessToken("t1", NOW, NOW.plus(life), null);
    }

    private static TokenRegistration registration() {
        return new TokenRegistration(new IntegrationName("orders"), Environment.demo(),
                new ClientId("3f0c2a9e-1b2c-4d5e-8f90-0123456789ab"),
                CredentialSource.clientSecret(SecretReference.environment("ORDERS_SECRET")));
    }
}
