package io.jakamoconnector.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated ERP against a scripted server (the JDK's own): it retries with the same key and the key in the header,
 * and it refuses answers that break the API's contract, so the end-to-end tests that use it fail on a wrong answer.
 */
class SimulatedErpTest {
    private static final String ROOT = "/erp/v1/integrations/orders-http";

    private record Scripted(int status, String contentType, String location, String body) {
    }

    private final Deque<Scripted> script = new ArrayDeque<>();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private SimulatedErp erp;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        erp = new SimulatedErp(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "orders-http",
                "the-key", Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private synchronized void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " key="
                + exchange.getRequestHeaders().getFirst("Idempotency-Key") + " auth="
                + exchange.getRequestHeaders().getFirst("Authorization"));
        Scripted next = script.poll();
        if (next == null) {
            next = new Scripted(500, "text/plain", null, "script ended");
        }
        if (next.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", next.contentType());
        }
        if (next.location() != null) {
            exchange.getResponseHeaders().set("Location", next.location());
        }
        byte[] body = next.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(next.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private static Scripted accepted(String id) {
        return new Scripted(202, "application/json", ROOT + "/documents/" + id,
                "{\"id\":\"" + id + "\",\"status\":\"" + ROOT + "/documents/" + id + "\"}");
    }

    @Test
    void a_5xx_is_sent_again_with_the_same_key_and_the_bearer_key() throws Exception {
        script.add(new Scripted(503, "application/problem+json", null, "{}"));
        script.add(new Scripted(502, "text/plain", null, "bad gateway"));
        script.add(accepted("d1"));

        SimulatedErp.Submission s = erp.submit("po-1", "<Order/>".getBytes(StandardCharsets.UTF_8));

        assertThat(s.accepted()).isTrue();
        assertThat(s.id()).isEqualTo("d1");
        assertThat(seen).hasSize(3).allSatisfy(line -> assertThat(line)
                .isEqualTo("POST " + ROOT + "/documents key=po-1 auth=Bearer the-key"));
        assertThat(erp.serverErrors()).isEqualTo(2);
    }

    @Test
    void a_connection_refused_is_tried_again_until_the_patience_ends() {
        server.stop(0);
        SimulatedErp impatient = new SimulatedErp(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "orders-http", "k", Duration.ofMillis(300));
        assertThatThrownBy(() -> impatient.submit("po-1", new byte[] {'x'})).isInstanceOf(AssertionError.class)
                .hasMessageContaining("still failing after");
        assertThat(impatient.connectionFailures()).isGreaterThan(1);
    }

    @Test
    void a_202_without_the_location_of_its_document_is_refused() {
        script.add(new Scripted(202, "application/json", null,
                "{\"id\":\"d1\",\"status\":\"" + ROOT + "/documents/d1\"}"));
        assertThatThrownBy(() -> erp.submit("po-1", new byte[] {'x'})).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Location must name");
    }

    @Test
    void the_same_key_answered_with_another_id_is_refused() throws Exception {
        script.add(accepted("d1"));
        script.add(accepted("d2"));
        erp.submit("po-1", new byte[] {'x'});
        assertThatThrownBy(() -> erp.submit("po-1", new byte[] {'x'})).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the same Idempotency-Key must keep its id");
    }

    @Test
    void a_4xx_must_be_a_problem_document() throws Exception {
        script.add(new Scripted(409, "application/problem+json", null,
                "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"another body\"}"));
        assertThat(erp.submit("po-1", new byte[] {'x'}).status()).isEqualTo(409);

        script.add(new Scripted(409, "text/plain", null, "conflict"));
        assertThatThrownBy(() -> erp.submit("po-2", new byte[] {'x'})).isInstanceOf(AssertionError.class)
                .hasMessageContaining("application/problem+json");
    }

    @Test
    void an_inbox_page_is_decoded_and_a_state_outside_the_list_is_refused() throws Exception {
        script.add(new Scripted(200, "application/json; charset=utf-8", null, """
                {"messages":[
                  {"id":"m1","cursor":"1","type":"OrderResponse","businessKey":"PO-1",
                   "receivedAt":"2026-12-07T09:00:00Z","contentType":"application/xml","encoding":"utf-8",
                   "body":"<OrderResponse/>"},
                  {"id":"m2","cursor":"2","type":"attachment","businessKey":null,
                   "receivedAt":"2026-12-07T09:00:01Z","contentType":"application/pdf","encoding":"base64",
                   "body":"JVBERg=="}],
                 "next":"2"}"""));
        SimulatedErp.InboxPage page = erp.inbox(null, 10);
        assertThat(page.next()).isEqualTo("2");
        assertThat(page.messages()).extracting(SimulatedErp.InboxMessage::text)
                .containsExactly("<OrderResponse/>", "%PDF");

        script.add(new Scripted(200, "application/json", null, """
                {"id":"d1","state":"almost-sent","attempts":1,"answer":null,"documentType":"Order",
                 "businessKey":"PO-1","receivedAt":"2026-12-07T09:00:00Z"}"""));
        assertThatThrownBy(() -> erp.status("d1")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("\"state\" must be one of");
    }

    @Test
    void an_ack_is_204_without_a_body_or_a_404_problem() throws Exception {
        script.add(new Scripted(204, null, null, ""));
        assertThat(erp.ack("m1")).isTrue();
        script.add(new Scripted(404, "application/problem+json", null,
                "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"no message m9\"}"));
        assertThat(erp.ack("m9")).isFalse();
        script.add(new Scripted(200, "application/json", null, "{}"));
        assertThatThrownBy(() -> erp.ack("m1")).isInstanceOf(AssertionError.class).hasMessageContaining("204");
    }
}
