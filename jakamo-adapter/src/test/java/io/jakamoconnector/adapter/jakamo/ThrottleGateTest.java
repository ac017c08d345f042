package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Ordering is checked with latches and thread states, never with timing. */
class ThrottleGateTest {
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private static final IntegrationName CLAIMS = new IntegrationName("claims");
    private static final Duration LONGEST = Duration.ofMinutes(2);
    private final Clock clock = Clock.systemUTC();
    private final ThrottleGate gate = new ThrottleGate(clock);

    @Test
    void withoutARetryAfterRequestsPassTogether() throws Exception {
        ThrottleGate.Passage first = gate.enter(ORDERS, LONGEST);
        ThrottleGate.Passage second = gate.enter(ORDERS, LONGEST);
        first.close();
        second.close();
    }

    @Test
    void afterTheHoldOneRequestGoesFirstAndTheOthersWaitForItsAnswer() throws Exception {
        gate.holdUntil(ORDERS, clock.instant().plusMillis(50));
        ThrottleGate.Passage probe = gate.enter(ORDERS, LONGEST);

        CountDownLatch entering = new CountDownLatch(1);
        CompletableFuture<ThrottleGate.Passage> second = CompletableFuture.supplyAsync(() -> {
            entering.countDown();
            try {
                return gate.enter(ORDERS, LONGEST);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        entering.await();
        Thread.sleep(200);   // not a timing assertion: gives the second request every chance to pass wrongly
        assertThat(second).as("waits while the first request's answer is out").isNotDone();
        assertThat(gate.enter(CLAIMS, LONGEST)).as("another integration is not held").isNotNull();

        probe.close();
        second.get(10, TimeUnit.SECONDS).close();
    }

    @Test
    void aFirstRequestAnsweredWithAnotherRetryAfterHoldsTheOthersAgain() throws Exception {
        gate.holdUntil(ORDERS, clock.instant().plusMillis(20));
        ThrottleGate.Passage probe = gate.enter(ORDERS, LONGEST);
        CompletableFuture<ThrottleGate.Passage> second = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.enter(ORDERS, LONGEST);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // the probe's answer: another Retry-After, longer than the caller will wait
        gate.holdUntil(ORDERS, clock.instant().plus(Duration.ofMinutes(10)));
        probe.close();

        assertThat(second).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(Exception.class)
                .havingRootCause().isInstanceOf(ThrottleGate.Refused.class)
                .withMessageContaining("Retry-After");
    }

    @Test
    void aHoldLongerThanTheCallerWaitsIsRefusedAtOnce() {
        gate.holdUntil(ORDERS, clock.instant().plus(Duration.ofMinutes(5)));
        assertThatThrownBy(() -> gate.enter(ORDERS, LONGEST)).isInstanceOf(ThrottleGate.Refused.class)
                .hasMessageContaining("another");
    }
}
