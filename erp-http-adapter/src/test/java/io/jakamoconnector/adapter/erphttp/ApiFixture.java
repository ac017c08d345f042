package io.jakamoconnector.adapter.erphttp;

import com.fasterxml.jackson.databind.JsonNode;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.plugin.ErpSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A started side with two integrations on one loopback listener, and a client for its API. */
final class ApiFixture implements AutoCloseable {
    static final IntegrationName ORDERS = new IntegrationName("orders");
    static final IntegrationName CLAIMS = new IntegrationName("claims");
    static final String KEY_1 = "k1-3f9a0c1e5b7d2468ace013579bdf2468ace013579bdf";
    static final String KEY_2 = "k2-88aa77bb66cc55dd44ee33ff2211009988776655";
    static final String CLAIMS_KEY = "k3-claims-0123456789abcdef0123456789abcdef";

    final RecordingErpContext context;
    final HttpErpSide side;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiFixture(Path state, ApiLimits limits) {
        context = new RecordingErpContext(state);
        side = open(context, limits);
        side.start();
    }

    static HttpErpSide open(RecordingErpContext context, ApiLimits limits) {
        ListenAddress listen = new ListenAddress("127.0.0.1", 0);
        Map<IntegrationName, ErpSettings> settings = new LinkedHashMap<>();
        settings.put(ORDERS, new HttpErpSettings(listen, Optional.empty(),
                List.of(ApiKey.of("erp-prod-1", sha256Hex(KEY_1)), ApiKey.of("erp-prod-2", sha256Hex(KEY_2)))));
        settings.put(CLAIMS, new HttpErpSettings(listen, Optional.empty(),
                List.of(ApiKey.of("claims-1", sha256Hex(CLAIMS_KEY)))));
        return HttpErpAdapterProvider.open(context, settings, Map.of(), limits);
    }

    static String sha256Hex(String key) {
        return HexFormat.of().formatHex(ApiKeyCheck.sha256(key.getBytes(StandardCharsets.UTF_8)));
    }

    URI base() {
        return side.baseUri(ORDERS).orElseThrow();
    }

    URI uri(String path) {
        return base().resolve(path);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(String integration, String key, String idempotencyKey, String xml) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/erp/v1/integrations/" + integration + "/documents"))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return send(b);
    }

    HttpResponse<String> get(String path, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return send(b);
    }

    HttpResponse<String> postEmpty(String path, String key) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return EntryFiles.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        side.stop();
    }
}
