package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What doctor's probes share: their own client (redirects never followed) and request timeout, the integration's
 * queue URI (the only one they ask), reading at most the first 16 KiB of a body in time, closing one unread, and
 * naming a failure.
 */
final class ProbeRequests {
    static final String USER_AGENT = "jakamo-connector";
    /** A proxy names its page near the top; the rest is not needed. */
    static final int PAGE_CAP = 16 * 1024;

    private final HttpClient http;
    private final Duration requestTimeout;

    ProbeRequests(HttpClient http, Duration requestTimeout) {
        this.http = http;
        this.requestTimeout = requestTimeout;
    }

    HttpClient http() {
        return http;
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    static URI queue(JakamoIntegration integration) {
        JakamoPaths paths = integration.options().paths();
        return JakamoUris.endpoint(integration,
                integration.kind() == IntegrationKind.CLAIMS ? paths.claimQueue() : paths.orderQueue());
    }

    String describe(Throwable e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within the connect timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + requestTimeout.toMillis() + " ms";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = e.getClass().getSimpleName() + message(e);
        return root == e ? top : top + " (" + root.getClass().getSimpleName() + message(root) + ")";
    }

    static String message(Throwable e) {
        return e.getMessage() == null ? "" : ": " + Text.clean(e.getMessage(), 200);
    }

    /**
     * The first 16 KiB of a body that cannot be a queue message (no credential was sent), within the request timeout;
     * null when it was cut off or did not arrive in time.
     */
    byte[] head(HttpResponse<InputStream> response) {
        InputStream in = response.body();
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> closeUnread(in),
                CompletableFuture.delayedExecutor(requestTimeout.toMillis(), TimeUnit.MILLISECONDS));
        try (in) {
            return in.readNBytes(PAGE_CAP);
        } catch (IOException e) {
            return null;
        } finally {
            watchdog.cancel(false);
        }
    }

    static void closeUnread(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing only releases the connection; nothing was read that could be lost
        }
    }

    static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
