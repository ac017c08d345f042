package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a queue path that answers only bare 404s is reported, and that one queue-like answer ends the doubt. */
class QueuePathWatchTest {
    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private final QueuePathWatch watch = new QueuePathWatch(clock);
    private final JakamoIntegration orders = JakamoIntegration.of(new IntegrationName("po"),
            IntegrationKind.PURCHASE_ORDERS, Environment.demo(), JakamoOptions.defaults());
    private final JakamoIntegration claims = JakamoIntegration.of(new IntegrationName("cl"), IntegrationKind.CLAIMS,
            Environment.demo(), JakamoOptions.defaults());

    @Test
    void onlyBare404sForADayAreReportedNamingTheKeyToCheck() {
        Instant first = clock.instant();
        watch.bare404(orders.name());
        clock.advance(Duration.ofHours(1));
        watch.bare404(orders.name());   // the first one counts

        clock.set(first.plus(JakamoApiClient.QUEUE_PATH_UNCONFIRMED_AFTER).minusMillis(1));
        assertThat(watch.unconfirmed(orders)).isEmpty();

        clock.set(first.plus(JakamoApiClient.QUEUE_PATH_UNCONFIRMED_AFTER));
        assertThat(watch.unconfirmed(orders)).hasValueSatisfying(text -> assertThat(text)
                .contains("since " + first, "check integrations[po].jakamo.paths.orderQueue"));
    }

    @Test
    void oneAnswerLikeAQueueEndsTheDoubtForGood() {
        watch.bare404(claims.name());
        watch.answered(claims.name());
        watch.bare404(claims.name());
        clock.advance(Duration.ofDays(2));

        assertThat(watch.unconfirmed(claims)).isEmpty();
        assertThat(watch.unconfirmed(orders)).as("never read").isEmpty();
    }

    @Test
    void aClaimsIntegrationIsToldToCheckItsClaimQueuePath() {
        watch.bare404(claims.name());
        clock.advance(Duration.ofDays(1));

        assertThat(watch.unconfirmed(claims)).hasValueSatisfying(text -> assertThat(text)
                .contains("jakamo.paths.claimQueue"));
    }
}
