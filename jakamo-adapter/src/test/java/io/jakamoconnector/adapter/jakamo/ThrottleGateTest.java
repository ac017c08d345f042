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
    private static final String POST = "document post";
    private static final String READ = "queue read";
    private final Clock clock = Clock.systemUTC();
    private final ThrottleGate gate = new ThrottleGate(clock);

    @Test
    void withoutARetryAfterRequestsPassTogether() throws Exception {
        ThrottleGate.Passage first = gate.enter(ORDERS, POST, LONGEST);
        ThrottleGate.Passage second = gate.enter(ORDERS, POST, LONGEST);
        first.close();
        second.close();
    }

    @Test
    void afterTheHoldOneRequestGoesFirstAndTheOthersWaitForItsAnswer() throws Exception {
        gate.holdUntil(ORDERS, clock.instant().plusMillis(50));
        ThrottleGate.Passage probe = gate.enter(ORDERS, POST, LONGEST);

        CountDownLatch entering = new CountDownLatch(1);
        CompletableFuture<ThrottleGate.Passage> second = enterLater(POST, entering);
        entering.await();
        Thread.sleep(200);   // not a timing assertion: gives the second request every chance to pass wrongly
        assertThat(second).as("waits while the first request's answer is out").isNotDone();
        assertThat(gate.enter(CLAIMS, POST, LONGEST)).as("another integration is not held").isNotNull();

        probe.close();
        second.get(10, TimeUnit.SECONDS).close();
    }

    @Test
    void aFirstRequestAnsweredWithAnotherRetryAfterHoldsTheOthersAgain() throws Exception {
        gate.holdUntil(ORDERS, clock.instant().plusMillis(20));
        ThrottleGate.Passage probe = gate.enter(ORDERS, POST, LONGEST);
        CompletableFuture<ThrottleGate.Passage> second = enterLater(POST);
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
        assertThatThrownBy(() -> gate.enter(ORDERS, POST, LONGEST)).isInstanceOf(ThrottleGate.Refused.class)
                .hasMessageContaining("another");
    }

    @Test
    void eachKindSendsItsOwnFirstRequestAfterTheHoldAndARequestOfAnotherKindReleasesNoOne() throws Exception {
        // the full fault matrix's "429 on posts": a queue read answered 200 let the waiting posts go together
        gate.holdUntil(ORDERS, clock.instant().plusMillis(20));
        ThrottleGate.Passage firstPost = gate.enter(ORDERS, POST, LONGEST);
        CompletableFuture<ThrottleGate.Passage> secondPost = enterLater(POST);

        ThrottleGate.Passage read = gate.enter(ORDERS, READ, LONGEST);   // its own first request: not held by the post
        read.close();                                                     // answered without a Retry-After
        assertThat(gate.enter(ORDERS, READ, LONGEST)).as("reads are cleared now").isNotNull();
        Thread.sleep(200);   // not a timing assertion: gives the second post every chance to pass wrongly
        assertThat(secondPost).as("the read's answer says nothing about posts").isNotDone();

        firstPost.close();
        secondPost.get(10, TimeUnit.SECONDS).close();
    }

    @Test
    void aNewRetryAfterMakesEveryKindProveItselfAgain() throws Exception {
        gate.holdUntil(ORDERS, clock.instant().plusMillis(10));
        gate.enter(ORDERS, READ, LONGEST).close();          // reads cleared after the first hold
        gate.holdUntil(ORDERS, clock.instant().plusMillis(10));
        ThrottleGate.Passage probe = gate.enter(ORDERS, READ, LONGEST);
        CompletableFuture<ThrottleGate.Passage> second = enterLater(READ);
        Thread.sleep(200);
        assertThat(second).as("a read waits for the first read after the new hold").isNotDone();
        probe.close();
        second.get(10, TimeUnit.SECONDS).close();
    }

    private CompletableFuture<ThrottleGate.Passage> enterLater(String kind) {
        return enterLater(kind, new CountDownLatch(1));
    }

    /** Enters the gate for a request of {@code kind} on another thread, counting {@code entering} down first. */
    private CompletableFuture<ThrottleGate.Passage> enterLater(String kind, CountDownLatch entering) {
        return CompletableFuture.supplyAsync(() -> {
            entering.countDown();
            try {
                return gate.enter(ORDERS, kind, LONGEST);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
