package io.jakamoconnector.adapter.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.auth.ClientId;
import io.jakamoconnector.domain.model.auth.Fingerprint;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import io.jakamoconnector.sandbox.AppRegistration;
import io.jakamoconnector.sandbox.AppSpec;
import io.jakamoconnector.sandbox.ClientCertificate;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.Fault;
import io.jakamoconnector.sandbox.RequestRecord;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The adapter against the sandbox: credentials, several registrations, the cache, refresh, rotation and renewal. */
class MsalAccessTokenAdapterIT {
    private static final Logger LOG = LoggerFactory.getLogger(MsalAccessTokenAdapterIT.class);
    private static SandboxFixture fx;

    @BeforeAll
    static void startSandbox() {
        fx = new SandboxFixture();
    }

    @AfterAll
    static void stopSandbox() {
        fx.close();
    }

    @AfterEach
    void clearFaults() {
        fx.closeAdapters();
        fx.sandbox.faults().clear();
        fx.sandbox.entra().tokenLifetime(Duration.ofSeconds(3600));
        fx.sandbox.entra().refreshIn(null);
    }

    @Test
    void clientSecretGivesATokenJakamoAccepts() {
        AppRegistration app = fx.registerOrders("secret-ok");
        TokenRegistration registration = fx.secretRegistration("orders", app);
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build(), registration);
        adapter.start();

        AccessToken token = adapter.token(new IntegrationName("orders"));

        assertThat(fx.get("/api/order/response", token).statusCode()).isEqualTo(200);
        List<RequestRecord> requests = fx.tokenRequests(app.clientId());
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).tokenFingerprint()).isEqualTo(token.fingerprint().value());
        AuditEvent acquired = fx.audit(AuditAction.TOKEN_ACQUIRED, "orders").get(0);
        assertThat(acquired.outcome()).isEqualTo(AuditOutcome.OK);
        assertThat(acquired.tokenFingerprint()).isEqualTo(token.fingerprint());
        assertThat(acquired.credentialKeyId()).isEqualTo("secret:" + Fingerprint.of(app.clientSecret()));
        assertThat(acquired.remoteCorrelationId()).matches("[0-9a-f-]{36}");
        assertThat(acquired.attempt()).isEqualTo(1);
        assertThat(acquired.reason()).contains("tenant=" + fx.sandbox.tenantId(), "clientId=" + app.clientId(),
                "scope=" + fx.sandbox.scope(), "credential=secret", "expiresAt=", "trigger=first");

        TokenDescription description = TokenDescription.of(token);
        assertThat(description.decoded()).isTrue();
        assertThat(description.audience()).containsExactly(fx.sandbox.resource());
        assertThat(description.roles()).containsExactlyInAnyOrder("Orders.Read", "Orders.Write");
        assertThat(description.applicationId()).isEqualTo(app.clientId());
        assertThat(description.tenantId()).isEqualTo(fx.sandbox.tenantId());
        assertThat(description.clockSkew()).hasValueSatisfying(skew -> assertThat(skew.abs()).isLessThan(Duration.ofSeconds(3)));
        assertThat(description.warnings(registration)).isEmpty();
        assertThat(Duration.between(token.issuedAt(), token.expiresAt()).toSeconds()).isBetween(3590L, 3600L);
        assertThat(token.refreshAt()).isEqualTo(token.issuedAt().plus(token.lifetime().dividedBy(2)));
    }

    @Test
    void theOidcAuthorityVariantWorksToo() {
        AppRegistration app = fx.registerOrders("oidc");
        long mark = fx.mark();
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().oidcAuthority(true).build(), fx.secretRegistration("oidc", app));

        AccessToken token = adapter.token(new IntegrationName("oidc"));

        assertThat(fx.get("/api/order/response", token).statusCode()).isEqualTo(200);
        List<Endpoint> seen = fx.sandbox.journal().requests().stream().filter(r -> r.sequence() > mark)
                .map(RequestRecord::endpoint).filter(e -> e == Endpoint.DISCOVERY || e == Endpoint.TOKEN).toList();
        assertThat(seen).containsExactly(Endpoint.DISCOVERY, Endpoint.TOKEN);
    }

    @Test
    void pkcs12CertificateGivesATokenJakamoAccepts() throws Exception {
        ClientCertificate certificate = ClientCertificate.generate("orders-p12");
        AppRegistration app = fx.sandbox.registerApp(AppSpec.orders("p12").withoutSecret()
                .certificate(certificate.certificate()).integration("p12-orders"));
        char[] password = "p12-password-1".toCharArray();
        Path store = certificate.writePkcs12(fx.dir.resolve("orders.p12"), password);
        Path passwordFile = fx.secretFile("orders.p12.password", new String(password) + "\n");
        TokenRegistration registration = new TokenRegistration(new IntegrationName("p12-orders"), fx.environment(),
                new ClientId(app.clientId()), CredentialSource.pkcs12(SecretReference.file(store), SecretReference.file(passwordFile)));
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build(), registration);
        adapter.start();

        AccessToken token = adapter.token(new IntegrationName("p12-orders"));

        assertThat(fx.get("/api/order/response", token).statusCode()).isEqualTo(200);
        AuditEvent acquired = fx.audit(AuditAction.TOKEN_ACQUIRED, "p12-orders").get(0);
        assertThat(acquired.credentialKeyId()).isEqualTo("certificate:sha256:" + sha256Hex(certificate));
        assertThat(acquired.reason()).contains("credential=certificate");
    }

    @Test
    void pemKeyAndCertificateGiveATokenJakamoAccepts() throws Exception {
        ClientCertificate certificate = ClientCertificate.generate("orders-pem");
        AppRegistration app = fx.sandbox.registerApp(AppSpec.orders("pem").withoutSecret()
                .certificate(certificate.certificate()).integration("pem-orders"));
        Path key = fx.secretFile("orders.key", pem("PRIVATE KEY", certificate.privateKey().getEncoded()));
        Path cert = fx.dir.resolve("orders.crt");
        writePublic(cert, pem("CERTIFICATE", encoded(certificate)));
        TokenRegistration registration = new TokenRegistration(new IntegrationName("pem-orders"), fx.environment(),
                new ClientId(app.clientId()), CredentialSource.pem(SecretReference.file(key), cert));
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build(), registration);

        AccessToken token = adapter.token(new IntegrationName("pem-orders"));

        assertThat(fx.get("/api/order/response", token).statusCode()).isEqualTo(200);
        assertThat(fx.audit(AuditAction.TOKEN_ACQUIRED, "pem-orders").get(0).credentialKeyId())
                .isEqualTo("certificate:sha256:" + sha256Hex(certificate));
    }

    @Test
    void twoIntegrationsWithTwoAppsSideBySideEachTokenRefusedOnTheOthersEndpoints() {
        AppRegistration orders = fx.sandbox.registerApp(AppSpec.orders("side-orders").integration("side-orders"));
        AppRegistration claims = fx.sandbox.registerApp(AppSpec.claims("side-claims").integration("side-claims"));
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build(),
                fx.secretRegistration("side-orders", orders), fx.secretRegistration("side-claims", claims));
        adapter.start();

        AccessToken ordersToken = adapter.token(new IntegrationName("side-orders"));
        AccessToken claimsToken = adapter.token(new IntegrationName("side-claims"));

        assertThat(ordersToken.fingerprint()).isNotEqualTo(claimsToken.fingerprint());
        assertThat(TokenDescription.of(ordersToken).applicationId()).isEqualTo(orders.clientId());
        assertThat(TokenDescription.of(claimsToken).applicationId()).isEqualTo(claims.clientId());
        assertThat(fx.get("/api/order/response", ordersToken).statusCode()).isEqualTo(200);
        assertThat(fx.get("/api/claim/response", claimsToken).statusCode()).isEqualTo(200);
        HttpResponse<String> ordersOnClaims = fx.get("/api/claim/response", ordersToken);
        HttpResponse<String> claimsOnOrders = fx.get("/api/order/response", claimsToken);
        assertThat(ordersOnClaims.statusCode()).isEqualTo(403);
        assertThat(ordersOnClaims.body()).contains("Claims.Read");
        assertThat(claimsOnOrders.statusCode()).isEqualTo(403);
        assertThat(claimsOnOrders.body()).contains("Orders.Read");
        assertThat(fx.tokenRequests(orders.clientId())).hasSize(1);
        assertThat(fx.tokenRequests(claims.clientId())).hasSize(1);
        assertThat(adapter.integrations()).extracting(IntegrationName::value).containsExactly("side-orders", "side-claims");
    }

    @Test
    void thirtyTwoThreadsOnAColdCacheCauseExactlyOneTokenRequest() throws Exception {
        AppRegistration app = fx.registerOrders("flight");
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build(), fx.secretRegistration("flight", app));
        // a slow first answer makes sure all 32 callers are waiting while it is in flight
        long mark = fx.mark();
        fx.sandbox.faults().failNext(1, Endpoint.TOKEN, Fault.latency(Duration.ofMillis(400)));
        IntegrationName flight = new IntegrationName("flight");
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<AccessToken>> results = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            results.add(pool.submit(() -> {
                gate.await();
                return adapter.token(flight);
            }));
        }
        gate.countDown();
        Set<String> tokens = ConcurrentHashMap.newKeySet();
        for (Future<AccessToken> result : results) {
            tokens.add(result.get().value());
        }

        assertThat(tokens).hasSize(1);
        assertThat(fx.tokenRequestsSince(mark)).hasSize(1);
        assertThat(fx.tokenRequestsSince(mark).get(0).fault()).startsWith("LATENCY");

        // warm: 32 threads x 10,000 calls, still no request; and what a cached call costs
        List<Future<?>> hammer = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            hammer.add(pool.submit(() -> {
                for (int j = 0; j < 10_000; j++) {
                    adapter.token(flight);
                }
                return null;
            }));
        }
        for (Future<?> f : hammer) {
            f.get();
        }
        pool.shutdown();
        assertThat(fx.tokenRequests(app.clientId())).hasSize(1);
        int calls = 1_000_000;
        for (int i = 0; i < 100_000; i++) {
            adapter.token(flight);
        }
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            adapter.token(flight);
        }
        long nanosPerCall = (System.nanoTime() - start) / calls;
        LOG.warn("MEASURED cached token(): {} ns per call (single thread, {} calls); token requests with 32 cold threads: {}",
                nanosPerCall, calls, fx.tokenRequests(app.clientId()).size());
        assertThat(nanosPerCall).isLessThan(20_000);
    }

    @Test
    void refreshesInTheBackgroundAtRefreshInBeforeExpiry() {
        fx.sandbox.entra().tokenLifetime(Duration.ofSeconds(12));
        fx.sandbox.entra().refreshIn(Duration.ofSeconds(2));
        AppRegistration app = fx.registerOrders("refresh-in");
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build(), fx.secretRegistration("refresh-in", app));
        IntegrationName name = new IntegrationName("refresh-in");

        AccessToken first = adapter.token(name);
        assertThat(Duration.between(first.issuedAt(), first.refreshAt()).toMillis()).isBetween(900L, 2100L);   // MSAL keeps refreshOn in whole seconds

        // nobody calls: the refresh happens on its own, at refresh_in (2 s), not at half life (6 s)
        await().atMost(Duration.ofSeconds(5)).until(() -> fx.tokenRequests(app.clientId()).size() == 2);
        List<RequestRecord> requests = fx.tokenRequests(app.clientId());
        Duration gap = Duration.between(requests.get(0).endedAt(), requests.get(1).startedAt());
        assertThat(gap).isBetween(Duration.ofMillis(900), Duration.ofMillis(3500));   // refresh_in 2 s, whole seconds
        await().atMost(Duration.ofSeconds(2)).until(() -> !adapter.token(name).fingerprint().equals(first.fingerprint()));
        assertThat(Instant.now()).isBefore(first.expiresAt());
        assertThat(fx.audit(AuditAction.TOKEN_ACQUIRED, "refresh-in").get(1).reason()).contains("trigger=refresh", "skipCache=true");
    }

    @Test
    void refreshesAtHalfLifeWhenTheServiceSendsNoRefreshIn() {
        fx.sandbox.entra().tokenLifetime(Duration.ofSeconds(6));
        AppRegistration app = fx.registerOrders("half-life");
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build(), fx.secretRegistration("half-life", app));

        AccessToken first = adapter.token(new IntegrationName("half-life"));

        await().atMost(Duration.ofSeconds(6)).until(() -> fx.tokenRequests(app.clientId()).size() == 2);
        List<RequestRecord> requests = fx.tokenRequests(app.clientId());
        assertThat(Duration.between(requests.get(0).endedAt(), requests.get(1).startedAt()))
                .isBetween(Duration.ofMillis(2500), Duration.ofMillis(4500));
        assertThat(requests.get(1).startedAt()).isBefore(first.expiresAt());
    }

    @Test
    void aFailedRefreshKeepsTheCurrentTokenWhileItIsValidAndTriesAgain() {
        fx.sandbox.entra().tokenLifetime(Duration.ofSeconds(12));
        fx.sandbox.entra().refreshIn(Duration.ofSeconds(1));
        AppRegistration app = fx.registerOrders("refresh-fails");
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().maxAttempts(1).refreshRetryDelay(Duration.ofSeconds(2))
                .transientFailureBackoff(Duration.ofMillis(500)).build(), fx.secretRegistration("refresh-fails", app));
        IntegrationName name = new IntegrationName("refresh-fails");
        long mark = fx.mark();
        AccessToken first = adapter.token(name);
        fx.sandbox.faults().failNext(1, Endpoint.TOKEN, Fault.serverError(500));

        await().atMost(Duration.ofSeconds(4)).until(() -> fx.tokenRequestsSince(mark).size() == 2);
        assertThat(fx.tokenRequestsSince(mark).get(1).status()).isEqualTo(500);
        assertThat(adapter.token(name).fingerprint()).isEqualTo(first.fingerprint());   // still valid: still in use

        await().atMost(Duration.ofSeconds(6)).until(() -> !adapter.token(name).fingerprint().equals(first.fingerprint()));
        assertThat(fx.tokenRequestsSince(mark)).extracting(RequestRecord::status).containsExactly(200, 500, 200);
        List<AuditEvent> failed = fx.audit(AuditAction.TOKEN_FAILED, "refresh-fails");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).outcome()).isEqualTo(AuditOutcome.FAIL);
        assertThat(failed.get(0).reason()).contains("SERVICE_UNAVAILABLE", "trigger=refresh");
    }

    @Test
    void aRotatedSecretFileIsReadAndUsedForTheNextTokenWithoutARestart() throws Exception {
        AppRegistration app = fx.registerOrders("rotation");
        Path secret = fx.secretFile("rotation.secret", app.clientSecret());
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().credentialCheckInterval(Duration.ofMillis(100))
                .permanentFailureBackoff(Duration.ofMinutes(5)).build(), fx.secretRegistration("rotation", app, secret));
        IntegrationName name = new IntegrationName("rotation");
        AccessToken first = adapter.token(name);

        // 1. a wrong secret lands in the file: the next request uses it at once and is refused, the old token stays
        fx.rotate(secret, "not-the-right-secret-value");
        // the file is read again once the check interval has passed: ask until the wrong secret was tried
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(adapter.token(name).fingerprint()).isEqualTo(first.fingerprint());
            assertThat(fx.tokenRequests(app.clientId())).hasSize(2);
        });
        assertThat(fx.tokenRequests(app.clientId()).get(1).status()).isEqualTo(401);
        assertThat(adapter.token(name).fingerprint()).isEqualTo(first.fingerprint());

        // 2. the right new secret arrives: the failure memory is lifted and the next token comes from it
        String rotated = fx.sandbox.entra().addSecret(app.clientId(), Instant.now().plus(Duration.ofDays(30)));
        fx.rotate(secret, rotated + "\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> !adapter.token(name).fingerprint().equals(first.fingerprint()));

        List<RequestRecord> requests = fx.tokenRequests(app.clientId());
        assertThat(requests).hasSize(3);
        assertThat(requests.get(2).status()).isEqualTo(200);
        List<AuditEvent> acquired = fx.audit(AuditAction.TOKEN_ACQUIRED, "rotation");
        assertThat(acquired.get(1).credentialKeyId()).isEqualTo("secret:" + Fingerprint.of(rotated));
        assertThat(acquired.get(1).reason()).contains("trigger=rotation", "skipCache=true");
        assertThat(fx.audit(AuditAction.TOKEN_FAILED, "rotation").get(0).credentialKeyId())
                .isEqualTo("secret:" + Fingerprint.of("not-the-right-secret-value"));
    }

    @Test
    void aTokenTheApiRefusesIsRenewedWithSkipCache() {
        AppRegistration app = fx.registerOrders("renew");
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().minimumRenewInterval(Duration.ZERO).build(),
                fx.secretRegistration("renew", app));
        IntegrationName name = new IntegrationName("renew");
        AccessToken first = adapter.token(name);
        assertThat(fx.get("/api/order/response", first).statusCode()).isEqualTo(200);

        fx.sandbox.entra().rotateSigningKey();
        assertThat(fx.get("/api/order/response", first).statusCode()).isEqualTo(401);
        AccessToken renewed = adapter.renewedToken(name, first);

        assertThat(renewed.fingerprint()).isNotEqualTo(first.fingerprint());
        assertThat(fx.get("/api/order/response", renewed).statusCode()).isEqualTo(200);
        assertThat(adapter.token(name).fingerprint()).isEqualTo(renewed.fingerprint());
        // a second caller holding the same refused token gets the renewed one without another request
        assertThat(adapter.renewedToken(name, first).value()).isEqualTo(renewed.value());
        assertThat(fx.tokenRequests(app.clientId())).hasSize(2);
        assertThat(fx.audit(AuditAction.TOKEN_ACQUIRED, "renew").get(1).reason()).contains("trigger=renew", "skipCache=true");
    }

    @Test
    void aTokenRefusedRightAfterItWasIssuedIsNotRenewedInALoop() {
        AppRegistration app = fx.registerOrders("renew-loop");
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build(), fx.secretRegistration("renew-loop", app));
        IntegrationName name = new IntegrationName("renew-loop");
        AccessToken token = adapter.token(name);

        assertThatThrownBy(() -> adapter.renewedToken(name, token))
                .isInstanceOfSatisfying(AccessTokenUnavailableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AccessTokenUnavailableException.Reason.APP_NOT_APPROVED);
                    assertThat(e.getMessage()).startsWith("renew-loop: ").contains("mapped to this integration",
                            "integrations[renew-loop].environment", "approved");
                });
        assertThat(fx.tokenRequests(app.clientId())).hasSize(1);
    }

    @Test
    void closeStopsTheBackgroundWorkAndTheThreads() {
        fx.sandbox.entra().tokenLifetime(Duration.ofSeconds(4));
        AppRegistration app = fx.registerOrders("close");
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build(), fx.secretRegistration("close", app));
        adapter.token(new IntegrationName("close"));
        adapter.close();

        await().atMost(Duration.ofSeconds(3)).until(() -> adapter.liveThreads() == 0);
        assertThatThrownBy(() -> adapter.token(new IntegrationName("close")))
                .isInstanceOf(AccessTokenUnavailableException.class).hasMessageContaining("closed");
        int before = fx.tokenRequests(app.clientId()).size();
        // past the refresh time a live adapter would have used (half the 4 s lifetime), no request goes out
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                .until(() -> fx.tokenRequests(app.clientId()).size() == before);
    }

    static String sha256Hex(ClientCertificate certificate) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded(certificate)));
    }

    static byte[] encoded(ClientCertificate certificate) {
        try {
            return certificate.certificate().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static void writePublic(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
