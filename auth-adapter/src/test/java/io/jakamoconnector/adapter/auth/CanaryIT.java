package io.jakamoconnector.adapter.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.auth.ClientId;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.sandbox.AppRegistration;
import io.jakamoconnector.sandbox.AppSpec;
import io.jakamoconnector.sandbox.ClientCertificate;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.Fault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * T2.1: runs success and every failure path with DEBUG logging, then looks for every secret (client secrets, the
 * certificate password, the private key) and every token in the logs, the exception texts (causes and stack traces
 * included) and the audit events, raw, base64 and URL-encoded. Finding none is the pass; finding any JWT-shaped text
 * at all fails too, so tokens we never saw (a cut-off answer) are covered.
 */
class CanaryIT {

    @Test
    void noSecretAndNoTokenAppearsInLogsMessagesOrAuditEvents() throws Exception {
        int logMark = CapturedLogs.mark();
        Map<String, String> canaries = new LinkedHashMap<>();
        List<AccessToken> tokens = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        List<Object> descriptions = new ArrayList<>();

        try (SandboxFixture fx = new SandboxFixture()) {
            // a secret that works, used for success, refresh, renewal
            AppRegistration ok = fx.registerOrders("canary-ok");
            canaries.put("issued client secret", ok.clientSecret());
            MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().minimumRenewInterval(Duration.ZERO)
                    .credentialCheckInterval(Duration.ZERO).build(), fx.secretRegistration("canary-ok", ok));
            adapter.start();
            AccessToken first = collect(tokens, failures, () -> adapter.token(new IntegrationName("canary-ok")));
            fx.sandbox.entra().rotateSigningKey();
            collect(tokens, failures, () -> adapter.renewedToken(new IntegrationName("canary-ok"), first));
            descriptions.add(TokenDescription.of(first));
            descriptions.add(first);

            // a wrong canary secret, a secret id, an expired secret
            String wrong = "CANARY-" + UUID.randomUUID() + "-wrong-secret";
            canaries.put("wrong canary secret", wrong);
            runFailing(fx, "canary-wrong", fx.registerOrders("canary-wrong"), wrong, failures, tokens);
            AppRegistration expired = fx.sandbox.registerApp(AppSpec.orders("canary-expired").integration("canary-expired")
                    .secretExpiresAt(Instant.now().minusSeconds(60)));
            canaries.put("expired secret", expired.clientSecret());
            runFailing(fx, "canary-expired", expired, expired.clientSecret(), failures, tokens);
            AppRegistration unapproved = fx.sandbox.registerApp(AppSpec.orders("canary-unapproved").integration("canary-unapproved").notApproved());
            canaries.put("unapproved app's secret", unapproved.clientSecret());
            runFailing(fx, "canary-unapproved", unapproved, unapproved.clientSecret(), failures, tokens);

            // faults: throttling, server errors, a reset, a cut-off token answer, an empty answer, a hang
            AppRegistration faulty = fx.registerOrders("canary-faults");
            canaries.put("faulty app's secret", faulty.clientSecret());
            TokenRegistration faultyRegistration = fx.secretRegistration("canary-faults", faulty);
            IntegrationName faultsName = new IntegrationName("canary-faults");
            for (Fault fault : List.of(Fault.tooManyRequests(1), Fault.serverError(500), Fault.serverError(503, 1),
                    Fault.connectionReset(), Fault.malformedBody(), Fault.truncatedBody(), Fault.emptyResponse(),
                    Fault.hang(Duration.ofSeconds(3)))) {
                fx.sandbox.faults().clear();
                fx.sandbox.faults().always(Endpoint.TOKEN, fault);
                // a fresh adapter per fault: one would hold the previous failure back, as it should
                MsalAccessTokenAdapter faults = fx.adapter(fx.settings().maxAttempts(2).readTimeout(Duration.ofMillis(700))
                        .acquireTimeout(Duration.ofSeconds(5)).build(), faultyRegistration);
                collect(tokens, failures, () -> faults.token(faultsName));
                faults.close();
            }
            fx.sandbox.faults().clear();
            MsalAccessTokenAdapter healed = fx.adapter(fx.settings().build(), faultyRegistration);
            collect(tokens, failures, () -> healed.token(faultsName));

            // certificates: a PKCS#12 with a canary password, a PEM key, a wrong password
            ClientCertificate certificate = ClientCertificate.generate("canary");
            AppRegistration certApp = fx.sandbox.registerApp(AppSpec.orders("canary-cert").withoutSecret()
                    .certificate(certificate.certificate()).integration("canary-cert"));
            String password = "CANARY-P12-" + UUID.randomUUID();
            canaries.put("PKCS#12 password", password);
            String keyBody = Base64.getEncoder().encodeToString(certificate.privateKey().getEncoded());
            canaries.put("private key (base64 slice)", keyBody.substring(100, 160));
            Path store = certificate.writePkcs12(fx.dir.resolve("canary.p12"), password.toCharArray());
            MsalAccessTokenAdapter p12 = fx.adapter(fx.settings().build(), new TokenRegistration(new IntegrationName("canary-cert"),
                    fx.environment(), new ClientId(certApp.clientId()), CredentialSource.pkcs12(SecretReference.file(store),
                    SecretReference.file(fx.secretFile("canary.pw", password)))));
            collect(tokens, failures, () -> p12.token(new IntegrationName("canary-cert")));
            MsalAccessTokenAdapter badPassword = fx.adapter(fx.settings().build(), new TokenRegistration(
                    new IntegrationName("canary-cert-pw"), fx.environment(), new ClientId(certApp.clientId()),
                    CredentialSource.pkcs12(SecretReference.file(store), SecretReference.environment("P12_PASSWORD"))));
            collect(tokens, failures, () -> badPassword.token(new IntegrationName("canary-cert-pw")));
            Path pemKey = fx.secretFile("canary.key", MsalAccessTokenAdapterIT.pem("PRIVATE KEY", certificate.privateKey().getEncoded())
                    + MsalAccessTokenAdapterIT.pem("CERTIFICATE", certificate.certificate().getEncoded()));
            MsalAccessTokenAdapter pem = fx.adapter(fx.settings().build(), new TokenRegistration(new IntegrationName("canary-pem"),
                    fx.environment(), new ClientId(certApp.clientId()), CredentialSource.pem(SecretReference.file(pemKey), null)));
            collect(tokens, failures, () -> pem.token(new IntegrationName("canary-pem")));

            // a loose file holding a canary, and a rotation to a canary
            AppRegistration loose = fx.registerOrders("canary-loose");
            canaries.put("loose file's secret", loose.clientSecret());
            Path looseFile = fx.secretFile("canary-loose.secret", loose.clientSecret());
            Files.setPosixFilePermissions(looseFile, PosixFilePermissions.fromString("rw-rw-r--"));
            MsalAccessTokenAdapter looseAdapter = fx.adapter(fx.settings().build(), fx.secretRegistration("canary-loose", loose, looseFile));
            collect(tokens, failures, () -> {
                looseAdapter.start();
                return null;
            });
            String rotated = "CANARY-ROTATED-" + UUID.randomUUID();
            canaries.put("rotated canary secret", rotated);
            Path okFile = fx.dir.resolve("canary-ok-" + ok.clientId() + ".secret");
            fx.rotate(okFile, rotated);
            collect(tokens, failures, () -> adapter.token(new IntegrationName("canary-ok")));

            fx.closeAdapters();
            List<String> logs = CapturedLogs.since(logMark);
            List<AuditEvent> audit = fx.trail.events();

            assertThat(tokens).as("tokens issued during the run").hasSizeGreaterThanOrEqualTo(3);
            assertThat(failures).as("failures provoked during the run").hasSizeGreaterThanOrEqualTo(10);
            assertThat(audit).hasSizeGreaterThan(15);
            assertThat(logs).hasSizeGreaterThan(30);
            for (AccessToken token : tokens) {
                canaries.put("token " + token.fingerprint(), token.value());
                canaries.put("token signature of " + token.fingerprint(), token.value().substring(token.value().lastIndexOf('.') + 1));
            }

            StringBuilder haystack = new StringBuilder();
            logs.forEach(line -> haystack.append(line).append('\n'));
            failures.forEach(f -> haystack.append(everything(f)).append('\n'));
            audit.forEach(event -> haystack.append(event).append('\n'));
            descriptions.forEach(d -> haystack.append(d).append('\n'));
            String text = haystack.toString();

            for (Map.Entry<String, String> canary : canaries.entrySet()) {
                for (Map.Entry<String, String> form : forms(canary.getValue()).entrySet()) {
                    assertThat(text).as("%s (%s) must not appear", canary.getKey(), form.getKey()).doesNotContain(form.getValue());
                }
            }
            assertThat(text).as("no JWT-shaped text at all").doesNotContain("eyJ");
            assertThat(text).doesNotContainIgnoringCase("Authorization:");
            // the fingerprints are there instead
            assertThat(text).contains(tokens.get(0).fingerprint().value());
        }
    }

    private static void runFailing(SandboxFixture fx, String integration, AppRegistration app, String secret,
                                   List<Throwable> failures, List<AccessToken> tokens) {
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build(),
                fx.secretRegistration(integration, app, fx.secretFile(integration + ".secret", secret)));
        collect(tokens, failures, () -> adapter.token(new IntegrationName(integration)));
        collect(tokens, failures, () -> adapter.token(new IntegrationName(integration)));
    }

    private static AccessToken collect(List<AccessToken> tokens, List<Throwable> failures, Supplier<AccessToken> call) {
        try {
            AccessToken token = call.get();
            if (token != null) {
                tokens.add(token);
            }
            return token;
        } catch (RuntimeException e) {
            failures.add(e);
            return null;
        }
    }

    /** Message, toString, causes, suppressed and stack traces of a throwable, as one text. */
    static String everything(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return t + "\n" + out;
    }

    private static Map<String, String> forms(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("raw", secret);
        forms.put("base64", Base64.getEncoder().encodeToString(bytes));
        forms.put("base64url", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        forms.put("url-encoded", URLEncoder.encode(secret, StandardCharsets.UTF_8));
        return forms;
    }
}
