package io.jakamoconnector.adapter.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.jakamoconnector.domain.port.out.NotificationPort;
import io.jakamoconnector.domain.testing.NotificationPortContract;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The notification port's contract over the generic webhook, against a JDK HttpServer. */
class HttpWebhookNotificationContractIT extends NotificationPortContract {
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/down", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Override
    protected NotificationPort working() {
        return new HttpWebhookNotificationAdapter(NAME, WebhookFormat.GENERIC, () -> uri("/ok"));
    }

    @Override
    protected NotificationPort unavailable() {
        return new HttpWebhookNotificationAdapter(NAME, WebhookFormat.GENERIC, () -> uri("/down"));
    }

    @Override
    protected List<String> receivedTitles() throws IOException {
        List<String> titles = new ArrayList<>();
        for (byte[] body : bodies) {
            titles.add(new ObjectMapper().readTree(body).get("title").asText());
        }
        return titles;
    }
}
