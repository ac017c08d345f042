package io.jakamoconnector.app.daemon;

import static io.jakamoconnector.app.daemon.ServiceFixture.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jakamoconnector.app.config.HealthConfig;
import io.jakamoconnector.app.config.HttpLimits;
import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.plugin.ErpCheck;
import io.jakamoconnector.domain.model.sync.Waiting;
import io.jakamoconnector.domain.model.sync.WaitingState;
import io.jakamoconnector.domain.port.out.AccessTokenPort;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import io.jakamoconnector.domain.port.out.StateStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The health endpoint over the service on the domain's fakes: readiness is 503 until the first rounds worked, and
 * again as soon as the database, a token or a loop fails, saying which and why; liveness only follows the service.
 */
class HealthServerIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceFixture f = new ServiceFixture(1, Duration.ofMillis(50));
    private final ConnectorService service = f.service();
    private volatile RuntimeException databaseDown;
    private volatile RuntimeException tokenRefused;
    private final Supplier<String> database = () -> {
        RuntimeException down = databaseDown;
        if (down != null) {
            throw down;
        }
        return "test database";
    };
    private final AccessTokenPort tokens = new AccessTokenPort() {
        @Override
        public AccessToken token(IntegrationName integration) {
            RuntimeException refused = tokenRefused;
            if (refused != null) {
                throw refused;
            }
            Instant now = Instant.now();
            return AccessToken.of("header.payload.signature", now, now.plusSeconds(3600));
        }

        @Override
        public AccessToken renewedToken(IntegrationName integration, AccessToken rejected) {
            return token(integration);
        }
    };
    private volatile Instant heldUntil;
    private volatile List<Waiting> waiting = List.of();
    private volatile List<ErpCheck> erpFindings = List.of(ErpCheck.ok("folders", "/srv/erp/orders"));
    private final HealthServer health = new HealthServer(new HealthConfig("127.0.0.1", 0, 3), service, database,
            tokens, integration -> Optional.ofNullable(heldUntil), List.of(ORDERS), f.registry, () -> waiting,
            integration -> Optional.empty(), integration -> erpFindings, f.clock);

    private record Reply(int status, JsonNode json, String text) {
    }

    @AfterEach
    void stop() {
        service.stop();
        health.close();
    }

    private Reply get(String path) throws IOException {
        return request("GET", path);
    }

    private Reply request(String method, String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) health.baseUri().resolve(path).toURL().openConnection();
        c.setRequestMethod(method);
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        JsonNode json = text.startsWith("{") ? JSON.readTree(text) : null;
        return new Reply(status, json, text);
    }

    @Test
    void readyOnlyOnceEveryCheckPassesAndSaysWhichFails() throws Exception {
        health.start();
        assertThat(health.baseUri().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(get("/health/live").status()).as("the service has not started").isEqualTo(503);
        Reply before = get("/health/ready");
        assertThat(before.status()).isEqualTo(503);
        assertThat(before.json().at("/checks/integrations/orders/inbound/detail").asText())
                .isEqualTo("no successful round yet");

        service.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/health/ready").status() == 200);
        Reply ready = get("/health/ready");
        assertThat(ready.json().at("/status").asText()).isEqualTo("UP");
        assertThat(ready.json().at("/checks/database/detail").asText()).isEqualTo("test database");
        assertThat(ready.json().at("/checks/integrations/orders/token/detail").asText()).startsWith("token ")
                .doesNotContain("header.payload.signature");
        assertThat(get("/health/live").status()).isEqualTo(200);

        databaseDown = new StateStoreException("the database at db:5432 refused the connection", true, null);
        Reply noDatabase = get("/health/ready");
        assertThat(noDatabase.status()).isEqualTo(503);
        assertThat(noDatabase.json().at("/checks/database/status").asText()).isEqualTo("DOWN");
        assertThat(noDatabase.json().at("/checks/database/detail").asText())
                .isEqualTo("the database at db:5432 refused the connection");
        assertThat(get("/health/live").status()).as("liveness does not depend on the database").isEqualTo(200);
        databaseDown = null;

        tokenRefused = new AccessTokenUnavailableException(ORDERS,
                AccessTokenUnavailableException.Reason.APP_NOT_APPROVED, "Jakamo has not approved the app yet",
                null, null, null);
        Reply noToken = get("/health/ready");
        assertThat(noToken.status()).isEqualTo(503);
        assertThat(noToken.json().at("/checks/integrations/orders/token/detail").asText())
                .isEqualTo("orders: Jakamo has not approved the app yet");
        tokenRefused = null;
        assertThat(get("/health/ready").status()).isEqualTo(200);
    }

    @Test
    void theErpSidesFindingsShowPerIntegrationAndAFailureMakesItUnready() throws Exception {
        health.start();
        service.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/health/ready").status() == 200);
        assertThat(get("/health/ready").json().at("/checks/integrations/orders/erp/detail").asText())
                .isEqualTo("folders: /srv/erp/orders");

        erpFindings = List.of(ErpCheck.warn("listener", "2 API keys expire within 7 days; add new ones"));
        Reply warned = get("/health/ready");
        assertThat(warned.status()).as("a warning does not stop the service").isEqualTo(200);
        assertThat(warned.json().at("/checks/integrations/orders/erp/detail").asText())
                .isEqualTo("WARN listener: 2 API keys expire within 7 days; add new ones");

        erpFindings = List.of(ErpCheck.fail("folders", "/srv/erp/orders/to_jakamo is missing: create it again"));
        Reply failed = get("/health/ready");
        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.json().at("/checks/integrations/orders/erp/status").asText()).isEqualTo("DOWN");
        assertThat(failed.json().at("/checks/integrations/orders/erp/detail").asText())
                .isEqualTo("FAIL folders: /srv/erp/orders/to_jakamo is missing: create it again");
    }

    @Test
    void aLoopThatKeepsFailingMakesItUnreadyWithItsLastFailure() throws Exception {
        health.start();
        service.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/health/ready").status() == 200);

        f.queue.failNextReads(1_000_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/health/ready").status() == 503);
        JsonNode inbound = get("/health/ready").json().at("/checks/integrations/orders/inbound");
        assertThat(inbound.at("/status").asText()).isEqualTo("DOWN");
        assertThat(inbound.at("/detail").asText()).startsWith("the last successful round is older than 3 intervals");
        assertThat(inbound.at("/lastFailure").asText()).isNotBlank();
        assertThat(get("/health/ready").json().at("/checks/integrations/orders/outbound/status").asText())
                .isEqualTo("UP");
    }

    @Test
    void servesPrometheusTextAndRefusesWhatItDoesNotServe() throws Exception {
        health.start();
        service.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/metrics").text().contains("jakamo_rounds_total"));
        Reply metrics = get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("# TYPE jakamo_messages_received_total counter")
                .contains("jakamo_queue_lease_held{integration=\"orders\"} 1.0");
        assertThat(request("POST", "/health/ready").status()).isEqualTo(405);
        assertThat(get("/elsewhere").status()).isEqualTo(404);
    }

    @Test
    void liveAnswersWithinASecondWhileFiftyClientsStallAndTheServerCutsThemOff() throws Exception {
        HealthServer guarded = new HealthServer(new HealthConfig("127.0.0.1", 0, 3,
                new HttpLimits(Duration.ofSeconds(2), 100, 8)), service, database, tokens, integration -> Optional.empty(),
                List.of(ORDERS),
                f.registry, f.clock);
        List<Socket> stalled = new ArrayList<>();
        try {
            guarded.start();
            service.start();
            URI base = guarded.baseUri();
            for (int i = 0; i < 50; i++) {
                Socket socket = new Socket();
                stalled.add(socket);
                socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 1000);
                if (i % 5 == 0) {
                    // half a request line, then nothing
                    socket.getOutputStream().write("GET /health/live HT".getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                }
            }

            long started = System.nanoTime();
            HttpURLConnection c = (HttpURLConnection) base.resolve("/health/live").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(1000);
            assertThat(c.getResponseCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            c.disconnect();

            for (Socket socket : stalled) {
                socket.setSoTimeout(10_000);
                assertThat(closedByServer(socket)).as("the server closes a stalled connection after its idle timeout")
                        .isTrue();
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
            guarded.close();
        }
    }

    /** Reads to the end: true when the server closed (end of stream or reset), false when it kept it open. */
    private static boolean closedByServer(Socket socket) throws IOException {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            while (in.read(buffer) >= 0) {
                // a 408 or 400 before closing is fine
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    @Test
    void anIntegrationJakamoHoldsSaysUntilWhenInReadiness() throws Exception {
        health.start();
        assertThat(get("/health/ready").json().at("/checks/integrations/orders/hold").isMissingNode()).isTrue();
        heldUntil = Instant.parse("2026-12-01T10:00:00Z");
        assertThat(get("/health/ready").json().at("/checks/integrations/orders/hold").asText())
                .startsWith("held by Jakamo until 2026-12-01T10:00:00Z");
    }

    @Test
    void readyWithSomethingWaitingForAPersonIsAttentionWithWhatWaitsAndBackToUpWhenSettled() throws Exception {
        health.start();
        service.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/health/ready").status() == 200);
        assertThat(get("/health/ready").json().at("/status").asText()).isEqualTo("UP");

        Instant since = Instant.parse("2026-12-01T09:00:00Z");
        waiting = List.of(new Waiting(ORDERS, WaitingState.IN_DOUBT, 1, since));
        Reply attention = get("/health/ready");
        assertThat(attention.status()).isEqualTo(200);
        assertThat(attention.json().at("/status").asText()).isEqualTo("ATTENTION");
        assertThat(attention.json().at("/attention/0/integration").asText()).isEqualTo("orders");
        assertThat(attention.json().at("/attention/0/kind").asText()).isEqualTo("in_doubt");
        assertThat(attention.json().at("/attention/0/count").asLong()).isEqualTo(1);
        assertThat(attention.json().at("/attention/0/oldestSince").asText()).isEqualTo(since.toString());
        assertThat(attention.json().at("/attention/0/action").asText()).contains("messages resolve ID --sent");
        assertThat(attention.json().at("/checks/database/status").asText()).as("the checks stay").isEqualTo("UP");

        waiting = List.of();
        heldUntil = Instant.parse("2026-12-01T10:00:00Z");
        assertThat(get("/health/ready").json().at("/attention/0/kind").asText()).isEqualTo("held");
        heldUntil = null;
        Reply settled = get("/health/ready");
        assertThat(settled.json().at("/status").asText()).isEqualTo("UP");
        assertThat(settled.json().at("/attention").size()).isZero();
    }

    @Test
    void aCallbackToAnUntrustedHostShowsTheQueueBlockedWithinAPollAndClearsWhenItMovesAgain() throws Exception {
        String why = "refused to call the acknowledgement URI https://cdn.example/ack/1: its host cdn.example:443 is "
                + "not a trusted Jakamo host for orders; add 'cdn.example' to integrations[orders].jakamo.trustedHosts";
        f.queue.enqueue(ORDERS, io.jakamoconnector.domain.testing.Documents.orderResponse("PO-1", "S-1"));
        f.queue.refuseAcknowledgementsAsUntrusted(why);
        health.start();
        service.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> get("/health/ready").json().at("/attention").size() == 1);
        JsonNode item = get("/health/ready").json().at("/attention/0");
        assertThat(item.at("/kind").asText()).isEqualTo("queue_blocked");
        assertThat(item.at("/integration").asText()).isEqualTo("orders");
        assertThat(item.at("/detail").asText()).contains("cdn.example:443", "integrations[orders].jakamo.trustedHosts");
        assertThat(item.at("/action").asText()).contains("add it to the key the detail names");
        assertThat(get("/metrics").text()).contains("jakamo_queue_blocked{integration=\"orders\"} 1.0");
        assertThat(f.trail.events()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(io.jakamoconnector.domain.model.audit.AuditAction.QUEUE_BLOCKED);
            assertThat(io.jakamoconnector.domain.model.attention.AttentionClassifier.classify(e)).isPresent();
        });
        assertThat(f.erpInbox.writes()).as("delivered once, however often the round is tried").isEqualTo(1);

        f.queue.refuseAcknowledgementsAsUntrusted(null);
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/health/ready").json().at("/attention").size() == 0);
        assertThat(get("/metrics").text()).contains("jakamo_queue_blocked{integration=\"orders\"} 0.0");
        assertThat(f.queue.size(ORDERS)).isZero();
    }
}
