package io.jakamoconnector.adapter.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.auth.OperatorIdentity;
import io.jakamoconnector.domain.model.auth.OperatorRole;
import io.jakamoconnector.domain.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionsTest {
    private static final OperatorIdentity OLGA = new OperatorIdentity("oid-1", "olga@contoso.example",
            Set.of(OperatorRole.OPERATOR));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T08:00:00Z"));
    private final Sessions sessions = new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(12));

    @Test
    void aSessionUnusedForItsIdleTimeEnds() {
        Sessions.Session session = sessions.create(OLGA);
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.find(session.id)).isPresent();
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.find(session.id)).as("used 29 minutes ago: still alive").isPresent();
        clock.advance(Duration.ofMinutes(30));
        assertThat(sessions.find(session.id)).isEmpty();
    }

    @Test
    void aSessionInUseEndsAtItsAbsoluteExpiry() {
        Sessions.Session session = sessions.create(OLGA);
        for (int i = 0; i < 12 * 3 - 1; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertThat(sessions.find(session.id)).isPresent();
        }
        clock.advance(Duration.ofMinutes(20));
        assertThat(sessions.find(session.id)).as("12 hours after sign-in").isEmpty();
    }

    @Test
    void eachSignInGetsItsOwnUnguessableIdAndCsrfTokenAndSignOutEndsIt() {
        Sessions.Session first = sessions.create(OLGA);
        Sessions.Session second = sessions.create(OLGA);
        assertThat(first.id).isNotEqualTo(second.id).hasSizeGreaterThanOrEqualTo(43);
        assertThat(first.csrf).isNotEqualTo(second.csrf).isNotEqualTo(first.id);
        sessions.end(first.id);
        assertThat(sessions.find(first.id)).isEmpty();
        assertThat(sessions.find(second.id)).isPresent();
        assertThat(sessions.find("planted-by-someone-else")).isEmpty();
    }
}
