package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.auth.OperatorIdentity;
import java.net.URI;

/**
 * Signs a person in to the console through the organisation's identity provider (OpenID Connect authorization code
 * with PKCE). {@link #begin} gives the address to send the browser to and what must be kept (server-side) until the
 * provider sends the browser back with a code; {@link #complete} redeems the code and checks the ID token.
 */
public interface OperatorSignInPort {

    /** A sign-in under way: {@code state} keys it; {@code nonce} and {@code codeVerifier} never leave the server. */
    record PendingSignIn(URI authorizationUrl, String state, String nonce, String codeVerifier) {
        @Override
        public String toString() {
            return "PendingSignIn[state=" + state + ", nonce=***, codeVerifier=***]";
        }
    }

    PendingSignIn begin();

    /**
     * The signed-in person, after the code was redeemed and the ID token's signature, issuer, audience, expiry and
     * nonce were checked.
     *
     * @throws OperatorSignInException when the provider refused or the token does not check out
     */
    OperatorIdentity complete(PendingSignIn pending, String code);
}
