package io.jakamoconnector.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Set;

/**
 * Authenticates a call to the fake Jakamo the way the real one must: the bearer token is verified for real
 * (signature against the fake Entra's key, issuer, audience, tenant, expiry), the token's application is resolved
 * to its mapped integration; or legacy basic credentials select the integration directly, if it allows them.
 */
final class ApiAuth {
    static final String DENIED = "Authorization has been denied for this request.";

    /** Who is calling: the integration decides the queue; the roles decide what is allowed. */
    record Principal(String clientId, String integration, Set<String> roles, String scheme) {
    }

    private final Registry registry;
    private final TokenService tokens;
    private final Clock clock;

    ApiAuth(Registry registry, TokenService tokens, Clock clock) {
        this.registry = registry;
        this.tokens = tokens;
        this.clock = clock;
    }

    void authenticate(Call call) {
        String authorization = call.header("Authorization");
        if (authorization == null || authorization.isBlank()) {
            refuse(call, "no credentials", bearerChallenge(null));
        } else if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            bearer(call, authorization.substring(7).trim());
        } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            basic(call, authorization.substring(6).trim());
        } else {
            refuse(call, "unsupported authorization scheme", bearerChallenge(null));
        }
    }

    private void bearer(Call call, String token) {
        if (token.isEmpty()) {
            refuse(call, "empty bearer token", bearerChallenge("the token is empty"));
            return;
        }
        call.tokenFingerprint = Journal.fingerprint(token);
        TokenService.Verified verified;
        try {
            verified = tokens.verify(token, clock.instant());
        } catch (TokenService.Rejected e) {
            refuse(call, e.getMessage(), bearerChallenge(e.getMessage()));
            return;
        }
        call.clientId = verified.clientId();
        String integration;
        boolean known;
        synchronized (registry) {
            Registry.App app = registry.apps.get(verified.clientId());
            known = app != null;
            integration = known ? app.integration : null;
        }
        if (!known) {
            refuse(call, "the token's application no longer exists", bearerChallenge("the application no longer exists"));
            return;
        }
        if (integration == null) {
            call.detail = "application not mapped to an integration";
            call.authFailure = Reply.errors(403, "The OAuth2 application " + verified.clientId()
                    + " is not mapped to any integration. Map it on the Integrations page.");
            return;
        }
        call.integration = integration;
        call.principal = new Principal(verified.clientId(), integration, Set.copyOf(verified.roles()), "Bearer");
    }

    private void basic(Call call, String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            refuse(call, "basic credentials not base64", "Basic realm=\"Jakamo\"");
            return;
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        Registry.IntegrationState match = null;
        boolean passwordOk = false;
        synchronized (registry) {
            for (Registry.IntegrationState integration : registry.integrations.values()) {
                if (integration.basicUser != null && integration.basicUser.equals(user)) {
                    match = integration;
                    passwordOk = MessageDigest.isEqual(integration.basicPassword.getBytes(StandardCharsets.UTF_8),
                            password.getBytes(StandardCharsets.UTF_8));
                    break;
                }
            }
        }
        if (match == null || !passwordOk) {
            refuse(call, "basic credentials wrong", "Basic realm=\"Jakamo\"");
            return;
        }
        call.integration = match.name;
        boolean allowed;
        synchronized (registry) {
            allowed = match.basicAllowed;
        }
        if (!allowed) {
            call.detail = "basic authentication prevented for this integration";
            call.authFailure = Reply.errors(401, "Basic authentication is not allowed for this integration. Use OAuth2.")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"Jakamo\"");
            return;
        }
        PermissionCategory category = match.kind.category();
        call.principal = new Principal(null, match.name, Set.of(category.readRole(), category.writeRole()), "Basic");
    }

    private static void refuse(Call call, String detail, String challenge) {
        call.detail = detail;
        call.authFailure = Reply.errors(401, DENIED).withHeader("WWW-Authenticate", challenge);
    }

    private static String bearerChallenge(String error) {
        return error == null ? "Bearer realm=\"Jakamo\""
                : "Bearer realm=\"Jakamo\", error=\"invalid_token\", error_description=\"" + error.replace('"', '\'') + "\"";
    }
}
