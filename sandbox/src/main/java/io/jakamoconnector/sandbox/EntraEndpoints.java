package io.jakamoconnector.sandbox;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What MSAL4J calls on Entra ID for client credentials: the token endpoint, OIDC discovery and the JWKS. Errors
 * carry Entra's AADSTS codes (see the module README for the list).
 */
final class EntraEndpoints implements Dispatcher.Router, Dispatcher.FaultReplies {
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Set<String> OIDC_SCOPES = Set.of("openid", "profile", "offline_access", "email");
    private static final Duration ASSERTION_SKEW = Duration.ofMinutes(5);

    private final FakeEntra entra;
    private final Registry registry;
    private final TokenService tokens;
    private final Clock clock;
    private final String tenantId;
    private final String resource;
    private final SignInCodes signIns;
    private volatile String baseUri;

    EntraEndpoints(FakeEntra entra, Registry registry, TokenService tokens, Clock clock, String tenantId, String resource) {
        this.entra = entra;
        this.registry = registry;
        this.tokens = tokens;
        this.clock = clock;
        this.tenantId = tenantId;
        this.resource = resource;
        this.signIns = new SignInCodes(registry, tokens, clock, tenantId);
    }

    void baseUri(String base) {
        this.baseUri = base;
    }

    @Override
    public Dispatcher.Route route(Call call) {
        List<String> s = call.segments();
        if (s.size() == 4 && s.get(1).equals("oauth2") && s.get(2).equals("v2.0") && s.get(3).equals("token")) {
            return new Dispatcher.Route(Endpoint.TOKEN, c -> "POST".equals(c.method) ? token(c, s.get(0)) : notAllowed(c, "POST"));
        }
        if (s.size() == 4 && s.get(1).equals("oauth2") && s.get(2).equals("v2.0") && s.get(3).equals("authorize")) {
            return new Dispatcher.Route(Endpoint.AUTHORIZE, c -> !tenantId.equals(s.get(0)) ? unknownTenant(c, s.get(0))
                    : "GET".equals(c.method) || "POST".equals(c.method) ? signIns.authorize(c) : notAllowed(c, "GET, POST"));
        }
        if (s.size() == 4 && s.get(1).equals("v2.0") && s.get(2).equals(".well-known") && s.get(3).equals("openid-configuration")) {
            return new Dispatcher.Route(Endpoint.DISCOVERY, c -> "GET".equals(c.method) ? discovery(c, s.get(0)) : notAllowed(c, "GET"));
        }
        if (s.size() == 4 && s.get(1).equals("discovery") && s.get(2).equals("v2.0") && s.get(3).equals("keys")) {
            return new Dispatcher.Route(Endpoint.KEYS, c -> "GET".equals(c.method) ? keys(c, s.get(0)) : notAllowed(c, "GET"));
        }
        return new Dispatcher.Route(Endpoint.UNKNOWN,
                c -> EntraErrors.error(c, clock.instant(), 404, "invalid_request", 900561, "The endpoint only accepts known paths."));
    }

    private Reply notAllowed(Call call, String allowed) {
        return EntraErrors.error(call, clock.instant(), 405, "invalid_request", 900561,
                "The endpoint only accepts " + allowed + " requests. Received a " + call.method + " request.")
                .withHeader("Allow", allowed);
    }

    private Reply unknownTenant(Call call, String tenant) {
        return EntraErrors.error(call, clock.instant(), 400, "invalid_request", 90002, "Tenant '" + safe(tenant)
                + "' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
    }

    private Reply discovery(Call call, String tenant) {
        if (!tenantId.equals(tenant)) {
            return unknownTenant(call, tenant);
        }
        String tenantBase = baseUri + "/" + tenantId;
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("token_endpoint", tenantBase + "/oauth2/v2.0/token");
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "private_key_jwt", "client_secret_basic"));
        doc.put("jwks_uri", tenantBase + "/discovery/v2.0/keys");
        doc.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        doc.put("subject_types_supported", List.of("pairwise"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("response_types_supported", List.of("code", "id_token", "code id_token", "id_token token"));
        doc.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        doc.put("issuer", tenantBase + "/v2.0");
        doc.put("request_uri_parameter_supported", false);
        doc.put("authorization_endpoint", tenantBase + "/oauth2/v2.0/authorize");
        doc.put("device_authorization_endpoint", tenantBase + "/oauth2/v2.0/devicecode");
        doc.put("end_session_endpoint", tenantBase + "/oauth2/v2.0/logout");
        doc.put("tenant_region_scope", "EU");
        doc.put("cloud_instance_name", "sandbox.local");
        return Reply.json(200, JSONObjectUtils.toJSONString(doc));
    }

    private Reply keys(Call call, String tenant) {
        if (!tenantId.equals(tenant)) {
            return unknownTenant(call, tenant);
        }
        return Reply.json(200, tokens.publicKeys().toString());
    }

    private Reply token(Call call, String tenant) {
        Instant now = clock.instant();
        if (!tenantId.equals(tenant)) {
            return unknownTenant(call, tenant);
        }
        Map<String, String> form = Call.parseForm(new String(call.body, StandardCharsets.UTF_8));
        String[] basic = basicCredentials(call.header("Authorization"));
        String grantType = form.get("grant_type");
        if (grantType == null || grantType.isBlank()) {
            return EntraErrors.error(call, now, 400, "invalid_request", 900144,
                    "The request body must contain the following parameter: 'grant_type'.");
        }
        if (!"client_credentials".equals(grantType) && !"authorization_code".equals(grantType)) {
            return EntraErrors.error(call, now, 400, "unsupported_grant_type", 70003,
                    "The app requested an unsupported grant type '" + safe(grantType) + "'.");
        }
        String clientId = form.get("client_id") != null ? form.get("client_id") : basic != null ? basic[0] : null;
        if (clientId == null || clientId.isBlank()) {
            return EntraErrors.error(call, now, 400, "invalid_request", 900144,
                    "The request body must contain the following parameter: 'client_id'.");
        }
        call.clientId = safe(clientId);
        Registry.App app;
        List<Registry.Secret> secrets;
        List<X509Certificate> certificates;
        boolean active;
        List<String> roles;
        synchronized (registry) {
            app = registry.apps.get(clientId);
            if (app != null) {
                secrets = new ArrayList<>(app.secrets);
                certificates = new ArrayList<>(app.certificates);
                active = app.active(now, entra.defaultActivationDelay());
                roles = app.roles();
            } else {
                secrets = List.of();
                certificates = List.of();
                active = false;
                roles = List.of();
            }
        }
        if (app == null) {
            return EntraErrors.error(call, now, 400, "unauthorized_client", 700016, "Application with identifier '"
                    + safe(clientId) + "' was not found in the directory 'Jakamo Sandbox'. This can happen if the application"
                    + " has not been installed by the administrator of the tenant or consented to by any user in the tenant."
                    + " You may have sent your authentication request to the wrong tenant.");
        }
        boolean certificateCredential;
        String assertion = form.get("client_assertion");
        String secret = form.get("client_secret") != null ? form.get("client_secret") : basic != null ? basic[1] : null;
        if (assertion != null) {
            Reply refused = checkAssertion(call, now, clientId, form.get("client_assertion_type"), assertion, certificates);
            if (refused != null) {
                return refused;
            }
            certificateCredential = true;
        } else if (secret != null) {
            Registry.Secret match = secrets.stream().filter(s -> constantTimeEquals(s.value(), secret)).findFirst().orElse(null);
            if (match == null) {
                return EntraErrors.error(call, now, 401, "invalid_client", 7000215, "Invalid client secret provided. Ensure"
                        + " the secret being sent in the request is the client secret value, not the client secret ID, for a"
                        + " secret added to app '" + clientId + "'.");
            }
            if (!now.isBefore(match.expiresAt())) {
                return EntraErrors.error(call, now, 401, "invalid_client", 7000222, "The provided client secret keys for app '"
                        + clientId + "' are expired. Visit the Azure portal to create new keys for your app:"
                        + " https://aka.ms/NewClientSecret, or consider using certificate credentials for added security:"
                        + " https://aka.ms/certCreds.");
            }
            certificateCredential = false;
        } else {
            return EntraErrors.error(call, now, 401, "invalid_client", 7000218,
                    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
        }
        if ("authorization_code".equals(grantType)) {
            return signIns.redeem(call, form, clientId);
        }
        Reply badScope = checkScope(call, now, form.get("scope"));
        if (badScope != null) {
            return badScope;
        }
        if (!active) {
            if (entra.notApprovedBehaviour() == NotApprovedBehaviour.DISABLED_APP_ERROR) {
                return EntraErrors.error(call, now, 400, "unauthorized_client", 7000112,
                        "Application '" + clientId + "'(" + app.displayName + ") is disabled.");
            }
            roles = List.of();
        }
        Duration lifetime = entra.tokenLifetime();
        String token = tokens.issue(app, roles, now, lifetime, certificateCredential);
        call.tokenFingerprint = Journal.fingerprint(token);
        call.detail = active ? "issued" : "issued without roles (not approved)";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("expires_in", lifetime.toSeconds());
        body.put("ext_expires_in", lifetime.toSeconds());
        Duration refreshIn = entra.refreshIn();
        if (refreshIn != null) {
            body.put("refresh_in", refreshIn.toSeconds());
        }
        body.put("access_token", token);
        return EntraErrors.headers(Reply.json(200, JSONObjectUtils.toJSONString(body)), call, UUID.randomUUID().toString());
    }

    private Reply checkScope(Call call, Instant now, String scopeParameter) {
        Set<String> scopes = new LinkedHashSet<>();
        if (scopeParameter != null) {
            for (String scope : scopeParameter.trim().split("\\s+")) {
                if (!scope.isEmpty() && !OIDC_SCOPES.contains(scope.toLowerCase(Locale.ROOT))) {
                    scopes.add(scope);
                }
            }
        }
        if (scopes.isEmpty()) {
            return EntraErrors.error(call, now, 400, "invalid_scope", 70011,
                    "The provided request must include a 'scope' input parameter.");
        }
        for (String scope : scopes) {
            if (!scope.endsWith("/.default")) {
                return EntraErrors.error(call, now, 400, "invalid_scope", 1002012, "The provided value for scope " + safe(scope)
                        + " is not valid. Client credential flows must have a scope value with /.default suffixed to the"
                        + " resource identifier (application ID URI).");
            }
        }
        if (scopes.size() > 1) {
            return EntraErrors.error(call, now, 400, "invalid_scope", 70011, "The provided value for the input parameter"
                    + " 'scope' is not valid. The scope '" + safe(String.join(" ", scopes)) + "' is not valid.");
        }
        String scope = scopes.iterator().next();
        String requested = scope.substring(0, scope.length() - "/.default".length());
        if (!requested.equals(resource) && !requested.equals(resource + "/")) {
            return EntraErrors.error(call, now, 400, "invalid_resource", 500011, "The resource principal named "
                    + safe(requested) + " was not found in the tenant named Jakamo Sandbox. This can happen if the application"
                    + " has not been installed by the administrator of the tenant or consented to by any user in the tenant."
                    + " You might have sent your authentication request to the wrong tenant.");
        }
        return null;
    }

    private Reply checkAssertion(Call call, Instant now, String clientId, String assertionType, String assertion,
            List<X509Certificate> certificates) {
        if (!JWT_BEARER.equals(assertionType)) {
            return EntraErrors.error(call, now, 400, "invalid_request", 700023,
                    "Client assertion type must be '" + JWT_BEARER + "'.");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return EntraErrors.error(call, now, 400, "invalid_request", 50027, "JWT token is invalid or malformed.");
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!JWSAlgorithm.RS256.equals(alg) && !JWSAlgorithm.PS256.equals(alg)) {
            return EntraErrors.error(call, now, 401, "invalid_client", 5002738,
                    "Invalid JWT token. '" + alg + "' is not a supported signature algorithm.");
        }
        // deprecated by nimbus for being SHA-1; MSAL still sends x5t and Entra accepts it, so the fake must read it
        @SuppressWarnings("deprecation")
        Base64URL x5t = jwt.getHeader().getX509CertThumbprint();
        Base64URL x5t256 = jwt.getHeader().getX509CertSHA256Thumbprint();
        X509Certificate signer = null;
        for (X509Certificate certificate : certificates) {
            // compared as bytes: MSAL encodes the thumbprint with the standard Base64 alphabet, not base64url
            boolean matchesHint = (x5t == null && x5t256 == null)
                    || (x5t != null && MessageDigest.isEqual(x5t.decode(), ClientCertificate.digest(certificate, "SHA-1")))
                    || (x5t256 != null && MessageDigest.isEqual(x5t256.decode(), ClientCertificate.digest(certificate, "SHA-256")));
            if (matchesHint && verifies(jwt, certificate)) {
                signer = certificate;
                break;
            }
        }
        if (signer == null) {
            String thumbprint = x5t != null ? hex(x5t.decode()) : x5t256 != null ? hex(x5t256.decode()) : "none";
            return EntraErrors.error(call, now, 401, "invalid_client", 700027, "The certificate with identifier used to sign"
                    + " the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of"
                    + " key used by client: '" + thumbprint + "', Please visit the Azure Portal, Graph Explorer or directly use"
                    + " MS Graph to see configured keys for app Id '" + clientId + "'.]");
        }
        if (!clientId.equals(claims.getIssuer()) || !clientId.equals(claims.getSubject())) {
            return EntraErrors.error(call, now, 401, "invalid_client", 700021,
                    "Client assertion application identifier doesn't match 'client_id' parameter.");
        }
        String tenantBase = baseUri + "/" + tenantId;
        List<String> audience = claims.getAudience();
        if (audience == null || audience.stream().noneMatch(a -> a.startsWith(tenantBase))) {
            return EntraErrors.error(call, now, 401, "invalid_client", 700027,
                    "Client assertion contains an invalid audience; expected the token endpoint " + tenantBase + "/oauth2/v2.0/token.");
        }
        if (claims.getExpirationTime() == null || !now.minus(ASSERTION_SKEW).isBefore(claims.getExpirationTime().toInstant())
                || (claims.getNotBeforeTime() != null && now.plus(ASSERTION_SKEW).isBefore(claims.getNotBeforeTime().toInstant()))) {
            return EntraErrors.error(call, now, 401, "invalid_client", 700024, "Client assertion is not within its valid time range.");
        }
        return null;
    }

    private static boolean verifies(SignedJWT jwt, X509Certificate certificate) {
        if (!(certificate.getPublicKey() instanceof RSAPublicKey key)) {
            return false;
        }
        try {
            return jwt.verify(new RSASSAVerifier(key));
        } catch (JOSEException e) {
            return false;
        }
    }

    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {Call.percentDecode(decoded.substring(0, colon)),
                    Call.percentDecode(decoded.substring(colon + 1))};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02X", b));
        }
        return out.toString();
    }

    /** Echoed request values are cut short and stripped of control characters. */
    private static String safe(String text) {
        String cut = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public Reply tooManyRequests(Call call, int retryAfterSeconds) {
        Reply reply = EntraErrors.error(call, clock.instant(), 429, "temporarily_unavailable", 90055,
                "TenantThrottlingError: There are too many incoming requests. Please try again later.");
        return retryAfterSeconds > 0 ? reply.withHeader("Retry-After", Integer.toString(retryAfterSeconds)) : reply;
    }

    @Override
    public Reply serverError(Call call, int status, int retryAfterSeconds) {
        Reply reply = status == 500
                ? EntraErrors.error(call, clock.instant(), 500, "server_error", 50000,
                        "There was an error issuing a token or an issue with our sign-in service.")
                : EntraErrors.error(call, clock.instant(), status, "temporarily_unavailable", 90033,
                        "A transient error has occurred. Please try again.");
        return retryAfterSeconds > 0 ? reply.withHeader("Retry-After", Integer.toString(retryAfterSeconds)) : reply;
    }
}
