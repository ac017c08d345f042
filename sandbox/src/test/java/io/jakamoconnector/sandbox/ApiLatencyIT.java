package io.jakamoconnector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code apiLatency}: every Jakamo API call answered later (a WAN round trip), Entra's and the control API's not. */
class ApiLatencyIT {
    private static final Duration LATENCY = Duration.ofMillis(400);
    /** Far longer than any call here takes without it, so "not delayed" holds on a loaded machine too. */
    private static final Duration LONG = Duration.ofSeconds(30);
    private static Sandbox sandbox;
    private static AppRegistration app;
    private static String po;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.builder().start();
        app = sandbox.registerApp(AppSpec.orders("po").integration("po"));
        po = TestHttp.bearer(sandbox.entra().issueToken(app.clientId()));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.apiLatency(Duration.ZERO);
        sandbox.faults().clear();
        sandbox.jakamo().clearQueue("po").supplierReply(SupplierReply.NONE);
    }

    @Test
    void everyApiCallIsAnsweredThatMuchLater() throws Exception {
        TestHttp http = new TestHttp(sandbox);
        http.get("/_sandbox/journal", null);   // a connection and TLS session before the clock starts
        sandbox.jakamo().enqueue("po", Samples.orderResponse("PO-WAN"));
        sandbox.apiLatency(LATENCY);

        long began = System.nanoTime();
        HttpResponse<String> read = http.get("/api/order/response", po);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(LATENCY);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("PO-WAN");

        String ack = read.headers().firstValue("X-Acknowledge-Uri").orElseThrow();
        began = System.nanoTime();
        HttpResponse<String> acked = http.post(ack, po, null);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(LATENCY);
        assertThat(acked.statusCode() / 100).isEqualTo(2);
        assertThat(sandbox.apiLatency()).isEqualTo(LATENCY);
    }

    @Test
    void latencyComesOnTopOfAFault() throws Exception {
        TestHttp http = new TestHttp(sandbox);
        http.get("/api/order/response", po);
        sandbox.apiLatency(LATENCY);
        sandbox.faults().failNext(1, Endpoint.QUEUE_READ, Fault.latency(LATENCY));
        long began = System.nanoTime();
        assertThat(http.get("/api/order/response", po).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(LATENCY.multipliedBy(2));
    }

    @Test
    void entraAndTheControlApiAreNotDelayed() throws Exception {
        TestHttp http = new TestHttp(sandbox);
        http.get("/_sandbox/journal", null);
        sandbox.apiLatency(LONG);
        long began = System.nanoTime();
        assertThat(http.get("/_sandbox/journal", null).statusCode()).isEqualTo(200);
        String token = sandbox.tokenEndpoint();
        HttpResponse<String> tokenAnswer = http.send(HttpRequest.newBuilder(java.net.URI.create(token))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + app.clientId()
                        + "&client_secret=" + app.clientSecret() + "&scope=" + java.net.URLEncoder.encode(sandbox.scope(),
                        java.nio.charset.StandardCharsets.UTF_8))).build());
        assertThat(tokenAnswer.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(LONG);
    }

    @Test
    void refusesANegativeLatency() {
        assertThatThrownBy(() -> sandbox.apiLatency(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apiLatency");
    }
}
