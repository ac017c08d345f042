package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.exchange.IntegrationName;

/** Obtains the bearer token for an integration's application registration. */
public interface AccessTokenPort {

    /** A valid token, from the cache when it has one. */
    AccessToken token(IntegrationName integration);

    /**
     * A new token from the token service, bypassing every cache: the API refused {@code rejected} (a 401), perhaps
     * because the credential was rotated. Returns a token other than {@code rejected} or throws.
     */
    AccessToken renewedToken(IntegrationName integration, AccessToken rejected);
}
