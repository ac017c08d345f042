package io.jakamoconnector.sandbox;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A person's sign-in as Entra ID's v2.0 endpoint does it for the authorization-code flow with PKCE: the authorize page
 * (here a list of the tenant's test users instead of a password prompt), the code sent back to the app's registered
 * redirect URI (query or form_post), and its redemption at the token endpoint for an ID token with the user's
 * {@code oid}, {@code preferred_username}, {@code nonce} and {@code roles}. A code is good once, for ten minutes, for
 * the app, redirect URI and PKCE verifier it was issued to.
 */
final class SignInCodes {
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    private static final Duration ID_TOKEN_LIFETIME = Duration.ofHours(1);
    private static final List<String> REQUEST_PARAMETERS = List.of("client_id", "redirect_uri", "response_type",
            "response_mode", "scope", "state", "nonce", "code_challenge", "code_challenge_method");

    record Pending(String clientId, String redirectUri, String codeChallenge, String nonce, SignInUser user,
                   Instant expiresAt) {
    }

    private final Registry registry;
    private final TokenService tokens;
    private final Clock clock;
    private final String tenantId;
    private final SecureRandom random = new SecureRandom();

    SignInCodes(Registry registry, TokenService tokens, Clock clock, String tenantId) {
        this.registry = registry;
        this.tokens = tokens;
        this.clock = clock;
        this.tenantId = tenantId;
    }

    /** GET shows who can sign in; POST (the chosen user) sends the code back to the app. */
    Reply authorize(Call call) {
        Map<String, String> p = call.parameters();
        String clientId = p.get("client_id");
        String redirectUri = p.get("redirect_uri");
        synchronized (registry) {
            Registry.App app = clientId == null ? null : registry.apps.get(clientId);
            if (app == null) {
                return page(400, "AADSTS700016: Application with identifier '" + text(clientId) + "' was not found.");
            }
            if (redirectUri == null || !app.redirectUris.contains(redirectUri)) {
                return page(400, "AADSTS50011: The redirect URI '" + text(redirectUri) + "' specified in the request "
                        + "does not match the redirect URIs configured for the application '" + clientId + "'.");
            }
        }
        call.clientId = clientId;
        if (!"code".equals(p.get("response_type"))) {
            return page(400, "AADSTS700054: response_type must be 'code' here.");
        }
        String challenge = p.get("code_challenge");
        if (challenge == null || !"S256".equals(p.get("code_challenge_method"))) {
            return page(400, "AADSTS9002325: Proof Key for Code Exchange is required (code_challenge with S256).");
        }
        if ("GET".equals(call.method)) {
            return chooseUser(p);
        }
        SignInUser user;
        synchronized (registry) {
            user = registry.users.get(p.getOrDefault("user", ""));
        }
        if (user == null) {
            return page(400, "AADSTS50034: The user account does not exist in the directory.");
        }
        String code = newCode();
        synchronized (registry) {
            registry.codes.put(code, new Pending(clientId, redirectUri, challenge, p.get("nonce"), user,
                    clock.instant().plus(CODE_LIFETIME)));
        }
        call.detail = "code issued for " + user.userName();
        Map<String, String> back = new LinkedHashMap<>();
        back.put("code", code);
        if (p.get("state") != null) {
            back.put("state", p.get("state"));
        }
        if ("form_post".equals(p.get("response_mode"))) {
            return formPost(redirectUri, back);
        }
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        back.forEach((k, v) -> location.append(k).append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        location.setLength(location.length() - 1);
        return Reply.empty(302).withHeader("Location", location.toString());
    }

    /** The token endpoint's {@code grant_type=authorization_code}; the client secret was checked by the caller. */
    Reply redeem(Call call, Map<String, String> form, String clientId) {
        Instant now = clock.instant();
        Pending pending;
        synchronized (registry) {
            pending = registry.codes.remove(form.getOrDefault("code", ""));
        }
        if (pending == null || !now.isBefore(pending.expiresAt()) || !pending.clientId().equals(clientId)) {
            return EntraErrors.error(call, now, 400, "invalid_grant", 54005,
                    "OAuth2 Authorization code was already redeemed, is unknown or has expired.");
        }
        if (!pending.redirectUri().equals(form.get("redirect_uri"))) {
            return EntraErrors.error(call, now, 400, "invalid_grant", 50148,
                    "The redirect_uri does not match the one the authorization code was issued for.");
        }
        String verifier = form.get("code_verifier");
        if (verifier == null || !pending.codeChallenge().equals(challengeOf(verifier))) {
            return EntraErrors.error(call, now, 400, "invalid_grant", 501481,
                    "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
        }
        SignInUser user = pending.user();
        String idToken = tokens.issueIdToken(clientId, user, pending.nonce(), now, ID_TOKEN_LIFETIME);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("scope", "openid profile offline_access");
        body.put("expires_in", ID_TOKEN_LIFETIME.toSeconds());
        body.put("ext_expires_in", ID_TOKEN_LIFETIME.toSeconds());
        // the console asks for no API: the access token is only there because Entra always sends one
        body.put("access_token", tokens.issueIdToken(clientId, user, null, now, ID_TOKEN_LIFETIME));
        body.put("id_token", idToken);
        body.put("client_info", Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"uid\":\"" + user.objectId() + "\",\"utid\":\"" + tenantId + "\"}").getBytes(StandardCharsets.UTF_8)));
        call.detail = "signed in " + user.userName();
        call.tokenFingerprint = Journal.fingerprint(idToken);
        return EntraErrors.headers(Reply.json(200, JSONObjectUtils.toJSONString(body)), call, UUID.randomUUID().toString());
    }

    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private Reply chooseUser(Map<String, String> p) {
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Sign in - Jakamo Sandbox</title></head><body><h1>Sign in (sandbox tenant)</h1>"
                + "<form method=\"post\">");
        for (String name : REQUEST_PARAMETERS) {
            if (p.get(name) != null) {
                html.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(text(p.get(name))).append("\">");
            }
        }
        synchronized (registry) {
            for (SignInUser user : registry.users.values()) {
                html.append("<p><button type=\"submit\" name=\"user\" id=\"user-").append(text(user.userName()))
                        .append("\" value=\"").append(text(user.userName())).append("\">").append(text(user.displayName()))
                        .append(" (").append(text(user.userName())).append(", roles: ")
                        .append(text(String.join(", ", user.roles()))).append(")</button></p>");
            }
        }
        return html("200", html.append("</form></body></html>").toString());
    }

    /** Entra's form_post answer: a page that posts the code to the app at once (a button without script). */
    private static Reply formPost(String redirectUri, Map<String, String> fields) {
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Working...</title></head><body onload=\"document.forms[0].submit()\"><form method=\"post\" action=\"")
                .append(text(redirectUri)).append("\">");
        fields.forEach((k, v) -> html.append("<input type=\"hidden\" name=\"").append(k).append("\" value=\"")
                .append(text(v)).append("\">"));
        html.append("<noscript><button type=\"submit\">Continue</button></noscript></form></body></html>");
        return html("200", html.toString());
    }

    private static Reply page(int status, String message) {
        return html(Integer.toString(status), "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + "Sign-in error</title></head><body><h1>Sorry, but we're having trouble signing you in.</h1><p>"
                + text(message) + "</p></body></html>");
    }

    private static Reply html(String status, String html) {
        return Reply.of(Integer.parseInt(status), "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    private String newCode() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String text(String value) {
        return value == null ? "" : Xml.escape(value).replace("\"", "&quot;").replace("'", "&#39;");
    }
}
