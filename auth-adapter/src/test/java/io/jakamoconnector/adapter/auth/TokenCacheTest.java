package io.jakamoconnector.adapter.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.auth.AccessToken;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How long a stored token is handed out, and when its refresh is due. */
class TokenCacheTest {
    private static final Instant ISSUED = Instant.parse("2026-03-01T10:00:00Z");

    private final TokenCache cache = new TokenCache(Duration.ofMinutes(2));

    @Test
    void aLongLivedTokenIsHandedOutUntilTheMinimumValidityIsLeft() {
        AccessToken token = new AccessToken("t1", ISSUED, ISSUED.plus(Duration.ofHours(1)), null);
        cache.store(token, ISSUED);

        Instant until = ISSUED.plus(Duration.ofMinutes(58));
        assertThat(cache.usable(token, until.minusMillis(1))).isTrue();
        assertThat(cache.usable(token, until)).isFalse();
        assertThat(cache.entry().usableUntil()).isEqualTo(until);
    }

    @Test
    void aShortLivedTokenIsHandedOutForThreeQuartersOfItsLife() {
        AccessToken token = new AccessToken("t1", ISSUED, ISSUED.plus(Duration.ofMinutes(4)), null);
        cache.store(token, ISSUED);

        assertThat(cache.entry().usableUntil()).isEqualTo(ISSUED.plus(Duration.ofMinutes(3)));
    }

    @Test
    void theRefreshIsDueAtTheTokensRefreshInstant() {
        Instant refreshAt = ISSUED.plus(Duration.ofMinutes(20));
        cache.store(new AccessToken("t1", ISSUED, ISSUED.plus(Duration.ofHours(1)), refreshAt), ISSUED);

        assertThat(cache.entry().refreshDueAt(refreshAt.minusMillis(1))).isFalse();
        assertThat(cache.entry().refreshDueAt(refreshAt)).isTrue();
    }

    @Test
    void onlyTheStoredTokenIsUsableAndNothingAfterClearing() {
        AccessToken stored = new AccessToken("t1", ISSUED, ISSUED.plus(Duration.ofHours(1)), null);
        AccessToken other = new AccessToken("t1", ISSUED, ISSUED.plus(Duration.ofHours(1)), null);
        cache.store(stored, ISSUED);

        assertThat(cache.usable(other, ISSUED)).isFalse();
        cache.clear();
        assertThat(cache.current()).isNull();
        assertThat(cache.usable(stored, ISSUED)).isFalse();
    }
}
