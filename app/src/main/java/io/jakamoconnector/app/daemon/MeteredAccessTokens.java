package io.jakamoconnector.app.daemon;

import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AccessTokenPort;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what the Jakamo adapter asks of the token port: tokens (mostly from the cache) and renewals after a 401, and
 * the failures by reason ({@code app_not_approved}, {@code invalid_client}, ...), and the expiry of the last token it
 * handed out per integration ({@code jakamo_token_expiry_timestamp_seconds}, from the first token on).
 */
public final class MeteredAccessTokens implements AccessTokenPort {
    private final AccessTokenPort tokens;
    private final ServiceMetrics metrics;
    private final Map<IntegrationName, Instant> expiries = new ConcurrentHashMap<>();
    private final TokenOutage outage;

    /** {@code outage} is told of every token and failure, to say once when no integration can get one. */
    public MeteredAccessTokens(AccessTokenPort tokens, ServiceMetrics metrics, TokenOutage outage) {
        this.tokens = tokens;
        this.metrics = metrics;
        this.outage = outage;
    }

    @Override
    public AccessToken token(IntegrationName integration) {
        metrics.tokenRequest(integration, "token");
        try {
            return expiring(integration, tokens.token(integration));
        } catch (AccessTokenUnavailableException e) {
            failed(integration, e.reasonCode());
            throw e;
        } catch (RuntimeException e) {
            failed(integration, "unexpected");
            throw e;
        }
    }

    @Override
    public AccessToken renewedToken(IntegrationName integration, AccessToken rejected) {
        metrics.tokenRequest(integration, "renewal");
        try {
            return expiring(integration, tokens.renewedToken(integration, rejected));
        } catch (AccessTokenUnavailableException e) {
            failed(integration, e.reasonCode());
            throw e;
        } catch (RuntimeException e) {
            failed(integration, "unexpected");
            throw e;
        }
    }

    private void failed(IntegrationName integration, String reason) {
        metrics.tokenFailure(integration, reason);
        outage.failed(integration, reason);
    }

    /** Keeps the expiry of the token in use for {@code jakamo_token_expiry_timestamp_seconds}, registered once. */
    private AccessToken expiring(IntegrationName integration, AccessToken token) {
        outage.succeeded(integration);
        if (expiries.put(integration, token.expiresAt()) == null) {
            metrics.gauge("jakamo.token.expiry.timestamp", integration, null, expiries,
                    m -> m.containsKey(integration) ? m.get(integration).getEpochSecond() : Double.NaN);
        }
        return token;
    }
}
