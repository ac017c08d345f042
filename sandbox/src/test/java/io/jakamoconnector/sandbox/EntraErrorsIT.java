package io.jakamoconnector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every Entra refusal has Entra's JSON shape and reaches MSAL as the MsalServiceException the adapter will map. */
class EntraErrorsIT {
    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");
    private static AdjustableClock clock;
    private static Sandbox sandbox;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        clock = AdjustableClock.at(START);
        sandbox = Sandbox.builder().clock(clock).start();
        http = new TestHttp(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.faults().clear();
        clock.set(START);
    }

    private static ConfidentialClientApplication msal(String clientId, String secret) throws Exception {
        return MsalIT.viaAuthority(sandbox, clientId, ClientCredentialFactory.createFromSecret(secret));
    }

    private static Throwable refusal(String clientId, String secret, String scope) throws Exception {
        ConfidentialClientApplication app = msal(clientId, secret);
        return MsalErrors.failure(() -> app.acquireToken(ClientCredentialParameters.builder(Set.of(scope)).build()).get(30, TimeUnit.SECONDS));
    }

    private static HttpResponse<String> rawTokenRequest(Map<String, String> form, String clientRequestId) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("client-request-id", clientRequestId)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static Map<String, String> form(String clientId, String secret, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        if (scope != null) {
            form.put("scope", scope);
        }
        return form;
    }

    @Test
    void wrongSecretHasEntrasFullErrorShape() throws Exception {
        AppRegistration app = sandbox.registerApp(AppSpec.orders("wrong-secret"));
        String correlation = UUID.randomUUID().toString();

        HttpResponse<String> response = rawTokenRequest(form(app.clientId(), "not-the-secret", sandbox.scope()), correlation);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        Map<String, Object> body = JSONObjectUtils.parse(response.body());
        assertThat(body).containsKeys("error", "error_description", "error_codes", "timestamp", "trace_id", "correlation_id");
        assertThat(body.get("error")).isEqualTo("invalid_client");
        assertThat((String) body.get("error_description")).startsWith("AADSTS7000215: Invalid client secret provided.");
        assertThat(body.get("error_codes")).hasToString("[7000215]");
        assertThat(body.get("correlation_id")).isEqualTo(correlation);
        assertThat(response.body()).doesNotContain("not-the-secret");

        Throwable viaMsal = refusal(app.clientId(), "not-the-secret", sandbox.scope());
        assertThat(MsalErrors.code(viaMsal)).isEqualTo("invalid_client");
        assertThat(MsalErrors.status(viaMsal)).isEqualTo(401);
        assertThat(viaMsal.getMessage()).startsWith("AADSTS7000215");
    }

    @Test
    void expiredSecretIs7000222() throws Exception {
        AppRegistration app = sandbox.registerApp(AppSpec.orders("expired").secretExpiresAt(START.minusSeconds(60)));
        Throwable failure = refusal(app.clientId(), app.clientSecret(), sandbox.scope());
        assertThat(MsalErrors.code(failure)).isEqualTo("invalid_client");
        assertThat(MsalErrors.status(failure)).isEqualTo(401);
        assertThat(failure.getMessage()).startsWith("AADSTS7000222");

        AppRegistration other = sandbox.registerApp(AppSpec.orders("expires-later"));
        sandbox.entra().expireSecrets(other.clientId());
        assertThat(refusal(other.clientId(), other.clientSecret(), sandbox.scope()).getMessage()).startsWith("AADSTS7000222");
    }

    @Test
    void unknownApplicationIs700016() throws Exception {
        Throwable failure = refusal(UUID.randomUUID().toString(), "whatever", sandbox.scope());
        assertThat(MsalErrors.code(failure)).isEqualTo("unauthorized_client");
        assertThat(MsalErrors.status(failure)).isEqualTo(400);
        assertThat(failure.getMessage()).startsWith("AADSTS700016");
    }

    @Test
    void badScopesAre1002012And70011And500011() throws Exception {
        AppRegistration app = sandbox.registerApp(AppSpec.orders("scopes"));

        Throwable notDefault = refusal(app.clientId(), app.clientSecret(), "https://sandbox.jakamoapp.local/Orders.Read");
        assertThat(MsalErrors.code(notDefault)).isEqualTo("invalid_scope");
        assertThat(MsalErrors.status(notDefault)).isEqualTo(400);
        assertThat(notDefault.getMessage()).startsWith("AADSTS1002012");

        HttpResponse<String> missing = rawTokenRequest(form(app.clientId(), app.clientSecret(), null), UUID.randomUUID().toString());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSONObjectUtils.parse(missing.body())).containsEntry("error", "invalid_scope");
        assertThat(missing.body()).contains("AADSTS70011");

        Throwable otherResource = refusal(app.clientId(), app.clientSecret(), "https://api.jakamoapp.com/.default");
        assertThat(MsalErrors.code(otherResource)).isEqualTo("invalid_resource");
        assertThat(otherResource.getMessage()).startsWith("AADSTS500011");
    }

    @Test
    void notApprovedAppIsDisabledUntilTheActivationDelayHasPassed() throws Exception {
        AppRegistration pending = sandbox.registerApp(AppSpec.orders("pending").notApproved().integration("pending-orders"));
        Throwable beforeApproval = refusal(pending.clientId(), pending.clientSecret(), sandbox.scope());
        assertThat(MsalErrors.code(beforeApproval)).isEqualTo("unauthorized_client");
        assertThat(MsalErrors.status(beforeApproval)).isEqualTo(400);
        assertThat(beforeApproval.getMessage()).startsWith("AADSTS7000112").contains("is disabled");

        sandbox.entra().activationDelay(pending.clientId(), Duration.ofMinutes(10));
        sandbox.entra().approve(pending.clientId());
        clock.advance(Duration.ofMinutes(9));
        assertThat(refusal(pending.clientId(), pending.clientSecret(), sandbox.scope()).getMessage()).startsWith("AADSTS7000112");

        clock.advance(Duration.ofMinutes(1));
        IAuthenticationResult result = MsalIT.acquire(msal(pending.clientId(), pending.clientSecret()), sandbox);
        assertThat(SignedJWT.parse(result.accessToken()).getJWTClaimsSet().getStringListClaim("roles")).contains("Orders.Read");
    }

    @Test
    void notApprovedCanInsteadYieldATokenWithoutRolesWhichJakamoRefuses() throws Exception {
        AppRegistration pending = sandbox.registerApp(AppSpec.orders("pending-roles").notApproved().integration("pending-roles"));
        sandbox.entra().notApprovedBehaviour(NotApprovedBehaviour.TOKEN_WITHOUT_ROLES);
        try {
            IAuthenticationResult result = MsalIT.acquire(msal(pending.clientId(), pending.clientSecret()), sandbox);
            assertThat(SignedJWT.parse(result.accessToken()).getJWTClaimsSet().getClaim("roles")).isNull();
            assertThat(http.get("/api/order/response", TestHttp.bearer(result.accessToken())).statusCode()).isEqualTo(403);
        } finally {
            sandbox.entra().notApprovedBehaviour(NotApprovedBehaviour.DISABLED_APP_ERROR);
        }
    }

    @Test
    void throttlingIs429WithRetryAfterAndMsalDoesNotRetry() throws Exception {
        AppRegistration app = sandbox.registerApp(AppSpec.orders("throttled"));
        sandbox.faults().failNext(1, Endpoint.TOKEN, Fault.tooManyRequests(7));
        long before = sandbox.journal().count(Endpoint.TOKEN);

        Throwable failure = refusal(app.clientId(), app.clientSecret(), sandbox.scope());

        assertThat(MsalErrors.status(failure)).isEqualTo(429);
        // the JDK server writes header names as "Retry-after"; MSAL's map is case-sensitive, so clients must search
        assertThat(((MsalServiceException) failure).headers().entrySet())
                .filteredOn(e -> e.getKey().equalsIgnoreCase("Retry-After"))
                .singleElement().satisfies(e -> assertThat(e.getValue()).containsExactly("7"));
        assertThat(sandbox.journal().count(Endpoint.TOKEN) - before).isEqualTo(1);
    }

    @Test
    void serverErrorsAre500And503InEntrasShape() throws Exception {
        AppRegistration app = sandbox.registerApp(AppSpec.orders("server-errors"));
        sandbox.faults().failNext(2, Endpoint.TOKEN, Fault.serverError(500));
        long before = sandbox.journal().count(Endpoint.TOKEN);
        Throwable fiveHundred = refusal(app.clientId(), app.clientSecret(), sandbox.scope());
        assertThat(MsalErrors.code(fiveHundred)).isEqualTo("server_error");
        assertThat(MsalErrors.status(fiveHundred)).isEqualTo(500);
        assertThat(sandbox.journal().count(Endpoint.TOKEN) - before).as("MSAL retries a 500 once").isEqualTo(2);

        sandbox.faults().failNext(1, Endpoint.TOKEN, Fault.serverError(503, 2));
        HttpResponse<String> raw = rawTokenRequest(form(app.clientId(), app.clientSecret(), sandbox.scope()), UUID.randomUUID().toString());
        assertThat(raw.statusCode()).isEqualTo(503);
        assertThat(raw.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(JSONObjectUtils.parse(raw.body())).containsEntry("error", "temporarily_unavailable").containsKey("error_description");

        assertThat(MsalIT.acquire(msal(app.clientId(), app.clientSecret()), sandbox).accessToken()).isNotBlank();
    }
}
