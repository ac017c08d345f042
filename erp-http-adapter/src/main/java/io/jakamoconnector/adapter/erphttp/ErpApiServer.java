package io.jakamoconnector.adapter.erphttp;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ErpAccessException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener of the API, shared by the integrations configured on the same address. Plain Jetty, as the app's
 * bounded listener: its connector reads without blocking, so a client that sends half a request line, half the
 * headers or half a body holds a connection (bounded by {@link ApiLimits#maxConnections()}, closed after
 * {@link ApiLimits#idleTimeout()}), never a worker thread; bodies are gathered asynchronously up to the size limit and
 * only a complete request takes a worker.
 */
final class ErpApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ErpApiServer.class);
    static final String OPENAPI_PATH = "/erp/v1/openapi.json";
    static final java.time.Duration STOP_TIMEOUT = java.time.Duration.ofSeconds(10);
    static final String DOCUMENTS = "/erp/v1/integrations/{integration}/documents";
    static final String DOCUMENT = "/erp/v1/integrations/{integration}/documents/{id}";
    static final String INBOX = "/erp/v1/integrations/{integration}/inbox";
    static final String ACK = "/erp/v1/integrations/{integration}/inbox/{id}/ack";

    /** Every call the API answers; the OpenAPI document lists exactly these (a test holds them to it). */
    static final List<Route> ROUTES = List.of(new Route("GET", OPENAPI_PATH), new Route("POST", DOCUMENTS),
            new Route("GET", DOCUMENT), new Route("GET", INBOX), new Route("POST", ACK));

    /** One call: its method and path template; a {@code {name}} segment matches any non-empty segment. */
    record Route(String method, String template) {
        boolean open() {
            return template.equals(OPENAPI_PATH);
        }

        boolean matches(List<String> segments) {
            String[] parts = template.split("/", -1);
            if (parts.length != segments.size()) {
                return false;
            }
            for (int i = 0; i < parts.length; i++) {
                boolean variable = parts[i].startsWith("{");
                if (variable ? segments.get(i).isEmpty() : !parts[i].equals(segments.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Server server;
    private final ServerConnector connector;
    private final boolean tls;

    private ErpApiServer(Server server, ServerConnector connector, boolean tls) {
        this.server = server;
        this.connector = connector;
        this.tls = tls;
    }

    /** Listens on {@code address} for the {@code integrations} given, until {@link #close()}. */
    static ErpApiServer start(ListenAddress address, Optional<TlsKeyStore> tlsKeyStore, ApiLimits limits,
                              Set<IntegrationName> integrations, ErpApi api) {
        QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), 2, 60_000);
        threads.setName("erp-api-" + address.port());
        threads.setReservedThreads(0);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        http.setRequestHeaderSize(8 * 1024);
        http.setIdleTimeout(limits.idleTimeout().toMillis());
        ServerConnector connector;
        if (tlsKeyStore.isPresent()) {
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(tlsKeyStore.get().path().toString());
            ssl.setKeyStoreType("PKCS12");
            ssl.setKeyStorePassword(tlsKeyStore.get().password());
            ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
            connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                    new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        }
        connector.setHost(address.host());
        connector.setPort(address.port());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        Routes routes = new Routes(api, integrations, limits.maxBodyBytes(), openApi());
        // stop() lets calls in flight finish (a POST being fsynced gets its 202) before the connections close
        GracefulHandler graceful = new GracefulHandler();
        graceful.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                routes.handle(request, response, callback);
                return true;
            }
        });
        server.setHandler(graceful);
        server.setStopTimeout(STOP_TIMEOUT.toMillis());
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new ErpAccessException("the ERP API cannot listen on " + address + " (" + e.getMessage()
                    + "); free the address or change erp.listen of " + integrations, e instanceof IOException, e);
        }
        ErpApiServer started = new ErpApiServer(server, connector, tlsKeyStore.isPresent());
        LOG.info("ERP API listening on {} for {}", started.baseUri(), integrations);
        return started;
    }

    private static byte[] openApi() {
        try (InputStream in = ErpApiServer.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the adapter's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("openapi.json cannot be read from the adapter's jar", e);
        }
    }

    URI baseUri() {
        String host = connector.getHost();
        return URI.create((tls ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + connector.getLocalPort());
    }

    boolean running() {
        return server.isRunning();
    }

    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping a server that failed to start or already stopped: nothing left to release
            server.destroy();
        }
    }

    /** The routes: which call a request is, who makes it, and its answer. */
    private static final class Routes {
        private final ErpApi api;
        private final Set<IntegrationName> integrations;
        private final int maxBody;
        private final byte[] openApi;

        Routes(ErpApi api, Set<IntegrationName> integrations, int maxBody, byte[] openApi) {
            this.api = api;
            this.integrations = Set.copyOf(integrations);
            this.maxBody = maxBody;
            this.openApi = openApi;
        }

        void handle(Request request, Response response, Callback callback) {
            try {
                route(request, response, callback);
            } catch (RuntimeException e) {
                LOG.error("ERP API: {} {} failed", request.getMethod(), Request.getPathInContext(request), e);
                send(response, callback, Problems.of(500, "internal", "Internal error",
                        "the connector failed to answer; its log says why"));
            }
        }

        private void route(Request request, Response response, Callback callback) {
            String method = request.getMethod();
            String path = Request.getPathInContext(request);
            List<String> segments = List.of(path.split("/", -1));
            Optional<Route> matched = ROUTES.stream().filter(r -> r.matches(segments)).findFirst();
            if (matched.isEmpty() || !matched.get().open() && !path.startsWith(ErpApi.BASE)) {
                send(response, callback, Problems.notFound("no such call; GET " + OPENAPI_PATH + " lists them"));
                return;
            }
            Route route = matched.get();
            if (route.open()) {
                send(response, callback, method.equals(route.method())
                        ? new Reply(200, Reply.JSON, openApi, java.util.Map.of()) : methodNotAllowed(route.method()));
                return;
            }
            Optional<IntegrationName> integration = integration(segments.get(4));
            Optional<String> keyId = api.authenticate(integration, request.getHeaders().get(HttpHeader.AUTHORIZATION));
            if (keyId.isEmpty()) {
                api.refused(integration, method, path, Request.getRemoteAddr(request));
                send(response, callback, Problems.unauthorized());
                return;
            }
            if (!method.equals(route.method())) {
                send(response, callback, methodNotAllowed(route.method()));
                return;
            }
            IntegrationName name = integration.orElseThrow();
            String key = keyId.get();
            switch (route.template()) {
                case DOCUMENTS -> postDocument(request, response, callback, name, key);
                case DOCUMENT -> send(response, callback, api.status(name, key, segments.get(6)));
                case INBOX -> {
                    Fields query = Request.extractQueryParameters(request);
                    send(response, callback, api.inbox(name, key, query.getValue("after"), query.getValue("limit")));
                }
                case ACK -> send(response, callback, api.ack(name, key, segments.get(6)));
                default -> throw new IllegalStateException("a route without a handler: " + route);
            }
        }

        private void postDocument(Request request, Response response, Callback callback, IntegrationName name,
                                  String key) {
            HttpFields headers = request.getHeaders();
            Optional<Reply> early = api.beforeBody(headers.get(HttpHeader.CONTENT_TYPE), headers.get("Idempotency-Key"),
                    request.getLength(), maxBody);
            if (early.isPresent()) {
                send(response, callback, early.get());
                return;
            }
            String idempotencyKey = headers.get("Idempotency-Key");
            // gathered without a thread; the work (judging, fsync) runs on a worker once the body is complete
            BoundedBody.read(request, maxBody, new BoundedBody.Outcome() {
                @Override
                public void complete(byte[] body) {
                    try {
                        send(response, callback, api.postDocument(name, key, idempotencyKey, body));
                    } catch (RuntimeException e) {
                        LOG.error("ERP API: POST documents of {} failed", name, e);
                        send(response, callback, Problems.of(500, "internal", "Internal error",
                                "the connector failed to answer; its log says why"));
                    }
                }

                @Override
                public void tooLarge() {
                    send(response, callback, ErpApi.tooLarge(maxBody));
                }

                @Override
                public void failed(Throwable failure) {
                    LOG.debug("ERP API: body of a POST not read: {}", failure.toString());
                    callback.failed(failure);
                }
            });
        }

        private Optional<IntegrationName> integration(String text) {
            try {
                IntegrationName name = new IntegrationName(text);
                return integrations.contains(name) ? Optional.of(name) : Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        private static Reply methodNotAllowed(String allowed) {
            return Problems.of(405, "method-not-allowed", "Method not allowed", "this path answers " + allowed)
                    .with("Allow", allowed);
        }

        private static void send(Response response, Callback callback, Reply reply) {
            response.setStatus(reply.status());
            HttpFields.Mutable headers = response.getHeaders();
            if (reply.contentType() != null) {
                headers.put(HttpHeader.CONTENT_TYPE, reply.contentType());
            }
            headers.put(HttpHeader.CACHE_CONTROL, "no-store");
            headers.put("X-Content-Type-Options", "nosniff");
            reply.headers().forEach(headers::put);
            headers.put(HttpHeader.CONTENT_LENGTH, reply.body().length);
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
        }
    }
}
