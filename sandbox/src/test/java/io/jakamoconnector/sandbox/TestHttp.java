package io.jakamoconnector.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A java.net.http client that trusts one sandbox, with terse helpers for the tests. */
final class TestHttp {
    private final Sandbox sandbox;
    private final HttpClient client;

    TestHttp(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.client = newClient(sandbox);
    }

    /** A fresh client has no pooled connection, so a dropped connection cannot be retried silently by the JDK. */
    static HttpClient newClient(Sandbox sandbox) {
        return HttpClient.newBuilder()
                .sslContext(sandbox.clientSslContext())
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    HttpClient client() {
        return client;
    }

    URI uri(String pathOrUrl) {
        return pathOrUrl.startsWith("https://") ? URI.create(pathOrUrl) : URI.create(sandbox.apiBaseUri() + pathOrUrl);
    }

    HttpRequest.Builder request(String pathOrUrl, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(pathOrUrl)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/xml");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String pathOrUrl, String authorization) throws IOException, InterruptedException {
        return send(request(pathOrUrl, authorization).GET().build());
    }

    HttpResponse<String> post(String pathOrUrl, String authorization, String xml) throws IOException, InterruptedException {
        return send(request(pathOrUrl, authorization).header("Content-Type", "application/xml")
                .POST(xml == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(xml)).build());
    }

    HttpResponse<String> put(String pathOrUrl, String authorization, String xml) throws IOException, InterruptedException {
        return send(request(pathOrUrl, authorization).header("Content-Type", "application/xml")
                .PUT(HttpRequest.BodyPublishers.ofString(xml)).build());
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
