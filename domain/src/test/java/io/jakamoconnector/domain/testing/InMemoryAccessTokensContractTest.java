package io.jakamoconnector.domain.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AccessTokenPort;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class InMemoryAccessTokensContractTest extends AccessTokenPortContract {
    private final MutableClock clock = MutableClock.at("2026-11-29T10:00:00Z");
    private Function<InMemoryAccessTokens, AccessTokenPort> variant = fake -> fake;
    private InMemoryAccessTokens fake;

    @Override
    protected AccessTokenPort newPort() {
        fake = new InMemoryAccessTokens(clock, Duration.ofHours(1)).register(ORDERS, secretOf(ORDERS))
                .register(REVOKED, secretOf(REVOKED));
        fake.refuse(REVOKED, AccessTokenUnavailableException.Reason.INVALID_CLIENT);
        return variant.apply(fake);
    }

    @Override
    protected int tokenRequests(IntegrationName integration) {
        return fake.tokenRequests(integration);
    }

    @Override
    protected String secretOf(IntegrationName integration) {
        return "s3cr3t~" + integration.value();
    }

    @Override
    protected Clock clock() {
        return clock;
    }

    // The contract bites: each broken token port below fails the promise it breaks.

    private static InMemoryAccessTokensContractTest against(Function<InMemoryAccessTokens, AccessTokenPort> broken) {
        InMemoryAccessTokensContractTest contract = new InMemoryAccessTokensContractTest();
        contract.variant = broken;
        contract.freshPort();
        return contract;
    }

    @Test
    void aPortThatHandsOutAnExpiredTokenFailsTheContract() {
        InMemoryAccessTokensContractTest contract = against(ExpiredTokens::new);
        assertThatThrownBy(contract::aTokenIsUsableWhenHandedOutAndTheSecondAskIsAnsweredFromTheCache)
                .isInstanceOf(AssertionError.class).hasMessageContaining("usable for a request starting now");
    }

    @Test
    void aPortWithoutACacheFailsTheContract() {
        InMemoryAccessTokensContractTest contract = against(NoCache::new);
        assertThatThrownBy(contract::aTokenIsUsableWhenHandedOutAndTheSecondAskIsAnsweredFromTheCache)
                .isInstanceOf(AssertionError.class).hasMessageContaining("cache");
    }

    @Test
    void aPortThatRenewsWithTheRejectedTokenFailsTheContract() {
        InMemoryAccessTokensContractTest contract = against(StaleRenewal::new);
        assertThatThrownBy(contract::aRejectedTokenIsRenewedWithAnotherOneThatTheCacheThenHolds)
                .isInstanceOf(AssertionError.class).hasMessageContaining("another token");
    }

    @Test
    void aPortThatPutsTheSecretIntoItsFailureFailsTheContract() {
        InMemoryAccessTokensContractTest contract = against(fake -> new SecretLeakingTokens(fake, secretOf(REVOKED)));
        assertThatThrownBy(contract::aRefusedCredentialIsAFailureWithAReasonThatNeverShowsTheSecret)
                .isInstanceOf(AssertionError.class).hasMessageContaining("the secret in a failure's message");
    }

    /** Hands out a token that expired as it was issued. */
    private record ExpiredTokens(InMemoryAccessTokens fake) implements AccessTokenPort {
        @Override
        public AccessToken token(IntegrationName integration) {
            AccessToken issued = fake.token(integration);
            return AccessToken.of(issued.value(), issued.issuedAt().minus(Duration.ofHours(1)), issued.issuedAt());
        }

        @Override
        public AccessToken renewedToken(IntegrationName integration, AccessToken rejected) {
            return fake.renewedToken(integration, rejected);
        }
    }

    /** Goes to the token service on every ask. */
    private record NoCache(InMemoryAccessTokens fake) implements AccessTokenPort {
        @Override
        public AccessToken token(IntegrationName integration) {
            return fake.renewedToken(integration, fake.token(integration));
        }

        @Override
        public AccessToken renewedToken(IntegrationName integration, AccessToken rejected) {
            return fake.renewedToken(integration, rejected);
        }
    }

    /** Answers a renewal from the cache, with the token that was just rejected. */
    private record StaleRenewal(InMemoryAccessTokens fake) implements AccessTokenPort {
        @Override
        public AccessToken token(IntegrationName integration) {
            return fake.token(integration);
        }

        @Override
        public AccessToken renewedToken(IntegrationName integration, AccessToken rejected) {
            return fake.token(integration);
        }
    }

    /** Names the secret it tried, as a careless error message would. */
    private record SecretLeakingTokens(InMemoryAccessTokens fake, String secret) implements AccessTokenPort {
        @Override
        public String toString() {
            return "SecretLeakingTokens[secret=***]";
        }

        @Override
        public AccessToken token(IntegrationName integration) {
            try {
                return fake.token(integration);
            } catch (AccessTokenUnavailableException e) {
                throw new AccessTokenUnavailableException(integration, e.reason(),
                        e.getMessage() + " (tried secret " + secret + ")", null, null, e);
            }
        }

        @Override
        public AccessToken renewedToken(IntegrationName integration, AccessToken rejected) {
            return fake.renewedToken(integration, rejected);
        }
    }
}
