package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jakamoconnector.domain.port.out.JakamoExchangeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jakamo's {@code Retry-After} in either form (delay-seconds, HTTP-date) holds the integration alike, read by the one
 * parser every adapter uses (the domain's {@code RetryAfter}); the sandbox sends only seconds, so a local stub answers.
 */
class RetryAfterFormsIT {
    private static Testbed bed;
    private static StubJakamo stub;

    @BeforeAll
    static void start() {
        bed = new Testbed();
        stub = bed.closeLater(new StubJakamo());
    }

    @AfterAll
    static void stop() throws Exception {
        bed.close();
    }

    @BeforeEach
    void reset() {
        stub.clearRequests();
    }

    @Test
    void delaySecondsHoldTheIntegrationForThatLongWithoutAnotherRequest() {
        Instant before = Instant.now();
        Held held = readAnsweredWith("120");

        assertThat(held.advice()).isBetween(Duration.ofSeconds(119), Duration.ofSeconds(120));
        assertThat(held.until()).isBetween(before.plusSeconds(119), Instant.now().plusSeconds(120));
    }

    @Test
    void anHttpDateHoldsTheIntegrationUntilThatInstantWithoutAnotherRequest() {
        Instant at = Instant.now().plusSeconds(121).truncatedTo(ChronoUnit.SECONDS);
        Held held = readAnsweredWith(DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC)));

        assertThat(held.advice()).isBetween(Duration.ofSeconds(119), Duration.ofSeconds(121));
        assertThat(held.until()).isBetween(at.minusSeconds(1), at.plusSeconds(1));
    }

    /** A fresh client (no hold yet) reads the queue once, answered 429 with {@code retryAfter}, then once more. */
    private Held readAnsweredWith(String retryAfter) {
        stub.on("GET", "/api/order/response", StubJakamo.Reply.xml(429, "<errors><error>slow down</error></errors>")
                .header("Retry-After", retryAfter));
        JakamoApiClient api = bed.api(Testbed.fastOptions(), stub.baseUri());
        HttpInboundQueueAdapter queue = new HttpInboundQueueAdapter(api);

        JakamoExchangeException first = catchThrowableOfType(JakamoExchangeException.class,
                () -> queue.next(Testbed.STUB));
        JakamoExchangeException second = catchThrowableOfType(JakamoExchangeException.class,
                () -> queue.next(Testbed.STUB));

        assertThat(first.reason()).isEqualTo(JakamoExchangeException.Reason.TRANSIENT);
        assertThat(first.retryAfter()).as("the advice, longer than a call waits, handed back").isPresent();
        assertThat(second).as("held: refused without a request").isNotNull();
        assertThat(stub.requests()).as("one request only; the second call was held").hasSize(1);
        assertThat(api.heldUntil(Testbed.STUB)).isPresent();
        return new Held(first.retryAfter().orElseThrow(), api.heldUntil(Testbed.STUB).orElseThrow());
    }

    private record Held(Duration advice, Instant until) {
    }
}
