package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.jakamoconnector.adapter.jakamo.HttpJakamoProbeAdapter.BasicAuthAnswer;
import io.jakamoconnector.adapter.jakamo.HttpJakamoProbeAdapter.Reachability;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.IntegrationSpec;
import io.jakamoconnector.sandbox.QueueMessage;
import io.jakamoconnector.sandbox.RequestRecord;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Doctor's two questions to Jakamo, against the sandbox: is it reachable (and if not, which of the usual reasons), and
 * does it still accept an integration's old basic credentials. Neither may change a queue: the head message is the
 * same before and after, nothing is acknowledged, and the password is in no log line.
 */
class JakamoProbeIT {
    private static final String USER = "erp-orders-legacy";
    private static final String PASSWORD = "Old-Basic-Pa55word-7f3a";

    private Testbed bed;
    private HttpJakamoProbeAdapter probe;
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void start() throws Exception {
        bed = new Testbed();
        bed.sandbox.addIntegration(IntegrationSpec.claims("old-claims").basicAuth("claims-legacy", PASSWORD)
                .allowBasicAuth());
        probe = new HttpJakamoProbeAdapter(Duration.ofSeconds(2), Duration.ofSeconds(3),
                StubTls.get().clientContext(bed.sandbox.trustStore()));
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger("io.jakamoconnector.adapter")).addAppender(logs);
    }

    @AfterEach
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger("io.jakamoconnector.adapter")).detachAppender(logs);
        bed.close();
    }

    private JakamoIntegration integration(String name, IntegrationKind kind, URI base) {
        return new JakamoIntegration(new IntegrationName(name), kind, base, JakamoOptions.defaults());
    }

    private JakamoIntegration po() {
        return integration("po", IntegrationKind.PURCHASE_ORDERS, bed.sandbox.apiBaseUri());
    }

    /** po's queue with a message at its head, as a migrated integration would have it. */
    private QueueMessage headOfPoQueue() {
        bed.sandbox.jakamo().enqueue("po", "<OrderResponse xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:"
                + "OrderResponse-2\" xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\""
                + " xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\">"
                + "<cbc:ID>R-1</cbc:ID><cac:OrderReference><cbc:ID>PO-4711</cbc:ID></cac:OrderReference>"
                + "</OrderResponse>");
        List<QueueMessage> queue = bed.sandbox.jakamo().queue("po");
        assertThat(queue).hasSize(1);
        return queue.get(0);
    }

    // ---- reachability ----

    @Test
    void jakamoAnswers401WithoutACredentialAndNothingIsDelivered() throws Exception {
        QueueMessage head = headOfPoQueue();

        Reachability r = probe.reachability(po());

        assertThat(r.outcome()).as(r.detail()).isEqualTo(Reachability.Outcome.JAKAMO);
        assertThat(r.reachable()).isTrue();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.latency()).isPositive();
        assertThat(r.addresses()).contains("127.0.0.1");
        assertThat(r.probed().getPath()).isEqualTo("/api/order/response");
        List<RequestRecord> reads = bed.journal().requests().stream()
                .filter(q -> q.endpoint() == Endpoint.QUEUE_READ).toList();
        assertThat(reads).singleElement().satisfies(q -> {
            assertThat(q.status()).isEqualTo(401);
            assertThat(q.tokenFingerprint()).as("no token is sent").isNull();
            assertThat(q.messageId()).as("nothing delivered").isNull();
        });
        assertThat(bed.sandbox.jakamo().queue("po")).singleElement()
                .satisfies(m -> assertThat(m.id()).isEqualTo(head.id()));
    }

    @Test
    void aClosedPortIsARefusedConnection() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Reachability r = probe.reachability(integration("po", IntegrationKind.PURCHASE_ORDERS,
                URI.create("https://127.0.0.1:" + port)));
        assertThat(r.outcome()).as(r.detail()).isEqualTo(Reachability.Outcome.CONNECTION_REFUSED);
        assertThat(r.reachable()).isFalse();
    }

    @Test
    void aNameThatDoesNotResolveIsADnsFailure() {
        Reachability r = probe.reachability(integration("po", IntegrationKind.PURCHASE_ORDERS,
                URI.create("https://jakamo-connector-doctor.invalid")));
        assertThat(r.outcome()).as(r.detail()).isEqualTo(Reachability.Outcome.DNS_FAILURE);
        assertThat(r.detail()).contains("jakamo-connector-doctor.invalid does not resolve");
    }

    @Test
    void theSandboxsSelfSignedCertificateIsUntrustedWithoutItsCa() throws Exception {
        HttpJakamoProbeAdapter jdkTrust = new HttpJakamoProbeAdapter(Duration.ofSeconds(2), Duration.ofSeconds(3),
                null);
        Reachability r = jdkTrust.reachability(po());
        assertThat(r.outcome()).as(r.detail()).isEqualTo(Reachability.Outcome.TLS_UNTRUSTED);
        assertThat(bed.journal().requests()).as("no request got through").isEmpty();
    }

    @Test
    void aProxysPageIsNotJakamoAndIsNamedByItsTitle() throws Exception {
        try (StubJakamo stub = new StubJakamo()) {
            stub.on("GET", "/api/order/response", StubJakamo.Reply.of(200, "text/html; charset=utf-8",
                    ("<!DOCTYPE html><html><head><title>Access denied by Example Corp web filter</title></head>"
                            + "<body><h1>Blocked</h1></body></html>").getBytes(StandardCharsets.UTF_8)));
            Reachability r = probe.reachability(integration("stub", IntegrationKind.PURCHASE_ORDERS, stub.baseUri()));
            assertThat(r.outcome()).as(r.detail()).isEqualTo(Reachability.Outcome.NOT_JAKAMO);
            assertThat(r.detail()).contains("web page").contains("Access denied by Example Corp web filter");

            stub.on("GET", "/api/order/response", StubJakamo.Reply.of(302, null, new byte[0])
                    .header("Location", "https://portal.example.com/login?next=secret-token"));
            Reachability redirect = probe.reachability(integration("stub", IntegrationKind.PURCHASE_ORDERS,
                    stub.baseUri()));
            assertThat(redirect.outcome()).isEqualTo(Reachability.Outcome.NOT_JAKAMO);
            assertThat(redirect.detail()).contains("https://portal.example.com/login").doesNotContain("secret-token");

            stub.on("GET", "/api/order/response", StubJakamo.Reply.of(407, "text/plain", "proxy auth".getBytes(
                    StandardCharsets.UTF_8)));
            assertThat(probe.reachability(integration("stub", IntegrationKind.PURCHASE_ORDERS, stub.baseUri()))
                    .outcome()).isEqualTo(Reachability.Outcome.PROXY_AUTHENTICATION);
        }
    }

    // ---- basic authentication ----

    @Test
    void basicCredentialsStillAllowedAreAcceptedAndTheQueueIsLeftAsItWas() throws Exception {
        bed.sandbox.jakamo().basicAuth("po", USER, PASSWORD).allowBasicAuth("po");
        QueueMessage head = headOfPoQueue();

        BasicAuthAnswer answer = probe.probeBasicAuth(po(), USER, PASSWORD.toCharArray());

        assertThat(answer.verdict()).as(answer.detail()).isEqualTo(BasicAuthAnswer.Verdict.ACCEPTED);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.detail()).doesNotContain("PO-4711").doesNotContain("OrderResponse");
        List<QueueMessage> after = bed.sandbox.jakamo().queue("po");
        assertThat(after).as("the same head, still there").singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(head.id());
            assertThat(m.body()).isEqualTo(head.body());
        });
        assertThat(bed.journal().acknowledgements()).as("nothing acknowledged").isEmpty();
        assertThat(bed.journal().requests()).as("one request, once").singleElement().satisfies(q -> {
            assertThat(q.endpoint()).isEqualTo(Endpoint.QUEUE_READ);
            assertThat(q.integration()).isEqualTo("po");
            assertThat(q.status()).isEqualTo(200);
        });
        assertNoSecretLogged();
    }

    @Test
    void preventedBasicAuthenticationIsToldApartFromAWrongPasswordByTheDifferentAnswer() throws Exception {
        bed.sandbox.jakamo().basicAuth("po", USER, PASSWORD).preventBasicAuth("po");
        QueueMessage head = headOfPoQueue();

        BasicAuthAnswer answer = probe.probeBasicAuth(po(), USER, PASSWORD.toCharArray());

        assertThat(answer.verdict()).as(answer.detail()).isEqualTo(BasicAuthAnswer.Verdict.PREVENTED);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.basicChallenge()).isFalse();
        assertThat(answer.detail()).contains("challenge for bearer", "a deliberately wrong password for the same user "
                + "was answered 401 with a WWW-Authenticate challenge for basic");
        assertThat(bed.journal().requests()).as("the credentials once, then the control").hasSize(2)
                .allSatisfy(q -> assertThat(q.status()).isEqualTo(401));
        assertThat(bed.sandbox.jakamo().queue("po")).singleElement()
                .satisfies(m -> assertThat(m.id()).isEqualTo(head.id()));
        assertThat(bed.journal().acknowledgements()).isEmpty();
        assertNoSecretLogged();
    }

    @Test
    void aWrongOldPasswordIsRefusedButJakamoStillOffersBasic() {
        bed.sandbox.jakamo().basicAuth("po", USER, PASSWORD).allowBasicAuth("po");
        BasicAuthAnswer answer = probe.probeBasicAuth(po(), USER, "not-the-password".toCharArray());
        assertThat(answer.verdict()).isEqualTo(BasicAuthAnswer.Verdict.REFUSED);
        assertThat(answer.basicChallenge()).as("the sandbox answers wrong credentials with a Basic challenge").isTrue();
    }

    /** Attack 5 of issue 13: a 401 without any challenge is what a mistyped password gets too; it proves nothing. */
    @Test
    void aBare401ForTheCredentialsAndForAWrongPasswordIsRefusedNotPrevented() {
        try (StubJakamo bare = new StubJakamo()) {
            bare.on("GET", "/api/order/response", StubJakamo.Reply.of(401, "application/xml",
                    "<Error>Unauthorized</Error>".getBytes(StandardCharsets.UTF_8)));
            BasicAuthAnswer answer = probe.probeBasicAuth(integration("stub", IntegrationKind.PURCHASE_ORDERS,
                    bare.baseUri()), USER, PASSWORD.toCharArray());

            assertThat(answer.verdict()).as(answer.detail()).isEqualTo(BasicAuthAnswer.Verdict.REFUSED);
            assertThat(answer.detail()).contains("without a WWW-Authenticate challenge",
                    "nothing in the answers tells a prevented basic authentication from a wrong or outdated password");
            assertThat(bare.requests()).hasSize(2);
        }
        assertNoSecretLogged();
    }

    @Test
    void aClaimsIntegrationIsProbedOnItsOwnQueue() throws Exception {
        BasicAuthAnswer answer = probe.probeBasicAuth(integration("old-claims", IntegrationKind.CLAIMS,
                bed.sandbox.apiBaseUri()), "claims-legacy", PASSWORD.toCharArray());
        assertThat(answer.verdict()).as(answer.detail()).isEqualTo(BasicAuthAnswer.Verdict.ACCEPTED);
        assertThat(answer.probed().getPath()).isEqualTo("/api/claim/response");
        assertThat(bed.journal().requests()).singleElement()
                .satisfies(q -> assertThat(q.endpoint()).isEqualTo(Endpoint.CLAIM_QUEUE_READ));
    }

    @Test
    void aServerThatDoesNotAnswerLeavesItInconclusive() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        BasicAuthAnswer answer = probe.probeBasicAuth(integration("po", IntegrationKind.PURCHASE_ORDERS,
                URI.create("https://127.0.0.1:" + port)), USER, PASSWORD.toCharArray());
        assertThat(answer.verdict()).isEqualTo(BasicAuthAnswer.Verdict.INCONCLUSIVE);
        assertThat(answer.detail()).startsWith("no answer");
        assertNoSecretLogged();
    }

    private void assertNoSecretLogged() {
        String base64 = java.util.Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        String sha256 = sha256Hex(PASSWORD);
        assertThat(logs.list).as("the probe logs its outcome").isNotEmpty();
        for (ILoggingEvent event : logs.list) {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(line).doesNotContain(PASSWORD).doesNotContain(base64).doesNotContain(sha256.substring(0, 12));
        }
    }

    /** The unsalted SHA-256 the probe used to print (its first 16 hex digits): confirmable offline against guesses. */
    static String sha256Hex(String password) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
