package io.jakamoconnector.adapter.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.auth.ClientId;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason;
import io.jakamoconnector.domain.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How long each kind of failure keeps requests from Entra, and what a held-back caller is told. */
class FailureMemoryTest {
    private static final IntegrationName ORDERS = new IntegrationName("orders");

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private final FailureMemory memory = new FailureMemory(registration(), TokenClientSettings.builder()
            .permanentFailureBackoff(Duration.ofMinutes(5))
            .notApprovedBackoff(Duration.ofMinutes(1))
            .transientFailureBackoff(Duration.ofSeconds(5))
            .build(), clock);

    @Test
    void aConfigurationErrorIsHeldForThePermanentBackoff() {
        memory.remember(failure(Reason.INVALID_CLIENT, null));

        assertThat(memory.holdsAt(clock.instant().plus(Duration.ofMinutes(5)).minusMillis(1))).isTrue();
        assertThat(memory.holdsAt(clock.instant().plus(Duration.ofMinutes(5)))).isFalse();
        assertThat(memory.reason()).isEqualTo(Reason.INVALID_CLIENT);
    }

    @Test
    void notApprovedIsHeldShorterAndThrottlingAsLongAsAsked() {
        memory.remember(failure(Reason.APP_NOT_APPROVED, null));
        assertThat(memory.heldUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));

        memory.remember(failure(Reason.THROTTLED, Duration.ofSeconds(42)));
        assertThat(memory.heldUntil()).isEqualTo(clock.instant().plusSeconds(42));

        memory.remember(failure(Reason.NETWORK, null));
        assertThat(memory.heldUntil()).isEqualTo(clock.instant().plusSeconds(5));
    }

    @Test
    void aZeroHoldRemembersNothingAndForgettingLiftsTheHold() {
        memory.remember(failure(Reason.THROTTLED, Duration.ZERO));
        assertThat(memory.isEmpty()).isTrue();
        assertThat(memory.holdsAt(clock.instant())).isFalse();

        memory.remember(failure(Reason.SECRET_EXPIRED, null));
        memory.forget();
        assertThat(memory.isEmpty()).isTrue();
        assertThat(memory.heldUntil()).isNull();
    }

    @Test
    void aReplaySaysWhenItFailedAndWhenTheNextRequestGoesOut() {
        Instant failedAt = clock.instant();
        memory.remember(failure(Reason.THROTTLED, Duration.ofSeconds(30)));
        clock.advance(Duration.ofSeconds(10));

        AccessTokenUnavailableException replay = memory.replay();

        assertThat(replay.getMessage()).isEqualTo("orders: Entra said no [failed at " + failedAt
                + "; no new request before " + failedAt.plusSeconds(30) + "]");
        assertThat(replay.reason()).isEqualTo(Reason.THROTTLED);
        assertThat(replay.retryAfter()).contains(Duration.ofSeconds(20));
        assertThat(replay.remoteCorrelationId()).isEqualTo("corr-1");
    }

    @Test
    void aReplayOfAPermanentFailureAdvisesNoRetry() {
        memory.remember(failure(Reason.INVALID_CLIENT, null));

        assertThat(memory.replay().retryAfter()).isEmpty();
    }

    private static AccessTokenUnavailableException failure(Reason reason, Duration retryAfter) {
        return new AccessTokenUnavailableException(ORDERS, reason, "Entra said no", retryAfter, "corr-1", null);
    }

    private static TokenRegistration registration() {
        return new TokenRegistration(ORDERS, Environment.demo(), new ClientId("3f0c2a9e-1b2c-4d5e-8f90-0123456789ab"),
                CredentialSource.clientSecret(SecretReference.environment("ORDERS_SECRET")));
    }
}
