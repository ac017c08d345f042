package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterHeaderTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private static java.util.Optional<Duration> parse(String value, Instant now) {
        return RetryAfterHeader.parse(value, now, Duration.ofDays(1));
    }

    @Test
    void byDefaultOneAnswerHoldsAnIntegrationForAnHourAtMostInEitherForm() {
        Duration cap = JakamoOptions.defaults().longestRetryAfter();
        assertThat(cap).isEqualTo(Duration.ofHours(1));
        assertThat(RetryAfterHeader.parse("86400", NOW, cap)).contains(Duration.ofHours(1));
        assertThat(RetryAfterHeader.parse("Mon, 30 Nov 2026 10:00:00 GMT", NOW, cap)).contains(Duration.ofHours(1));
        assertThat(RetryAfterHeader.parse("120", NOW, cap)).contains(Duration.ofSeconds(120));
    }

    @Test
    void theCapIsTheConfiguredOneButNeverBeyondADay() {
        assertThat(RetryAfterHeader.parse("900", NOW, Duration.ofMinutes(5))).contains(Duration.ofMinutes(5));
        assertThat(RetryAfterHeader.parse("Sun, 29 Nov 2026 10:10:00 GMT", NOW, Duration.ofMinutes(5)))
                .contains(Duration.ofMinutes(5));
        assertThat(JakamoOptions.defaults().withLongestRetryAfter(Duration.ofMinutes(5)).longestRetryAfter())
                .isEqualTo(Duration.ofMinutes(5));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JakamoOptions.defaults()
                .withLongestRetryAfter(Duration.ofDays(2))).hasMessageContaining("jakamo.longestRetryAfter");
    }

    @Test
    void delaySeconds() {
        assertThat(parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(parse(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void anHttpDateIsTheWaitUntilThen() {
        assertThat(parse("Sun, 29 Nov 2026 10:01:30 GMT", NOW)).contains(Duration.ofSeconds(90));
    }

    @Test
    void aDateInThePastMeansNow() {
        assertThat(parse("Sun, 29 Nov 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void absurdAdviceIsBoundedToADay() {
        assertThat(parse("99999999999", NOW)).contains(Duration.ofDays(1));
        assertThat(parse("Tue, 29 Nov 2039 10:00:00 GMT", NOW)).contains(Duration.ofDays(1));
    }

    @Test
    void unreadableAdviceIsIgnored() {
        assertThat(parse(null, NOW)).isEmpty();
        assertThat(parse("", NOW)).isEmpty();
        assertThat(parse("-5", NOW)).isEmpty();
        assertThat(parse("1.5", NOW)).isEmpty();
        assertThat(parse("soon", NOW)).isEmpty();
    }
}
