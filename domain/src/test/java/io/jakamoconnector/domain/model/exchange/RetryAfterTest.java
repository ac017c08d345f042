package io.jakamoconnector.domain.model.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The cases of both earlier readers (Jakamo's RetryAfterHeader, Entra's parseRetryAfter) and where they differed. */
class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void delaySeconds() {
        assertThat(RetryAfter.parse("120", NOW, DAY)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("7", NOW, DAY)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse(" 0 ", NOW, DAY)).contains(Duration.ZERO);
    }

    @Test
    void anHttpDateIsTheWaitUntilThen() {
        assertThat(RetryAfter.parse("Sun, 29 Nov 2026 10:01:30 GMT", NOW, DAY)).contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Sun, 29 Nov 2026 10:00:30 GMT", NOW, DAY)).contains(Duration.ofSeconds(30));
    }

    @Test
    void aDateInThePastMeansNow() {
        assertThat(RetryAfter.parse("Sun, 29 Nov 2026 09:00:00 GMT", NOW, DAY)).contains(Duration.ZERO);
    }

    @Test
    void theCapHoldsInEitherForm() {
        assertThat(RetryAfter.parse("86400", NOW, HOUR)).contains(HOUR);
        assertThat(RetryAfter.parse("Mon, 30 Nov 2026 10:00:00 GMT", NOW, HOUR)).contains(HOUR);
        assertThat(RetryAfter.parse("900", NOW, Duration.ofMinutes(5))).contains(Duration.ofMinutes(5));
        assertThat(RetryAfter.parse("Sun, 29 Nov 2026 10:10:00 GMT", NOW, Duration.ofMinutes(5)))
                .contains(Duration.ofMinutes(5));
    }

    @Test
    void absurdAdviceIsBoundedToADayWhateverTheCap() {
        assertThat(RetryAfter.parse("99999999999", NOW, DAY)).contains(DAY);
        assertThat(RetryAfter.parse("99999999999999999999999", NOW, DAY)).as("beyond a long").contains(DAY);
        assertThat(RetryAfter.parse("Tue, 29 Nov 2039 10:00:00 GMT", NOW, DAY)).contains(DAY);
        assertThat(RetryAfter.parse("Tue, 29 Nov 2039 10:00:00 GMT", NOW, Duration.ofDays(30))).contains(DAY);
        assertThat(RetryAfter.parse("172800", NOW, Duration.ofDays(30))).contains(DAY);
    }

    @Test
    void unreadableAdviceIsIgnored() {
        assertThat(RetryAfter.parse(null, NOW, DAY)).isEmpty();
        assertThat(RetryAfter.parse("", NOW, DAY)).isEmpty();
        assertThat(RetryAfter.parse("   ", NOW, DAY)).isEmpty();
        assertThat(RetryAfter.parse("-1", NOW, DAY)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW, DAY)).isEmpty();
        assertThat(RetryAfter.parse("+5", NOW, DAY)).as("delay-seconds has no sign").isEmpty();
        assertThat(RetryAfter.parse("1.5", NOW, DAY)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW, DAY)).isEmpty();
        assertThat(RetryAfter.parse("yesterday", NOW, DAY)).isEmpty();
        assertThat(RetryAfter.parse("١٢", NOW, DAY)).as("digits other than ASCII").isEmpty();
    }
}
