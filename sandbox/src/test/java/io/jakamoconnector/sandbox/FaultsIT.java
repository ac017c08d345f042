package io.jakamoconnector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each fault does what it says, seen from java.net.http as the Jakamo adapter will see it. */
class FaultsIT {
    private static Sandbox sandbox;
    private static String po;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.builder().randomSeed(42).start();
        po = TestHttp.bearer(sandbox.entra().issueToken(sandbox.registerApp(AppSpec.orders("po").integration("po")).clientId()));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.faults().clear();
        sandbox.jakamo().clearQueue("po").supplierReply(SupplierReply.NONE);
        sandbox.jakamo().enqueue("po", Samples.orderResponse("PO-HEAD"));
    }

    /** A fresh client per call: a pooled connection would let the JDK retry a dropped GET by itself. */
    private static HttpResponse<String> read() throws Exception {
        return new TestHttp(sandbox).get("/api/order/response", po);
    }

    @Test
    void latencyDelaysButAnswers() throws Exception {
        read();
        sandbox.faults().failNext(1, Endpoint.QUEUE_READ, Fault.latency(Duration.ofMillis(600)));
        long start = System.nanoTime();
        HttpResponse<String> response = read();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("PO-HEAD");
    }

    @Test
    void hangNeverAnswersSoTheClientTimesOut() throws Exception {
        read();   // warm up: on a loaded machine a cold TLS handshake alone can outlast a short client timeout
        Faults.ActiveRule rule = sandbox.faults().failNext(1, Endpoint.QUEUE_READ, Fault.hang(Duration.ofSeconds(20)));
        TestHttp http = new TestHttp(sandbox);
        long start = System.nanoTime();
        assertThatThrownBy(() -> http.send(http.request("/api/order/response", po).timeout(Duration.ofSeconds(2)).GET().build()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(rule.struck()).as("the request reached the sandbox and hung there").isEqualTo(1);
        assertThat(read().statusCode()).isEqualTo(200);
    }

    @Test
    void connectionResetDropsTheConnectionWithoutAStatusLine() throws Exception {
        // java.net.http may silently retry an idempotent GET once when the connection dies before the status line
        // (seen on this machine now and then), so two strikes make sure the client sees the failure
        sandbox.faults().failNext(2, Endpoint.QUEUE_READ, Fault.connectionReset());
        long before = sandbox.journal().count(Endpoint.QUEUE_READ);
        assertThatThrownBy(FaultsIT::read).isInstanceOf(IOException.class);
        assertThat(sandbox.journal().requests(Endpoint.QUEUE_READ).stream().skip(before).toList())
                .hasSizeBetween(1, 2)
                .allSatisfy(r -> {
                    assertThat(r.status()).isZero();
                    assertThat(r.fault()).isEqualTo("CONNECTION_RESET");
                });
        sandbox.faults().clear();
        assertThat(read().statusCode()).isEqualTo(200);
    }

    @Test
    void emptyResponseIs200WithNothingInIt() throws Exception {
        sandbox.faults().failNext(1, Endpoint.QUEUE_READ, Fault.emptyResponse());
        HttpResponse<String> empty = read();
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).isEmpty();
        assertThat(empty.headers().firstValue("X-Acknowledge-Uri")).isEmpty();
    }

    @Test
    void malformedBodyIsHalfADocumentWithTheRealHeaders() throws Exception {
        sandbox.faults().failNext(1, Endpoint.QUEUE_READ, Fault.malformedBody());
        HttpResponse<String> malformed = read();
        assertThat(malformed.statusCode()).isEqualTo(200);
        assertThat(malformed.headers().firstValue("X-Acknowledge-Uri")).isPresent();
        assertThatThrownBy(() -> Xml.parse(malformed.body().getBytes(StandardCharsets.UTF_8))).isInstanceOf(Xml.NotWellFormed.class);
    }

    @Test
    void truncatedBodyPromisesMoreThanItSends() throws Exception {
        sandbox.faults().failNext(1, Endpoint.QUEUE_READ, Fault.truncatedBody());
        assertThatThrownBy(FaultsIT::read).isInstanceOf(IOException.class).hasMessageContaining("content-length");
        assertThat(read().body()).contains("PO-HEAD");
    }

    @Test
    void tooManyRequestsCarriesRetryAfterInJakamosErrorShape() throws Exception {
        sandbox.faults().failNext(1, Endpoint.QUEUE_READ, Fault.tooManyRequests(9));
        HttpResponse<String> throttled = read();
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("9");
        assertThat(throttled.body()).contains("<errors><error>");
    }

    @Test
    void serverErrorsAre500InXmlAndGateway5xxInHtml() throws Exception {
        sandbox.faults().failNext(1, Endpoint.QUEUE_READ, Fault.serverError(500));
        sandbox.faults().failNext(1, Endpoint.QUEUE_READ, Fault.serverError(503, 30));
        HttpResponse<String> internal = read();
        assertThat(internal.statusCode()).isEqualTo(500);
        assertThat(internal.body()).contains("<errors>");
        HttpResponse<String> unavailable = read();
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(read().statusCode()).isEqualTo(200);
    }

    @Test
    void failNextNStrikesExactlyNTimesThenServes() throws Exception {
        Faults.ActiveRule rule = sandbox.faults().failNext(3, Endpoint.QUEUE_READ, Fault.serverError(502));
        assertThat(read().statusCode()).isEqualTo(502);
        assertThat(read().statusCode()).isEqualTo(502);
        assertThat(rule.remaining()).isEqualTo(1);
        assertThat(read().statusCode()).isEqualTo(502);
        assertThat(read().statusCode()).isEqualTo(200);
        assertThat(rule.struck()).isEqualTo(3);
        assertThat(sandbox.faults().rules()).isEmpty();
    }

    @Test
    void probabilityStrikesSomeCallsAndOnlyTheNamedEndpoint() throws Exception {
        sandbox.faults().withProbability(0.5, Endpoint.QUEUE_READ, Fault.serverError(503));
        HttpClient client = TestHttp.newClient(sandbox);
        TestHttp http = new TestHttp(sandbox);
        int failures = 0;
        for (int i = 0; i < 40; i++) {
            if (client.send(http.request("/api/order/response", po).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 503) {
                failures++;
            }
        }
        assertThat(failures).isBetween(8, 32);
        assertThat(new TestHttp(sandbox).get("/api/mappedcompanies", po).statusCode()).isEqualTo(200);
    }

    @Test
    void aFaultAfterProcessingKeepsTheEffectAndLosesTheAnswer() throws Exception {
        String number = "PO-" + UUID.randomUUID();
        sandbox.faults().failNext(1, Endpoint.ORDER_POST, Fault.connectionReset().afterProcessing());
        assertThatThrownBy(() -> new TestHttp(sandbox).post("/api/order", po, Samples.order(number))).isInstanceOf(IOException.class);
        assertThat(sandbox.journal().timesAccepted("Order", number)).as("the order went in although the client saw an error").isEqualTo(1);

        String before = "PO-" + UUID.randomUUID();
        sandbox.faults().failNext(1, Endpoint.ORDER_POST, Fault.connectionReset());
        assertThatThrownBy(() -> new TestHttp(sandbox).post("/api/order", po, Samples.order(before))).isInstanceOf(IOException.class);
        assertThat(sandbox.journal().timesAccepted("Order", before)).isZero();
    }

    @Test
    void anAckWhoseAnswerIsLostStillClearsTheMessage() throws Exception {
        HttpResponse<String> head = read();
        String ack = head.headers().firstValue("X-Acknowledge-Uri").orElseThrow();
        sandbox.faults().failNext(1, Endpoint.QUEUE_ACK, Fault.serverError(504).afterProcessing());
        assertThat(new TestHttp(sandbox).post(ack, po, null).statusCode()).isEqualTo(504);
        assertThat(sandbox.jakamo().queue("po")).isEmpty();
        assertThat(new TestHttp(sandbox).post(ack, po, null).statusCode()).isEqualTo(200);
    }

    @Test
    void faultsReachTheEntraEndpointsToo() throws Exception {
        sandbox.faults().failNext(1, Endpoint.DISCOVERY, Fault.serverError(503));
        HttpResponse<String> discovery = new TestHttp(sandbox).get(sandbox.oidcAuthority() + "/.well-known/openid-configuration", null);
        assertThat(discovery.statusCode()).isEqualTo(503);
        assertThat(discovery.body()).contains("\"error\":\"temporarily_unavailable\"");
        HttpResponse<String> again = new TestHttp(sandbox).get(sandbox.oidcAuthority() + "/.well-known/openid-configuration", null);
        assertThat(again.body()).contains("\"issuer\":\"" + sandbox.oidcAuthority() + "\"");
    }
}
