package io.jakamoconnector.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AccessTokenPort;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AccessTokenPort} must do; run against the in-memory token service and the real MSAL adapter against
 * the sandbox's Entra alike. A token is usable when handed out and comes from the cache the second time; a renewal gives
 * another one; a credential the token service refuses is an {@link AccessTokenUnavailableException} with a reason, and
 * the secret is in no message of it.
 */
public abstract class AccessTokenPortContract {
    /** An integration whose application and credential the token service accepts. */
    protected static final IntegrationName ORDERS = new IntegrationName("contract-orders");
    /** An integration whose credential the token service refuses (a revoked or wrong secret). */
    protected static final IntegrationName REVOKED = new IntegrationName("contract-revoked");
    private static final Duration MARGIN = Duration.ofMinutes(1);
    private AccessTokenPort tokens;

    /** A port with a fresh cache serving {@link #ORDERS} and {@link #REVOKED}, and no other integration. */
    protected abstract AccessTokenPort newPort();

    /** How many token requests for the integration reached the token service since {@link #newPort()}. */
    protected abstract int tokenRequests(IntegrationName integration);

    /** The secret the port holds for the integration, which must never show. */
    protected abstract String secretOf(IntegrationName integration);

    /** The clock the token service issues by. */
    protected abstract Clock clock();

    @BeforeEach
    void freshPort() {
        tokens = newPort();
    }

    @Test
    void aTokenIsUsableWhenHandedOutAndTheSecondAskIsAnsweredFromTheCache() {
        AccessToken first = tokens.token(ORDERS);
        AccessToken second = tokens.token(ORDERS);

        assertThat(first.isUsableAt(clock().instant(), MARGIN)).as("usable for a request starting now: " + first)
                .isTrue();
        assertThat(second.value()).as("the second ask is answered from the cache").isEqualTo(first.value());
        assertThat(tokenRequests(ORDERS)).as("requests that reached the token service").isEqualTo(1);
    }

    @Test
    void aRejectedTokenIsRenewedWithAnotherOneThatTheCacheThenHolds() {
        AccessToken rejected = tokens.token(ORDERS);

        AccessToken renewed = tokens.renewedToken(ORDERS, rejected);

        assertThat(renewed.value()).as("a renewal gives another token than the rejected one")
                .isNotEqualTo(rejected.value());
        assertThat(renewed.isUsableAt(clock().instant(), MARGIN)).isTrue();
        assertThat(tokens.token(ORDERS).value()).as("the cache holds the renewed token").isEqualTo(renewed.value());
    }

    @Test
    void aRefusedCredentialIsAFailureWithAReasonThatNeverShowsTheSecret() {
        AccessTokenUnavailableException e = catchThrowableOfType(AccessTokenUnavailableException.class,
                () -> tokens.token(REVOKED));

        assertThat(e).as("a refused credential is an AccessTokenUnavailableException").isNotNull();
        assertThat(e.integration()).isEqualTo(REVOKED);
        assertThat(e.reason()).isNotNull();
        assertThat(e.retryable()).as("asking again with the same credential cannot help").isFalse();
        assertThat(e.getMessage()).contains(REVOKED.value());
        String secret = secretOf(REVOKED);
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).as("the secret in a failure's message").doesNotContain(secret);
            assertThat(t.toString()).as("the secret in a failure's toString").doesNotContain(secret);
        }
        assertThat(catchThrowableOfType(AccessTokenUnavailableException.class, () -> tokens.token(REVOKED)))
                .as("asking again fails again, no token").isNotNull();
    }

    @Test
    void aRefusedCredentialLeavesOtherIntegrationsTheirTokens() {
        catchThrowableOfType(AccessTokenUnavailableException.class, () -> tokens.token(REVOKED));

        assertThat(tokens.token(ORDERS).isUsableAt(clock().instant(), MARGIN)).isTrue();
    }

    @Test
    void anIntegrationThePortDoesNotServeIsNamedInTheFailure() {
        IntegrationName nobody = new IntegrationName("contract-nobody");

        AccessTokenUnavailableException e = catchThrowableOfType(AccessTokenUnavailableException.class,
                () -> tokens.token(nobody));

        assertThat(e).as("an unknown integration is an AccessTokenUnavailableException").isNotNull();
        assertThat(e.getMessage()).contains(nobody.value());
    }
}
