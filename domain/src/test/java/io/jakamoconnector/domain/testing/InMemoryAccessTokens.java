package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AccessTokenPort;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A token service with one cached token per integration, on an injected clock: a token is reused while it is usable
 * for a minute more, renewal bypasses the cache, and a registration whose credential the service refuses (a revoked or
 * wrong secret) fails with the reason and without the secret. Counts the requests that reached the service.
 */
public final class InMemoryAccessTokens implements AccessTokenPort {
    /** Room for the request the token is for, and clock skew. */
    static final Duration MARGIN = Duration.ofMinutes(1);
    private final Clock clock;
    private final Duration lifetime;
    private final Map<IntegrationName, String> secrets = new HashMap<>();
    private final Map<IntegrationName, AccessTokenUnavailableException.Reason> refused = new HashMap<>();
    private final Map<IntegrationName, AccessToken> cache = new HashMap<>();
    private final Map<IntegrationName, Integer> requests = new HashMap<>();
    private int issued;

    public InMemoryAccessTokens(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** The integration's application, with its secret (which the service checks and nothing ever shows). */
    public synchronized InMemoryAccessTokens register(IntegrationName integration, String secret) {
        secrets.put(integration, secret);
        return this;
    }

    /** From now on the service refuses the integration's credential for {@code reason}, as Entra does a revoked one. */
    public synchronized void refuse(IntegrationName integration, AccessTokenUnavailableException.Reason reason) {
        refused.put(integration, reason);
        cache.remove(integration);
    }

    /** How many requests for the integration reached the token service. */
    public synchronized int tokenRequests(IntegrationName integration) {
        return requests.getOrDefault(integration, 0);
    }

    @Override
    public synchronized AccessToken token(IntegrationName integration) {
        AccessToken cached = cache.get(integration);
        if (cached != null && cached.isUsableAt(clock.instant(), MARGIN)) {
            return cached;
        }
        return request(integration);
    }

    @Override
    public synchronized AccessToken renewedToken(IntegrationName integration, AccessToken rejected) {
        AccessToken cached = cache.get(integration);
        if (cached != null && !cached.value().equals(rejected.value()) && cached.isUsableAt(clock.instant(), MARGIN)) {
            return cached;   // another caller renewed it already
        }
        return request(integration);
    }

    private AccessToken request(IntegrationName integration) {
        if (!secrets.containsKey(integration)) {
            throw new AccessTokenUnavailableException(integration, AccessTokenUnavailableException.Reason.UNKNOWN_CLIENT,
                    "no application is registered for this integration: set integrations[" + integration
                            + "].clientId", null, null, null);
        }
        requests.merge(integration, 1, Integer::sum);
        AccessTokenUnavailableException.Reason reason = refused.get(integration);
        if (reason != null) {
            throw new AccessTokenUnavailableException(integration, reason, "the token service refused the credential ("
                    + reason + "): put the application's current secret into integrations[" + integration
                    + "].clientSecret", null, "in-memory-" + requests.get(integration), null);
        }
        Instant now = clock.instant();
        AccessToken token = AccessToken.of("in-memory-token-" + (++issued), now, now.plus(lifetime));
        cache.put(integration, token);
        return token;
    }
}
