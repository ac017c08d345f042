package io.jakamoconnector.sandbox;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline both fakes share: route, count queue readers, let a scripted fault strike before or after the
 * real handler, journal, and send. Logs method, path, status and timing only: never headers or bodies.
 *
 * <p>A request is journalled before the client can see the end of its answer (before the status line, the last byte or
 * the close), so a client that has its answer always finds the request in the journal. Journalling afterwards let
 * tests count a moment too early.
 */
final class Dispatcher implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int MAX_BODY = 32 * 1024 * 1024;

    /** Decides the endpoint for a call (and may authenticate it), before any fault strikes. */
    interface Router {
        Route route(Call call);
    }

    record Route(Endpoint endpoint, Function<Call, Reply> handler) {
    }

    /** The bodies a 429 or 5xx fault sends: Entra's JSON or Jakamo's XML. */
    interface FaultReplies {
        Reply tooManyRequests(Call call, int retryAfterSeconds);

        Reply serverError(Call call, int status, int retryAfterSeconds);
    }

    private final String server;
    private final Router router;
    private final Faults faults;
    private final Journal journal;
    private final Clock clock;
    private final FaultReplies faultReplies;
    private final CountDownLatch closing;
    private final Supplier<Duration> latency;

    /** {@code latency}: added to every call but the control API's, before any fault strikes (a WAN round trip). */
    Dispatcher(String server, Router router, Faults faults, Journal journal, Clock clock, FaultReplies faultReplies,
            CountDownLatch closing, Supplier<Duration> latency) {
        this.server = server;
        this.router = router;
        this.faults = faults;
        this.journal = journal;
        this.clock = clock;
        this.faultReplies = faultReplies;
        this.closing = closing;
        this.latency = latency;
    }

    @Override
    public void handle(HttpExchange exchange) {
        long startNanos = System.nanoTime();
        Call call = null;
        int status = 0;
        try {
            byte[] body = readBody(exchange);
            call = new Call(exchange, body == null ? new byte[0] : body, clock.instant());
            if (body == null) {
                call.detail = "body larger than " + MAX_BODY + " bytes";
                status = send(call, Reply.errors(413, "Request body too large"));
                return;
            }
            Route route = router.route(call);
            call.endpoint = route.endpoint();
            Journal.Gauge readers = route.endpoint().isQueueRead() && call.integration != null
                    ? journal.queueReaders(call.integration) : null;
            if (readers != null) {
                readers.enter();
            }
            try {
                Duration wan = latency.get();
                if (route.endpoint() != Endpoint.CONTROL && !wan.isZero()) {
                    awaitClosing(wan);
                }
                Optional<Fault> fault = route.endpoint() == Endpoint.CONTROL ? Optional.empty() : faults.draw(route.endpoint());
                status = serve(call, route, fault.orElse(null));
            } finally {
                if (readers != null) {
                    readers.exit();
                }
            }
        } catch (IOException e) {
            LOG.debug("{}: client went away: {}", server, e.toString());
        } catch (RuntimeException e) {
            LOG.warn("{}: handler failed on {} {}", server, call == null ? "?" : call.method, call == null ? "?" : call.path(), e);
            if (call != null) {
                call.detail = "sandbox error: " + e.getClass().getSimpleName();
            }
            try {
                Reply failed = Reply.errors(500, "Sandbox internal error");
                status = call == null ? sendRaw(exchange, failed) : send(call, failed);
            } catch (IOException | RuntimeException ignored) {
                exchange.close();
            }
        } finally {
            if (call != null) {
                record(call, status);
                LOG.debug("{} {} {} -> {} in {} ms{}", server, call.method, call.path(), status,
                        (System.nanoTime() - startNanos) / 1_000_000, call.fault == null ? "" : " fault " + call.fault);
            }
        }
    }

    /**
     * Journals the call once: the first status given wins (a later call, such as the one in {@code finally}, does
     * nothing).
     */
    private void record(Call call, int status) {
        if (call.journalled) {
            return;
        }
        call.journalled = true;
        journal.add(new RequestRecord(journal.nextSequence(), server, call.endpoint, call.method, call.path(), status,
                call.startedAt, clock.instant(), call.tokenFingerprint, call.clientId, call.integration,
                call.messageId, call.fault, call.detail));
    }

    private int serve(Call call, Route route, Fault fault) throws IOException {
        if (fault == null) {
            return send(call, route.handler().apply(call));
        }
        call.fault = fault.describe();
        if (fault.kind() == Fault.Kind.LATENCY) {
            awaitClosing(fault.duration());
            return send(call, route.handler().apply(call));
        }
        Reply processed = fault.processedFirst() ? route.handler().apply(call) : null;
        return strike(call, fault, processed);
    }

    private int strike(Call call, Fault fault, Reply processed) throws IOException {
        HttpExchange exchange = call.exchange;
        switch (fault.kind()) {
            case HANG -> {
                awaitClosing(fault.duration());
                record(call, 0);
                exchange.close();
                return 0;
            }
            case CONNECTION_RESET -> {
                // closing before any status line: the server drops the connection, the client reads EOF
                record(call, 0);
                exchange.close();
                return 0;
            }
            case EMPTY_RESPONSE -> {
                return send(call, Reply.empty(200));
            }
            case MALFORMED_BODY -> {
                byte[] body = nonEmpty(processed);
                byte[] half = Arrays.copyOf(body, Math.max(1, body.length / 2));
                return send(call, new Reply(processed.status(), processed.contentType(), half, processed.headers()));
            }
            case TRUNCATED_BODY -> {
                byte[] body = nonEmpty(processed);
                record(call, processed.status());
                setHeaders(exchange.getResponseHeaders(), processed);
                exchange.sendResponseHeaders(processed.status(), body.length);
                try {
                    OutputStream out = exchange.getResponseBody();
                    out.write(body, 0, body.length / 2);
                    out.flush();
                } finally {
                    closeQuietly(exchange);
                }
                return processed.status();
            }
            case TOO_MANY_REQUESTS -> {
                return send(call, faultReplies.tooManyRequests(call, fault.retryAfterSeconds()));
            }
            case SERVER_ERROR -> {
                return send(call, faultReplies.serverError(call, fault.status(), fault.retryAfterSeconds()));
            }
            case UNAUTHORIZED_WITHOUT_CHALLENGE -> {
                return send(call, Reply.errors(401, "Unauthorized"));
            }
            default -> throw new IllegalStateException("unhandled fault kind " + fault.kind());
        }
    }

    private static byte[] nonEmpty(Reply reply) {
        return reply.body().length > 0 ? reply.body() : "<status>No more messages".getBytes(StandardCharsets.UTF_8);
    }

    private void awaitClosing(Duration atMost) {
        try {
            if (atMost == null) {
                closing.await();
            } else {
                closing.await(atMost.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Journals the call with the reply's status, then sends the reply. */
    private int send(Call call, Reply reply) throws IOException {
        record(call, reply.status());
        return sendRaw(call.exchange, reply);
    }

    private static int sendRaw(HttpExchange exchange, Reply reply) throws IOException {
        try {
            setHeaders(exchange.getResponseHeaders(), reply);
            byte[] body = reply.body();
            if (reply.status() == 204 || reply.status() == 304 || body.length == 0) {
                exchange.sendResponseHeaders(reply.status(), -1);
            } else {
                exchange.sendResponseHeaders(reply.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            return reply.status();
        } finally {
            exchange.close();
        }
    }

    private static void setHeaders(Headers headers, Reply reply) {
        if (reply.contentType() != null) {
            headers.set("Content-Type", reply.contentType());
        }
        reply.headers().forEach(headers::set);
    }

    private static void closeQuietly(HttpExchange exchange) {
        try {
            exchange.close();
        } catch (RuntimeException ignored) {
            // the short body makes the server complain; the connection is closed either way, which is the point
        }
    }

    /** The whole request body, or null when it exceeds the limit. */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            return body.length > MAX_BODY ? null : body;
        }
    }
}
