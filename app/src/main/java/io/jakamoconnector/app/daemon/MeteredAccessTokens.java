package io.jakamoconnector.app.daemon;

import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AccessTokenPort;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;

/**
 * Counts what the Jakamo adapter asks of the token port: tokens (mostly from the cache) and renewals after a 401, and
 * the failures by reason ({@code app_not_approved}, {@code invalid_client}, ...).
 */
public final class MeteredAccessTokens implements AccessTokenPort {
    private final AccessTokenPort tokens;
    private final ServiceMetrics metrics;

    public MeteredAccessTokens(AccessTokenPort tokens, ServiceMetrics metrics) {
        this.tokens = tokens;
        this.metrics = metrics;
    }

    @Override
    public AccessToken token(IntegrationName integration) {
        metrics.tokenRequest(integration, "token");
        try {
            return tokens.token(integration);
        } catch (AccessTokenUnavailableException e) {
            metrics.tokenFailure(integration, e.reasonCode());
            throw e;
        } catch (RuntimeException e) {
            metrics.tokenFailure(integration, "unexpected");
            throw e;
        }
    }

    @Override
    public AccessToken renewedToken(IntegrationName integration, AccessToken rejected) {
        metrics.tokenRequest(integration, "renewal");
        try {
            return tokens.renewedToken(integration, rejected);
        } catch (AccessTokenUnavailableException e) {
            metrics.tokenFailure(integration, e.reasonCode());
            throw e;
        } catch (RuntimeException e) {
            metrics.tokenFailure(integration, "unexpected");
            throw e;
        }
    }
}
