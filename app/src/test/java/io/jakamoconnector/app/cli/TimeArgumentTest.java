package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeArgumentTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void anAgeCountsBackFromNow() {
        assertThat(TimeArgument.parse("30m", clock)).contains(Instant.parse("2026-12-07T11:30:00Z"));
        assertThat(TimeArgument.parse("1h", clock)).contains(Instant.parse("2026-12-07T11:00:00Z"));
        assertThat(TimeArgument.parse("2d", clock)).contains(Instant.parse("2026-12-05T12:00:00Z"));
    }

    @Test
    void aPlainDateIsItsStartInUtcAndAnInstantItself() {
        assertThat(TimeArgument.parse("2026-12-01", clock)).contains(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(TimeArgument.parse("2026-12-01T08:15:00Z", clock)).contains(Instant.parse("2026-12-01T08:15:00Z"));
    }

    @Test
    void anythingElseIsNoTime() {
        assertThat(TimeArgument.parse("yesterday", clock)).isEmpty();
        assertThat(TimeArgument.parse("1w", clock)).isEmpty();
        assertThat(TimeArgument.parse("-1h", clock)).isEmpty();
    }
}
