package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ordering is checked with thread states, never with timing. Every wait is bounded and every request that waits runs
 * on a thread of its own, interrupted after the test: a gate that wrongly never lets a request go fails its test
 * instead of hanging it, and leaves no thread blocked behind for the next test (the common pool has one thread on a
 * two-core machine, so one stuck request used to starve every later test).
 */
class ThrottleGateTest {
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private static final IntegrationName CLAIMS = new IntegrationName("claims");
    private static final Duration LONGEST = Duration.ofMinutes(2);
    private static final String POST = "document post";
    private static final String READ = "queue read";
    private final Clock clock = Clock.systemUTC();
    private final ThrottleGate gate = new ThrottleGate(clock);
    private final Map<CompletableFuture<ThrottleGate.Passage>, Thread> waiters = new ConcurrentHashMap<>();

    @AfterEach
    void interruptWhoeverStillWaits() throws InterruptedException {
        for (Thread waiter : waiters.values()) {
            waiter.interrupt();
            waiter.join(BOUND.toMillis());
        }
    }

    @Test
    void withoutARetryAfterRequestsPassTogether() throws Exception {
        ThrottleGate.Passage first = enterNow(ORDERS, POST);
        ThrottleGate.Passage second = enterNow(ORDERS, POST);
        first.close();
        second.close();
    }

    @Test
    void afterTheHoldOneRequestGoesFirstAndTheOthersWaitForItsAnswer() throws Exception {
        gate.holdUntil(ORDERS, clock.instant().plusMillis(50));
        ThrottleGate.Passage probe = enterNow(ORDERS, POST);

        CompletableFuture<ThrottleGate.Passage> second = enterLater(POST);
        awaitWaitingForTheFirstAnswer(second);
        assertThat(second).as("waits while the first request's answer is out").isNotDone();
        assertThat(enterNow(CLAIMS, POST)).as("another integration is not held").isNotNull();

        probe.close();
        second.get(10, TimeUnit.SECONDS).close();
    }

    @Test
    void aFirstRequestAnsweredWithAnotherRetryAfterHoldsTheOthersAgain() throws Exception {
        gate.holdUntil(ORDERS, clock.instant().plusMillis(20));
        ThrottleGate.Passage probe = enterNow(ORDERS, POST);
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
        ThrottleGate.Passage firstPost = enterNow(ORDERS, POST);
        CompletableFuture<ThrottleGate.Passage> secondPost = enterLater(POST);

        ThrottleGate.Passage read = enterNow(ORDERS, READ);   // its own first request: not held by the post
        read.close();                                                     // answered without a Retry-After
        assertThat(enterNow(ORDERS, READ)).as("reads are cleared now").isNotNull();
        awaitWaitingForTheFirstAnswer(secondPost);
        assertThat(secondPost).as("the read's answer says nothing about posts").isNotDone();

        firstPost.close();
        secondPost.get(10, TimeUnit.SECONDS).close();
    }

    @Test
    void aNewRetryAfterMakesEveryKindProveItselfAgain() throws Exception {
        gate.holdUntil(ORDERS, clock.instant().plusMillis(10));
        enterNow(ORDERS, READ).close();          // reads cleared after the first hold
        gate.holdUntil(ORDERS, clock.instant().plusMillis(10));
        ThrottleGate.Passage probe = enterNow(ORDERS, READ);
        CompletableFuture<ThrottleGate.Passage> second = enterLater(READ);
        awaitWaitingForTheFirstAnswer(second);
        assertThat(second).as("a read waits for the first read after the new hold").isNotDone();
        probe.close();
        second.get(10, TimeUnit.SECONDS).close();
    }

    /** Enters the gate as the test's own request would, but gives up (and fails) after {@link #BOUND}. */
    private ThrottleGate.Passage enterNow(IntegrationName integration, String kind) throws Exception {
        return enterLater(integration, kind).get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<ThrottleGate.Passage> enterLater(String kind) {
        return enterLater(ORDERS, kind);
    }

    /**
     * Enters the gate for a request of {@code kind} on a thread of its own; the future also completes (exceptionally)
     * when the gate lets it through wrongly early or refuses it.
     */
    private CompletableFuture<ThrottleGate.Passage> enterLater(IntegrationName integration, String kind) {
        CompletableFuture<ThrottleGate.Passage> entered = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                entered.complete(gate.enter(integration, kind, LONGEST));
            } catch (Exception | Error e) {
                entered.completeExceptionally(e);
            }
        }, "enter " + kind);
        waiter.setDaemon(true);
        waiters.put(entered, waiter);
        waiter.start();
        return entered;
    }

    /**
     * Waits until the request's thread is parked in the gate's untimed wait, the one for the first request's answer
     * (the wait for a Retry-After to pass is a timed one), or until the gate let it through: the assertion after this
     * then tells the two apart. Not a sleep: the thread's state is the observable event.
     */
    private void awaitWaitingForTheFirstAnswer(CompletableFuture<ThrottleGate.Passage> request) {
        Thread waiter = waiters.get(request);
        await().atMost(BOUND).pollInterval(Duration.ofMillis(5))
                .until(() -> request.isDone() || waiter.getState() == Thread.State.WAITING);
    }
}
