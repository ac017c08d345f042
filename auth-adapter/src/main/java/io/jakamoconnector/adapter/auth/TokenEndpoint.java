package io.jakamoconnector.adapter.auth;

import java.time.Duration;

/** One token request to the token service, and nothing else: no cache, no retry. The seam between our logic and MSAL. */
interface TokenEndpoint extends AutoCloseable {

    /**
     * Requests a token.
     *
     * @param requestId sent as {@code client-request-id}; Entra echoes it as its correlation id
     * @throws Exception whatever went wrong, for {@link EntraErrorTranslator} to read
     */
    Received request(LoadedCredential credential, boolean skipCache, String requestId, Duration timeout) throws Exception;

    @Override
    void close();

    /**
     * What came back. {@code accessToken} may be null or blank (MSAL reports a 200 without a token as success).
     *
     * @param expiresIn the token's remaining life as the token service said it
     * @param refreshIn the service's {@code refresh_in}, or null
     * @param source MSAL's token source ({@code IDENTITY_PROVIDER} or {@code CACHE})
     */
    record Received(String accessToken, Duration expiresIn, Duration refreshIn, String source) {
        @Override
        public String toString() {
            return "Received[expiresIn=" + expiresIn + ", refreshIn=" + refreshIn + ", source=" + source + "]";
        }
    }
}
