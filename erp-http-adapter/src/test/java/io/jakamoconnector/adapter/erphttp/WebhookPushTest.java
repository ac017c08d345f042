package io.jakamoconnector.adapter.erphttp;

import static io.jakamoconnector.adapter.erphttp.ApiFixture.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.plugin.ErpSettings;
import io.jakamoconnector.domain.testing.Documents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookPushTest {
    private static final String SECRET = "webhook-hmac-key-0123456789";
    @TempDir
    Path state;
    private HttpServer receiver;
    private final ConcurrentLinkedQueue<Map<String, String>> received = new ConcurrentLinkedQueue<>();
    private final AtomicInteger answer = new AtomicInteger(204);

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/jakamo-inbox", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(Map.of("id", exchange.getRequestHeaders().getFirst("X-Jakamo-Message-Id"),
                    "timestamp", exchange.getRequestHeaders().getFirst("X-Jakamo-Timestamp"),
                    "signature", exchange.getRequestHeaders().getFirst("X-Jakamo-Signature"),
                    "body", new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/jakamo-inbox?token=t0");
    }

    private static Document response(String order) {
        return new Document(DocumentType.ORDER_RESPONSE, new BusinessKey(order),
                Documents.orderResponse(order, "S-1").getBytes(StandardCharsets.UTF_8));
    }

    private static String hmac(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_refused_push_is_retried_after_its_delay_and_a_2xx_acknowledges_the_message_signed() throws IOException {
        RecordingErpContext context = new RecordingErpContext(state);
        Spools spools = new Spools(state, List.of(ORDERS));
        spools.create();
        String name = new HttpErpInboxAdapter(spools, context.clock).deliver(ORDERS, response("PO-1"),
                new DedupKey("cd".repeat(32)));
        WebhookPusher pusher = new WebhookPusher(ORDERS, spools.inbox(ORDERS),
                new WebhookSettings(url(), new SecretReference(SecretReference.Kind.ENV, "S")),
                new WebhookSecret(SECRET), context, Duration.ofSeconds(10), Duration.ofSeconds(10));

        answer.set(500);
        assertThat(pusher.pushDue()).isZero();
        assertThat(spools.inbox(ORDERS).shown(name)).as("still offered to the pull API").isPresent();
        assertThat(pusher.pushDue()).as("not due yet").isZero();
        assertThat(received).hasSize(1);

        answer.set(204);
        context.clock.advance(Duration.ofSeconds(11));
        assertThat(pusher.pushDue()).isEqualTo(1);
        assertThat(spools.inbox(ORDERS).shown(name)).isEmpty();
        assertThat(received).hasSize(2);
        Map<String, String> push = received.stream().reduce((a, b) -> b).orElseThrow();
        assertThat(push.get("id")).isEqualTo(name);
        assertThat(push.get("timestamp")).isEqualTo(Long.toString(context.clock.instant().getEpochSecond()));
        assertThat(push.get("body")).isEqualTo(Documents.orderResponse("PO-1", "S-1"));
        assertThat(push.get("signature")).isEqualTo(hmac(push.get("timestamp"), push.get("body")));

        List<AuditEvent> events = context.audit.events();
        assertThat(events).extracting(AuditEvent::action)
                .containsExactly(AuditAction.MESSAGE_PUSH_FAILED, AuditAction.MESSAGE_PUSHED);
        assertThat(events.toString()).doesNotContain(SECRET).doesNotContain("token=t0");
        assertThat(pusher.pushDue()).as("nothing left").isZero();
    }

    @Test
    void the_side_pushes_a_published_message_at_once_when_a_webhook_is_configured() {
        RecordingErpContext context = new RecordingErpContext(state);
        Map<IntegrationName, ErpSettings> settings = new LinkedHashMap<>();
        settings.put(ORDERS, new HttpErpSettings(new ListenAddress("127.0.0.1", 0), Optional.empty(),
                List.of(ApiKey.of("k", ApiFixture.sha256Hex(ApiFixture.KEY_1))),
                Optional.of(new WebhookSettings(url(), new SecretReference(SecretReference.Kind.ENV, "HOOK")))));
        HttpErpSide side = HttpErpAdapterProvider.open(context, settings, Map.of("HOOK", SECRET),
                new ApiLimits(Duration.ofSeconds(30), 16, 8, 1 << 20, Duration.ofHours(1), Duration.ofSeconds(10),
                        Duration.ofSeconds(10)));
        side.start();
        try {
            String name = side.inbox().deliver(ORDERS, response("PO-2"), new DedupKey("ef".repeat(32)));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                try {
                    return context.audit.events().stream().anyMatch(e -> e.action() == AuditAction.MESSAGE_PUSHED);
                } catch (UncheckedIOException e) {
                    return false;
                }
            });
            assertThat(received).singleElement().satisfies(p -> assertThat(p.get("id")).isEqualTo(name));
            assertThat(side.check(ORDERS)).isNotEmpty();
        } finally {
            side.stop();
        }
    }
}
