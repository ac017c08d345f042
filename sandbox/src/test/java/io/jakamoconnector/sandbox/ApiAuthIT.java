package io.jakamoconnector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fake Jakamo checks bearer tokens for real, and the app's mapping and roles decide what it may do. */
class ApiAuthIT {
    private static AdjustableClock clock;
    private static Sandbox sandbox;
    private static TestHttp http;
    private static AppRegistration orders;
    private static AppRegistration claims;

    @BeforeAll
    static void start() {
        clock = AdjustableClock.at(Instant.now());
        sandbox = Sandbox.builder().clock(clock).start();
        http = new TestHttp(sandbox);
        orders = sandbox.registerApp(AppSpec.orders("orders").integration("orders"));
        claims = sandbox.registerApp(AppSpec.claims("claims").integration("claims"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static String token(AppRegistration app) {
        return TestHttp.bearer(sandbox.entra().issueToken(app.clientId()));
    }

    @Test
    void anOrdersTokenIsRefusedOnClaimEndpointsAndAClaimsTokenOnOrderEndpoints() throws Exception {
        assertThat(http.get("/api/order/response", token(orders)).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/claim/response", token(claims)).statusCode()).isEqualTo(200);

        HttpResponse<String> ordersOnClaims = http.get("/api/claim/response", token(orders));
        assertThat(ordersOnClaims.statusCode()).isEqualTo(403);
        assertThat(ordersOnClaims.body()).contains("<errors><error>").contains("Claims.Read");
        assertThat(http.post("/api/claim", token(orders), Samples.claim("CL-1")).statusCode()).isEqualTo(403);

        assertThat(http.get("/api/order/response", token(claims)).statusCode()).isEqualTo(403);
        assertThat(http.post("/api/order", token(claims), Samples.order("PO-1")).body()).contains("Orders.Write");
        assertThat(sandbox.journal().timesAccepted("Order", "PO-1")).isZero();
    }

    @Test
    void readAndWritePermissionsAreSeparate() throws Exception {
        AppRegistration reader = sandbox.registerApp(AppSpec.orders("reader").readOnly().integration("read-only"));
        AppRegistration writer = sandbox.registerApp(AppSpec.orders("writer").writeOnly().integration("write-only"));

        assertThat(http.get("/api/order/response", token(reader)).statusCode()).isEqualTo(200);
        assertThat(http.post("/api/order", token(reader), Samples.order("PO-R")).statusCode()).isEqualTo(403);
        assertThat(http.post("/api/order", token(writer), Samples.order("PO-W")).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/order/response", token(writer)).statusCode()).isEqualTo(403);
    }

    @Test
    void missingOrGarbledTokensAre401WithAChallenge() throws Exception {
        HttpResponse<String> none = http.get("/api/order/response", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(none.body()).contains("<errors><error>Authorization has been denied for this request.</error></errors>");

        assertThat(http.get("/api/order/response", "Bearer not-a-jwt").statusCode()).isEqualTo(401);
        assertThat(http.get("/api/order/response", "Bearer ").statusCode()).isEqualTo(401);
        assertThat(http.get("/api/order/response", "Token abc").statusCode()).isEqualTo(401);

        String real = sandbox.entra().issueToken(orders.clientId());
        char last = real.charAt(real.length() - 5);
        String tampered = real.substring(0, real.length() - 5) + (last == 'A' ? 'B' : 'A') + real.substring(real.length() - 4);
        HttpResponse<String> badSignature = http.get("/api/order/response", TestHttp.bearer(tampered));
        assertThat(badSignature.statusCode()).isEqualTo(401);
        assertThat(badSignature.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
    }

    @Test
    void aTokenSignedByAnotherKeyWithTheRightClaimsIsRefused() throws Exception {
        SignedJWT genuine = SignedJWT.parse(sandbox.entra().issueToken(orders.clientId()));
        RSAKey foreign = new RSAKeyGenerator(2048).keyID(genuine.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(foreign.getKeyID()).build(), genuine.getJWTClaimsSet());
        forged.sign(new RSASSASigner(foreign));

        assertThat(http.get("/api/order/response", TestHttp.bearer(forged.serialize())).statusCode()).isEqualTo(401);
    }

    @Test
    void expiredTokensRotatedKeysAndDeletedAppsAre401() throws Exception {
        String token = token(orders);
        clock.advance(Duration.ofMinutes(61));
        try {
            HttpResponse<String> expired = http.get("/api/order/response", token);
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(expired.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("expired"));
        } finally {
            clock.advance(Duration.ofMinutes(-61));
        }

        AppRegistration rotating = sandbox.registerApp(AppSpec.orders("rotating").integration("rotating"));
        String beforeRotation = token(rotating);
        assertThat(http.get("/api/order/response", beforeRotation).statusCode()).isEqualTo(200);
        sandbox.entra().rotateSigningKey();
        assertThat(http.get("/api/order/response", beforeRotation).statusCode()).isEqualTo(401);
        assertThat(http.get("/api/order/response", token(rotating)).statusCode()).isEqualTo(200);

        AppRegistration doomed = sandbox.registerApp(AppSpec.orders("doomed").integration("doomed"));
        String doomedToken = token(doomed);
        sandbox.entra().deleteApp(doomed.clientId());
        assertThat(http.get("/api/order/response", doomedToken).statusCode()).isEqualTo(401);
    }

    @Test
    void anUnmappedAppIsForbidden() throws Exception {
        AppRegistration lonely = sandbox.registerApp(AppSpec.orders("lonely"));
        HttpResponse<String> response = http.get("/api/order/response", token(lonely));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("not mapped");

        sandbox.jakamo().mapApp(lonely.clientId(), "lonely");
        assertThat(http.get("/api/order/response", token(lonely)).statusCode()).isEqualTo(200);
    }

    @Test
    void basicAuthIsRefusedWhenPreventedAndAcceptedWhenAllowed() throws Exception {
        sandbox.addIntegration(IntegrationSpec.purchaseOrders("legacy").basicAuth("legacy-erp", "correct horse"));
        String good = TestHttp.basic("legacy-erp", "correct horse");

        HttpResponse<String> prevented = http.get("/api/order/response", good);
        assertThat(prevented.statusCode()).isEqualTo(401);
        assertThat(prevented.body()).contains("Basic authentication is not allowed");

        sandbox.jakamo().allowBasicAuth("legacy");
        assertThat(http.get("/api/order/response", good).statusCode()).isEqualTo(200);
        assertThat(http.post("/api/order", good, Samples.order("PO-BASIC")).statusCode()).isEqualTo(200);
        assertThat(sandbox.journal().documents("Order", "PO-BASIC")).singleElement()
                .satisfies(d -> assertThat(d.integration()).isEqualTo("legacy"));
        assertThat(http.get("/api/order/response", TestHttp.basic("legacy-erp", "wrong")).statusCode()).isEqualTo(401);
        assertThat(http.get("/api/claim/response", good).statusCode()).isEqualTo(403);

        sandbox.jakamo().preventBasicAuth("legacy");
        assertThat(http.get("/api/order/response", good).statusCode()).isEqualTo(401);
    }

    @Test
    void theIntegrationKindDecidesWhichOrderEndpointsExist() throws Exception {
        sandbox.addIntegration(IntegrationSpec.salesOrders("sales-auth"));
        AppRegistration seller = sandbox.registerApp(AppSpec.orders("seller").integration("sales-auth"));

        HttpResponse<String> order = http.post("/api/order", token(seller), Samples.order("PO-X"));
        assertThat(order.statusCode()).isEqualTo(403);
        assertThat(order.body()).contains("sales-orders");
        assertThat(http.post("/api/orderresponse", token(orders), Samples.orderResponse("PO-X")).statusCode()).isEqualTo(403);
    }
}
