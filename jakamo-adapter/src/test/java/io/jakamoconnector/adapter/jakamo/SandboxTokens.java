package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AccessTokenPort;
import io.jakamoconnector.sandbox.Sandbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Tokens straight from the sandbox's fake Entra (adapters never depend on each other, so not through the auth
 * adapter): one cached token per integration, a fresh one on renewal. Counts renewals and can be told what to hand out.
 */
final class SandboxTokens implements AccessTokenPort {
    private final Sandbox sandbox;
    private final Map<IntegrationName, String> clientIds = new ConcurrentHashMap<>();
    private final Map<IntegrationName, AccessToken> cache = new ConcurrentHashMap<>();
    private final List<AccessToken> renewedFrom = new ArrayList<>();
    private volatile Function<IntegrationName, AccessToken> renewal;

    SandboxTokens(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    SandboxTokens map(String integration, String clientId) {
        clientIds.put(new IntegrationName(integration), clientId);
        return this;
    }

    /** The next {@link #token} for the integration is this one (e.g. one about to expire). */
    void cache(String integration, AccessToken token) {
        cache.put(new IntegrationName(integration), token);
    }

    /** Renewals hand out what this function returns (e.g. a token that is refused too). */
    void renewWith(Function<IntegrationName, AccessToken> function) {
        this.renewal = function;
    }

    synchronized List<AccessToken> renewedFrom() {
        return List.copyOf(renewedFrom);
    }

    AccessToken issue(String integration, Duration lifetime) {
        String clientId = clientIds.get(new IntegrationName(integration));
        Instant now = Instant.now();
        return AccessToken.of(sandbox.entra().issueToken(clientId, lifetime), now, now.plus(lifetime));
    }

    /** A token that expired a second ago, at the sandbox's Entra and by its own expiry alike. */
    AccessToken expired(String integration) {
        String clientId = clientIds.get(new IntegrationName(integration));
        Instant now = Instant.now();
        return AccessToken.of(sandbox.entra().issueToken(clientId, Duration.ofSeconds(-1)), now.minus(Duration.ofHours(1)),
                now.minusSeconds(1));
    }

    @Override
    public AccessToken token(IntegrationName integration) {
        return cache.computeIfAbsent(integration, name -> issue(name.value(), Duration.ofHours(1)));
    }

    @Override
    public AccessToken renewedToken(IntegrationName integration, AccessToken rejected) {
        synchronized (this) {
            renewedFrom.add(rejected);
        }
        Function<IntegrationName, AccessToken> override = renewal;
        AccessToken fresh = override != null ? override.apply(integration) : issue(integration.value(), Duration.ofHours(1));
        cache.put(integration, fresh);
        return fresh;
    }
}
