package io.jakamoconnector.adapter.auth;

import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.APP_NOT_APPROVED;
import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.CERTIFICATE_REJECTED;
import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.CREDENTIAL_UNREADABLE;
import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.INVALID_CLIENT;
import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.INVALID_SCOPE;
import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.NETWORK;
import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.SECRET_EXPIRED;
import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.SERVICE_UNAVAILABLE;
import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.UNKNOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.auth.ClientId;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.auth.Scope;
import io.jakamoconnector.domain.model.auth.TenantId;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import io.jakamoconnector.sandbox.AppRegistration;
import io.jakamoconnector.sandbox.AppSpec;
import io.jakamoconnector.sandbox.ClientCertificate;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.Fault;
import io.jakamoconnector.sandbox.NotApprovedBehaviour;
import io.jakamoconnector.sandbox.Sandbox;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every refusal Entra can give, and the network's failures, each with the message an operator acts on: the
 * integration, the configuration key to change, the Entra code and correlation id. Permanent errors are not retried
 * and are held for a backoff window: a caller loop sends no second request.
 */
class EntraErrorsIT {
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
    void reset() {
        fx.closeAdapters();
        fx.sandbox.faults().clear();
        fx.sandbox.entra().notApprovedBehaviour(NotApprovedBehaviour.DISABLED_APP_ERROR);
    }

    @Test
    void wrongSecretSaysToPasteTheValueNotTheIdAndIsNotRetried() {
        AppRegistration app = fx.registerOrders("wrong-secret");
        Path file = fx.secretFile("wrong-secret.secret", "Xy7" + "8Q~thisIsNotTheSecretThatWasIssued0123");
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build(), fx.secretRegistration("wrong-secret", app, file));

        AccessTokenUnavailableException e = failure(adapter, "wrong-secret");

        assertThat(e.reason()).isEqualTo(INVALID_CLIENT);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).startsWith("wrong-secret: ")
                .contains("integrations[wrong-secret].clientSecret", "file " + file, "Value", "Secret ID", "AADSTS7000215",
                        "correlation id " + e.remoteCorrelationId())
                .doesNotContain("has the form of a GUID");
        assertThat(fx.tokenRequests(app.clientId())).hasSize(1);
        AuditEvent failed = fx.audit(AuditAction.TOKEN_FAILED, "wrong-secret").get(0);
        assertThat(failed.outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(failed.reason()).contains("INVALID_CLIENT", "AADSTS7000215");
        // the correlation id Entra reports is the client-request-id we sent and audited
        assertThat(failed.remoteCorrelationId()).isEqualTo(e.remoteCorrelationId());

        // no storm: callers in a loop get the remembered failure without a request
        for (int i = 0; i < 20; i++) {
            AccessTokenUnavailableException again = failure(adapter, "wrong-secret");
            assertThat(again.reason()).isEqualTo(INVALID_CLIENT);
            assertThat(again.getMessage()).contains("no new request before");
        }
        assertThat(fx.tokenRequests(app.clientId())).hasSize(1);
        assertThat(fx.audit(AuditAction.TOKEN_FAILED, "wrong-secret")).hasSize(1);
    }

    @Test
    void aSecretIdPastedInsteadOfTheValueIsNamedAsSuch() {
        AppRegistration app = fx.registerOrders("secret-id");
        Path file = fx.secretFile("secret-id.secret", UUID.randomUUID() + "\n");
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build(), fx.secretRegistration("secret-id", app, file));

        AccessTokenUnavailableException e = failure(adapter, "secret-id");

        assertThat(e.reason()).isEqualTo(INVALID_CLIENT);
        assertThat(e.getMessage()).contains("has the form of a GUID", "secret's ID, not its value",
                "integrations[secret-id].clientSecret");
    }

    @Test
    void anExpiredSecretSaysToGetANewOne() {
        AppRegistration app = fx.sandbox.registerApp(AppSpec.orders("expired").integration("expired")
                .secretExpiresAt(Instant.now().minus(Duration.ofDays(1))));
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build(), fx.secretRegistration("expired", app));

        AccessTokenUnavailableException e = failure(adapter, "expired");

        assertThat(e.reason()).isEqualTo(SECRET_EXPIRED);
        assertThat(e.getMessage()).startsWith("expired: ").contains("has expired", "AADSTS7000222",
                "integrations[expired].clientSecret", "OAuth2 Applications", "integrations[expired].clientCertificate");
        assertThat(fx.tokenRequests(app.clientId())).hasSize(1);
    }

    @Test
    void anUnknownClientIdPointsAtClientIdAndEnvironment() {
        String unknown = UUID.randomUUID().toString();
        TokenRegistration registration = new TokenRegistration(new IntegrationName("unknown"), fx.environment(),
                new ClientId(unknown), CredentialSource.clientSecret(SecretReference.file(fx.secretFile("unknown.secret", "abc8Q~whatever"))));
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build(), registration);

        AccessTokenUnavailableException e = failure(adapter, "unknown");

        assertThat(e.reason()).isEqualTo(UNKNOWN_CLIENT);
        assertThat(e.getMessage()).contains("has no application " + unknown, "AADSTS700016",
                "integrations[unknown].clientId", "integrations[unknown].environment", "demo and production are separate tenants");
    }

    @Test
    void aWrongTenantPointsAtTheEnvironment() {
        AppRegistration app = fx.registerOrders("wrong-tenant");
        String otherTenant = "0b9c2f6e-0000-4000-8000-00000000abcd";
        Environment elsewhere = Environment.sandbox(new TenantId(otherTenant),
                URI.create(fx.sandbox.entraBaseUri() + "/" + otherTenant + "/"), new Scope(fx.sandbox.scope()),
                fx.sandbox.apiBaseUri());
        TokenRegistration registration = new TokenRegistration(new IntegrationName("wrong-tenant"), elsewhere,
                new ClientId(app.clientId()), CredentialSource.clientSecret(SecretReference.file(
                fx.secretFile("wrong-tenant.secret", app.clientSecret()))));
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build(), registration);

        AccessTokenUnavailableException e = failure(adapter, "wrong-tenant");

        assertThat(e.reason()).isEqualTo(UNKNOWN_CLIENT);
        assertThat(e.getMessage()).contains("does not know tenant " + otherTenant, "AADSTS90002",
                "integrations[wrong-tenant].environment", "sandbox.tenantId");
    }

    @Test
    void aWrongScopeSaysWhatTheScopeMustBe() {
        AppRegistration app = fx.registerOrders("wrong-scope");
        Environment wrongScope = Environment.sandbox(new TenantId(fx.sandbox.tenantId()), URI.create(fx.sandbox.authority()),
                new Scope("https://api.jakamoapp.com/.default"), fx.sandbox.apiBaseUri());
        TokenRegistration registration = new TokenRegistration(new IntegrationName("wrong-scope"), wrongScope,
                new ClientId(app.clientId()), CredentialSource.clientSecret(SecretReference.file(
                fx.secretFile("wrong-scope.secret", app.clientSecret()))));
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build(), registration);

        AccessTokenUnavailableException e = failure(adapter, "wrong-scope");

        assertThat(e.reason()).isEqualTo(INVALID_SCOPE);
        assertThat(e.getMessage()).contains("refused the scope https://api.jakamoapp.com/.default", "/.default",
                "AADSTS500011", "integrations[wrong-scope].environment", "sandbox.scope");
    }

    @Test
    void anApplicationNotYetApprovedSaysToWaitForJakamo() {
        AppRegistration app = fx.sandbox.registerApp(AppSpec.orders("not-approved").integration("not-approved").notApproved());
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().notApprovedBackoff(Duration.ofMinutes(1)).build(),
                fx.secretRegistration("not-approved", app));

        AccessTokenUnavailableException e = failure(adapter, "not-approved");

        assertThat(e.reason()).isEqualTo(APP_NOT_APPROVED);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("is not active", "AADSTS7000112", "administrators must approve it",
                "5-10 minutes after the approval", "Nothing to change in integrations[not-approved]", "60 s");
        failure(adapter, "not-approved");
        assertThat(fx.tokenRequests(app.clientId())).hasSize(1);   // held back, not retried in a loop
        assertThat(fx.audit(AuditAction.TOKEN_FAILED, "not-approved").get(0).outcome()).isEqualTo(AuditOutcome.DENIED);
    }

    @Test
    void anApplicationApprovedMinutesAgoGetsTheSameAdvice() {
        AppRegistration app = fx.sandbox.registerApp(AppSpec.orders("just-approved").integration("just-approved")
                .approvedAt(Instant.now().minus(Duration.ofMinutes(2))).activationDelay(Duration.ofMinutes(10)));
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build(), fx.secretRegistration("just-approved", app));

        AccessTokenUnavailableException e = failure(adapter, "just-approved");

        assertThat(e.reason()).isEqualTo(APP_NOT_APPROVED);
        assertThat(e.getMessage()).contains("5-10 minutes after the approval", "more than 10 minutes ago");
    }

    @Test
    void aTokenWithoutRolesBeforeApprovalIsReportedByTheDescription() {
        fx.sandbox.entra().notApprovedBehaviour(NotApprovedBehaviour.TOKEN_WITHOUT_ROLES);
        AppRegistration app = fx.sandbox.registerApp(AppSpec.orders("no-roles").integration("no-roles").notApproved());
        TokenRegistration registration = fx.secretRegistration("no-roles", app);
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build(), registration);

        AccessToken token = adapter.token(new IntegrationName("no-roles"));

        assertThat(TokenDescription.of(token).roles()).isEmpty();
        assertThat(TokenDescription.of(token).warnings(registration)).singleElement().asString()
                .contains("carries no roles", "Jakamo will refuse it (403)", "approved", "10 minutes");
        assertThat(fx.get("/api/order/response", token).statusCode()).isEqualTo(403);
    }

    @Test
    void aCertificateEntraDoesNotKnowNamesItsThumbprintsAndTheKey() throws Exception {
        ClientCertificate registered = ClientCertificate.generate("registered");
        ClientCertificate other = ClientCertificate.generate("other");
        AppRegistration app = fx.sandbox.registerApp(AppSpec.orders("wrong-cert").withoutSecret()
                .certificate(registered.certificate()).integration("wrong-cert"));
        Path store = other.writePkcs12(fx.dir.resolve("wrong-cert.p12"), "pw12345".toCharArray());
        TokenRegistration registration = new TokenRegistration(new IntegrationName("wrong-cert"), fx.environment(),
                new ClientId(app.clientId()), CredentialSource.pkcs12(SecretReference.file(store),
                SecretReference.file(fx.secretFile("wrong-cert.pw", "pw12345"))));
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build(), registration);

        AccessTokenUnavailableException e = failure(adapter, "wrong-cert");

        assertThat(e.reason()).isEqualTo(CERTIFICATE_REJECTED);
        assertThat(e.getMessage()).contains("did not accept the certificate", "AADSTS700027",
                "integrations[wrong-cert].clientCertificate", "file " + store,
                "SHA-1 thumbprint " + CredentialLoader.thumbprint(other.certificate(), "SHA-1"));
        assertThat(fx.tokenRequests(app.clientId())).hasSize(1);
    }

    @Test
    void aClockFarOffMakesEntraRefuseTheAssertionAndTheMessageSaysSo() throws Exception {
        // the sandbox's clock runs 20 minutes ahead: MSAL's 10-minute assertion looks expired to it
        try (SandboxFixture skewed = new SandboxFixture(Sandbox.builder()
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20))).start())) {
            ClientCertificate certificate = ClientCertificate.generate("skewed");
            AppRegistration app = skewed.sandbox.registerApp(AppSpec.orders("skewed").withoutSecret()
                    .certificate(certificate.certificate()).integration("skewed"));
            Path store = certificate.writePkcs12(skewed.dir.resolve("skewed.p12"), "pw12345".toCharArray());
            TokenRegistration registration = new TokenRegistration(new IntegrationName("skewed"), skewed.environment(),
                    new ClientId(app.clientId()), CredentialSource.pkcs12(SecretReference.file(store),
                    SecretReference.file(skewed.secretFile("skewed.pw", "pw12345"))));
            MsalAccessTokenAdapter adapter = skewed.adapter(skewed.settings().build(), registration);

            AccessTokenUnavailableException e = catchThrowableOfType(AccessTokenUnavailableException.class,
                    () -> adapter.token(new IntegrationName("skewed")));

            assertThat(e.reason()).isEqualTo(CERTIFICATE_REJECTED);
            assertThat(e.getMessage()).contains("AADSTS700024", "clock", "NTP");
        }
    }

    @Test
    void theTokenDescriptionEstimatesTheClockSkew() {
        try (SandboxFixture skewed = new SandboxFixture(Sandbox.builder()
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-3))).start())) {
            AppRegistration app = skewed.registerOrders("skew");
            TokenRegistration registration = skewed.secretRegistration("skew", app);
            MsalAccessTokenAdapter adapter = skewed.adapter(skewed.settings().build(), registration);

            TokenDescription description = TokenDescription.of(adapter.token(new IntegrationName("skew")));

            assertThat(description.clockSkew()).hasValueSatisfying(skew ->
                    assertThat(skew.plusMinutes(3).abs()).isLessThan(Duration.ofSeconds(3)));
            assertThat(description.warnings(registration)).anySatisfy(w ->
                    assertThat(w).contains("clock is about 18", "ahead of the token service's", "NTP"));
        }
    }

    @Test
    void anUntrustedTlsCertificateSaysPkixAndWhereTrustIsConfigured() {
        AppRegistration app = fx.registerOrders("untrusted");
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().sslSocketFactory(null).build(),
                fx.secretRegistration("untrusted", app));

        AccessTokenUnavailableException e = failure(adapter, "untrusted");

        assertThat(e.reason()).isEqualTo(NETWORK);
        assertThat(e.getMessage()).contains("is not trusted (PKIX path building failed)", "trust store",
                "sandbox.caCertificate", "clock");
        AuditEvent failed = fx.audit(AuditAction.TOKEN_FAILED, "untrusted").get(0);
        assertThat(failed.reason()).contains("NETWORK tls_untrusted");
        assertThat(fx.audit(AuditAction.TOKEN_FAILED, "untrusted")).hasSize(1);   // not retried: it cannot pass
    }

    @Test
    void aRefusedConnectionSaysFirewallOrProxy() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String tenant = fx.sandbox.tenantId();
        Environment nowhere = Environment.sandbox(new TenantId(tenant), URI.create("https://127.0.0.1:" + closedPort + "/" + tenant + "/"),
                new Scope(fx.sandbox.scope()), fx.sandbox.apiBaseUri());
        TokenRegistration registration = new TokenRegistration(new IntegrationName("refused"), nowhere,
                new ClientId(UUID.randomUUID().toString()), CredentialSource.clientSecret(SecretReference.file(
                fx.secretFile("refused.secret", "abc8Q~whatever"))));
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().maxAttempts(3).build(), registration);

        AccessTokenUnavailableException e = failure(adapter, "refused");

        assertThat(e.reason()).isEqualTo(NETWORK);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("cannot connect to 127.0.0.1:" + closedPort, "firewall", "proxy");
        List<AuditEvent> attempts = fx.audit(AuditAction.TOKEN_FAILED, "refused");
        assertThat(attempts).extracting(AuditEvent::outcome)
                .containsExactly(AuditOutcome.RETRY, AuditOutcome.RETRY, AuditOutcome.FAIL);
        assertThat(attempts).extracting(AuditEvent::attempt).containsExactly(1, 2, 3);
    }

    @Test
    void anEmptyAnswerIsAFailureNotASuccess() {
        AppRegistration app = fx.registerOrders("empty");
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().maxAttempts(2).build(), fx.secretRegistration("empty", app));
        fx.sandbox.faults().always(Endpoint.TOKEN, Fault.emptyResponse());

        AccessTokenUnavailableException e = failure(adapter, "empty");

        assertThat(e.reason()).isEqualTo(SERVICE_UNAVAILABLE);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("could not be read", "empty or malformed response");
        assertThat(fx.audit(AuditAction.TOKEN_ACQUIRED, "empty")).isEmpty();
    }

    @Test
    void aHalfTokenResponseIsAFailureAndNeverEchoesTheToken() {
        AppRegistration app = fx.registerOrders("malformed");
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().maxAttempts(1).build(), fx.secretRegistration("malformed", app));
        fx.sandbox.faults().always(Endpoint.TOKEN, Fault.malformedBody());

        AccessTokenUnavailableException e = failure(adapter, "malformed");

        assertThat(e.reason()).isEqualTo(SERVICE_UNAVAILABLE);
        assertThat(e.getMessage()).contains("something other than a token response");
        assertThat(CanaryIT.everything(e)).doesNotContain("eyJ");
    }

    @Test
    void aLooseSecretFileIsRefusedAtStartAndAtUse() throws IOException {
        AppRegistration app = fx.registerOrders("loose");
        Path file = fx.secretFile("loose.secret", app.clientSecret());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build(), fx.secretRegistration("loose", app, file));

        AccessTokenUnavailableException atStart = catchThrowableOfType(AccessTokenUnavailableException.class, adapter::start);
        AccessTokenUnavailableException atUse = failure(adapter, "loose");

        for (AccessTokenUnavailableException e : List.of(atStart, atUse)) {
            assertThat(e.reason()).isEqualTo(CREDENTIAL_UNREADABLE);
            assertThat(e.getMessage()).startsWith("loose: ").contains("integrations[loose].clientSecret", "file " + file,
                    "rw-r--r--", "every user", "chmod 600 " + file);
        }
        assertThat(fx.tokenRequests(app.clientId())).isEmpty();
        assertThat(fx.audit(AuditAction.TOKEN_FAILED, "loose")).singleElement()
                .satisfies(ev -> assertThat(ev.reason()).contains("CREDENTIAL_UNREADABLE"));

        // fixed on disk: the next call notices and works, without a restart or waiting out the backoff
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .until(() -> adapter.token(new IntegrationName("loose")) != null);
    }

    @Test
    void anUnknownIntegrationIsNamed() {
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build());
        assertThat(failure(adapter, "nobody").getMessage()).contains("nobody", "integrations[nobody].clientId");
    }

    private static AccessTokenUnavailableException failure(MsalAccessTokenAdapter adapter, String integration) {
        return catchThrowableOfType(AccessTokenUnavailableException.class, () -> adapter.token(new IntegrationName(integration)));
    }
}
