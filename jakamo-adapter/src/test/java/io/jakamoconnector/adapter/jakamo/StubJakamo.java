package io.jakamoconnector.adapter.jakamo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal Jakamo over HTTPS for what the sandbox cannot be made to send: arbitrary bytes as a queue message (the XML
 * attack corpus), a message without or with a foreign acknowledgement URI, hostile error bodies, an oversize body.
 * The queue behaves like Jakamo's: the same head until it is acknowledged.
 */
final class StubJakamo implements AutoCloseable {
    static final String EMPTY = "<status>No more messages available.</status>";

    /** How a reply's body is sent. */
    enum Mode {
        /** With its exact Content-Length. */
        FIXED,
        /** Declares {@link Reply#declaredLength()} and streams filler until the client goes away. */
        DECLARED_HUGE,
        /** Chunked, streaming filler up to {@link Reply#declaredLength()} bytes or until the client goes away. */
        CHUNKED_HUGE
    }

    record Reply(int status, Map<String, String> headers, byte[] body, Mode mode, long declaredLength) {
        static Reply of(int status, String contentType, byte[] body) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
            return new Reply(status, headers, body, Mode.FIXED, body.length);
        }

        static Reply xml(int status, String xml) {
            return of(status, "application/xml; charset=utf-8", xml.getBytes(StandardCharsets.UTF_8));
        }

        Reply header(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Reply(status, copy, body, mode, declaredLength);
        }

        Reply huge(Mode hugeMode, long length) {
            return new Reply(status, headers, body, hugeMode, length);
        }
    }

    record Request(String method, String path, Instant at, boolean authorized) {
    }

    private record Queued(int id, Reply reply) {
    }

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "stub-jakamo");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<Queued> queue = new ArrayDeque<>();
    private final Map<String, Reply> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicLong lastStreamed = new AtomicLong();
    private volatile boolean ackHeaderOmitted;
    private volatile String ackOverride;

    StubJakamo() {
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(StubTls.get().serverContext()));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUri() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Queues a message (its X-Acknowledge-Uri is added when served). */
    synchronized int enqueue(byte[] body) {
        return enqueue(Reply.of(200, "application/xml", body));
    }

    synchronized int enqueue(Reply reply) {
        int id = ids.incrementAndGet();
        queue.addLast(new Queued(id, reply));
        return id;
    }

    synchronized void clearRequests() {
        requests.clear();
    }

    synchronized void clearQueue() {
        queue.clear();
    }

    synchronized int queued() {
        return queue.size();
    }

    /** Serves messages without an X-Acknowledge-Uri header. */
    void omitAckHeader(boolean omit) {
        this.ackHeaderOmitted = omit;
    }

    /** Serves messages with this X-Acknowledge-Uri instead of the stub's own. */
    void ackUri(String uri) {
        this.ackOverride = uri;
    }

    void on(String method, String path, Reply reply) {
        routes.put(method + " " + path, reply);
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Bytes of filler the last huge reply managed to write before the client went away. */
    long lastStreamedBytes() {
        return lastStreamed.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            synchronized (this) {
                requests.add(new Request(method, path, Instant.now(),
                        exchange.getRequestHeaders().getFirst("Authorization") != null));
            }
            Reply route = routes.get(method + " " + path);
            if (route != null) {
                send(exchange, route);
            } else if (method.equals("GET") && path.equals("/api/order/response")) {
                Queued head;
                synchronized (this) {
                    head = queue.peekFirst();
                }
                if (head == null) {
                    send(exchange, Reply.xml(200, EMPTY));
                } else {
                    Reply reply = head.reply();
                    if (!ackHeaderOmitted) {
                        reply = reply.header("X-Acknowledge-Uri", ackOverride != null ? ackOverride
                                : baseUri() + "/api/order/response/" + head.id());
                    }
                    send(exchange, reply);
                }
            } else if (method.equals("POST") && path.startsWith("/api/order/response/")) {
                int id = Integer.parseInt(path.substring("/api/order/response/".length()));
                synchronized (this) {
                    if (!queue.isEmpty() && queue.peekFirst().id() == id) {
                        queue.removeFirst();
                    }
                }
                send(exchange, Reply.xml(200, "<Info>Message cleared from the queue</Info>"));
            } else {
                send(exchange, Reply.xml(404, "<errors><error>No such endpoint</error></errors>"));
            }
        }
    }

    private void send(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        switch (reply.mode()) {
            case FIXED -> {
                if (reply.body().length == 0) {
                    exchange.sendResponseHeaders(reply.status(), -1);
                } else {
                    exchange.sendResponseHeaders(reply.status(), reply.body().length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(reply.body());
                    }
                }
            }
            case DECLARED_HUGE, CHUNKED_HUGE -> {
                exchange.sendResponseHeaders(reply.status(), reply.mode() == Mode.DECLARED_HUGE ? reply.declaredLength() : 0);
                lastStreamed.set(0);
                byte[] filler = new byte[64 * 1024];
                java.util.Arrays.fill(filler, (byte) ' ');
                OutputStream out = exchange.getResponseBody();
                out.write(reply.body());
                long written = 0;
                try {
                    while (written < reply.declaredLength()) {
                        out.write(filler);
                        written += filler.length;
                        lastStreamed.set(written);
                    }
                    out.close();
                } catch (IOException e) {
                    // the client refused the rest: what was written by now is the figure
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
