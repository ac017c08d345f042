package io.jakamoconnector.sandbox;

import java.time.Instant;

/**
 * One request either fake received. Never holds a secret, a token, a header value or a body: the token appears only
 * as its fingerprint (first 16 hex characters of its SHA-256, see {@link Journal#fingerprint(String)}).
 *
 * @param server {@code entra} or {@code api}
 * @param path the path without query string
 * @param status the status sent, or 0 when no answer was sent (connection reset, hang)
 * @param tokenFingerprint on the API, the presented bearer token's; on the token endpoint, the issued token's
 * @param clientId the client id asking (token endpoint) or the token's {@code appid} (API); null if unknown
 * @param integration the integration the caller was resolved to; null if none
 * @param messageId the queue message delivered or acknowledged; null otherwise
 * @param fault the fault that struck, as {@link Fault#describe()}; null if none
 * @param detail a short outcome, e.g. {@code AADSTS7000215} or {@code missing bearer token}; never a secret
 */
public record RequestRecord(
        long sequence,
        String server,
        Endpoint endpoint,
        String method,
        String path,
        int status,
        Instant startedAt,
        Instant endedAt,
        String tokenFingerprint,
        String clientId,
        String integration,
        String messageId,
        String fault,
        String detail) {
}
