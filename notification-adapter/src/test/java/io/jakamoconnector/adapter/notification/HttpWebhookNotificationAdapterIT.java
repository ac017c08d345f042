package io.jakamoconnector.adapter.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.jakamoconnector.domain.model.attention.Attention;
import io.jakamoconnector.domain.model.attention.AttentionKind;
import io.jakamoconnector.domain.model.attention.ChannelName;
import io.jakamoconnector.domain.model.attention.Notification;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.NotificationFailedException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The three webhook bodies as a receiver gets them, and how its answers are read. */
class HttpWebhookNotificationAdapterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ChannelName HOOK = new ChannelName("hook");
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer server;
    private URI url;

    private final Notification notification = Notification.of("node-1", new Attention(AttentionKind.IN_DOUBT,
            new IntegrationName("orders"), "order 4500012345 \"Äänekoski\" <b>&", Instant.parse("2026-12-01T10:00:00Z"),
            "connection reset\nafter acceptance"));

    @BeforeEach
    void receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook/secret-part", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            if (status.get() == 429) {
                exchange.getResponseHeaders().add("Retry-After", "30");
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook/secret-part?sig=s3cr3t");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpWebhookNotificationAdapter adapter(WebhookFormat format) {
        return new HttpWebhookNotificationAdapter(HOOK, format, () -> url);
    }

    @Test
    void genericJsonCarriesEachAttentionWithWhatToDo() throws IOException {
        adapter(WebhookFormat.GENERIC).deliver(notification);
        JsonNode body = JSON.readTree(bodies.get(0));
        assertThat(contentTypes.get(0)).isEqualTo("application/json; charset=utf-8");
        assertThat(body.get("title").asText()).contains("order 4500012345 \"Äänekoski\" <b>&");
        assertThat(body.get("text").asText()).contains("messages resolve ID --sent");
        JsonNode item = body.get("attentions").get(0);
        assertThat(item.get("kind").asText()).isEqualTo("in_doubt");
        assertThat(item.get("integration").asText()).isEqualTo("orders");
        assertThat(item.get("detail").asText()).isEqualTo("connection reset after acceptance");
        assertThat(item.get("advice").asText()).contains("--not-sent");
    }

    @Test
    void teamsGetsAnAdaptiveCard() throws IOException {
        adapter(WebhookFormat.TEAMS).deliver(notification);
        JsonNode body = JSON.readTree(bodies.get(0));
        assertThat(body.get("type").asText()).isEqualTo("message");
        JsonNode attachment = body.get("attachments").get(0);
        assertThat(attachment.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.get("content");
        assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.get("body").get(0).get("text").asText()).isEqualTo(notification.title());
        assertThat(card.get("body").get(1).get("text").asText()).contains("order 4500012345", "messages resolve");
    }

    @Test
    void slackGetsTextWithItsCharactersEscaped() throws IOException {
        adapter(WebhookFormat.SLACK).deliver(notification);
        JsonNode body = JSON.readTree(bodies.get(0));
        assertThat(body.fieldNames()).toIterable().containsExactly("text");
        assertThat(body.get("text").asText()).startsWith("*[jakamo-connector] orders: order 4500012345")
                .contains("&lt;b&gt;&amp;").doesNotContain("<b>");
    }

    @Test
    void aServerErrorIsARetryableFailureThatDoesNotNameTheUrl() {
        status.set(500);
        assertThatThrownBy(() -> adapter(WebhookFormat.TEAMS).deliver(notification))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.reason()).isEqualTo(NotificationFailedException.Reason.RECEIVER_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("channel hook", "HTTP 500").doesNotContain("secret-part",
                            "s3cr3t");
                });
    }

    @Test
    void throttlingCarriesTheReceiversAdviceAndARefusalIsFinal() {
        status.set(429);
        assertThatThrownBy(() -> adapter(WebhookFormat.SLACK).deliver(notification))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
                });
        status.set(404);
        assertThatThrownBy(() -> adapter(WebhookFormat.SLACK).deliver(notification))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("HTTP 404").doesNotContain("secret-part");
                });
    }

    @Test
    void anUnreachableReceiverIsARetryableNetworkFailure() {
        server.stop(0);
        assertThatThrownBy(() -> adapter(WebhookFormat.GENERIC).deliver(notification))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(NotificationFailedException.Reason.NETWORK);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).doesNotContain("secret-part");
                });
    }
}
