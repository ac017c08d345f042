package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.exchange.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Jakamo's cap on {@code Retry-After}; the reading itself is the domain's ({@code RetryAfterTest}). */
class JakamoRetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void byDefaultOneAnswerHoldsAnIntegrationForAnHourAtMostInEitherForm() {
        Duration cap = JakamoOptions.defaults().longestRetryAfter();
        assertThat(cap).isEqualTo(Duration.ofHours(1));
        assertThat(RetryAfter.parse("86400", NOW, cap)).contains(Duration.ofHours(1));
        assertThat(RetryAfter.parse("Mon, 30 Nov 2026 10:00:00 GMT", NOW, cap)).contains(Duration.ofHours(1));
        assertThat(RetryAfter.parse("120", NOW, cap)).contains(Duration.ofSeconds(120));
    }

    @Test
    void theCapIsTheConfiguredOneButNeverBeyondADay() {
        assertThat(JakamoOptions.defaults().withLongestRetryAfter(Duration.ofMinutes(5)).longestRetryAfter())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(JakamoOptions.defaults().withLongestRetryAfter(RetryAfter.LONGEST).longestRetryAfter())
                .isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> JakamoOptions.defaults().withLongestRetryAfter(Duration.ofDays(2)))
                .hasMessageContaining("jakamo.longestRetryAfter");
    }
}
