package io.jakamoconnector.adapter.jakamo;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.document.UnreadableDocumentException;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.RetryAfter;
import io.jakamoconnector.domain.port.out.AccessTokenPort;
import io.jakamoconnector.domain.port.out.JakamoExchangeException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the Jakamo adapters share: the process's one {@link HttpClient}, the token port, the hardened document
 * reader and the configured integrations. Build one per process and hand it to {@link HttpInboundQueueAdapter} and
 * {@link HttpOutboundExchangeAdapter}, so that a {@code Retry-After} Jakamo gives one of them holds back the other too.
 *
 * <p>Each call sends the bearer token, {@code Accept} and (with a body) {@code Content-Type}; on a 401 it asks the
 * token port once for a renewed token and tries once more. Failures that are safe to repeat are retried with
 * exponential backoff and jitter (resilience4j), never before a {@code Retry-After}; a request that may have reached
 * Jakamo is repeated only when the call is repeatable. Bodies are read within a size cap, checked against
 * {@code Content-Length} before reading and counted while reading, and within the request timeout.
 */
public final class JakamoApiClient {
    private static final Logger LOG = LoggerFactory.getLogger(JakamoApiClient.class);
    private static final String USER_AGENT = "jakamo-connector";
    /** Error bodies are short; a proxy's page or an attack beyond this is not read at all. */
    static final int ERROR_BODY_CAP = 64 * 1024;
    private static final Duration ERROR_BODY_TIMEOUT = Duration.ofSeconds(5);
    private static final SecureRandom IDS = new SecureRandom();

    private final AccessTokenPort tokens;
    private final DocumentReader reader;
    private final Clock clock;
    private final Map<IntegrationName, Configured> integrations = new HashMap<>();
    private final DocumentReader errorCap = new DocumentReader(ERROR_BODY_CAP);
    private final ErrorBodyMapper errors = new ErrorBodyMapper(errorCap);
    private final ThrottleGate gate;
    /** Per integration: whether its queue path ever answered like a queue, else since when only a bare 404. */
    private final Map<IntegrationName, QueuePathEvidence> queuePaths = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * How long a queue path may answer nothing but a bare 404 (no body) before it is reported: Jakamo documents no
     * such answer for an empty queue (API notes §2.1), and a wrong path behind a front end answers exactly so.
     */
    public static final Duration QUEUE_PATH_UNCONFIRMED_AFTER = Duration.ofHours(24);

    /**
     * @param http         the process's client, from {@link #newHttpClient(Duration, SSLContext)} or built alike; it
     *                     must not follow redirects (a redirect would carry the token elsewhere)
     * @param tokens       bearer tokens per integration
     * @param reader       the domain's reader: queue messages are capped at its {@link DocumentReader#maxBytes()}
     * @param integrations every integration this process talks to Jakamo for
     * @param clock        for {@code Retry-After} dates
     */
    public JakamoApiClient(HttpClient http, AccessTokenPort tokens, DocumentReader reader,
                           Collection<JakamoIntegration> integrations, Clock clock) {
        this(everyIntegration(http), tokens, reader, integrations, clock);
    }

    private static Function<JakamoIntegration, HttpClient> everyIntegration(HttpClient http) {
        Check.notNull("jakamo.httpClient", http);
        Check.that(http.followRedirects() == HttpClient.Redirect.NEVER, "jakamo.httpClient",
                "must not follow redirects: the Authorization header would go along");
        return integration -> http;
    }

    /**
     * With a client per integration, so each trusts only what its environment needs (a sandbox's CA for a sandbox
     * integration, never for production).
     *
     * @param clientFor the client of each integration; none may follow redirects
     */
    public JakamoApiClient(Function<JakamoIntegration, HttpClient> clientFor, AccessTokenPort tokens,
                           DocumentReader reader, Collection<JakamoIntegration> integrations, Clock clock) {
        Check.notNull("jakamo.httpClient", clientFor);
        this.tokens = Check.notNull("jakamo.tokens", tokens);
        this.reader = Check.notNull("jakamo.reader", reader);
        this.clock = Check.notNull("jakamo.clock", clock);
        this.gate = new ThrottleGate(clock);
        Check.notNull("jakamo.integrations", integrations);
        for (JakamoIntegration integration : integrations) {
            Check.that(!this.integrations.containsKey(integration.name()), "jakamo.integrations",
                    "lists " + integration.name() + " twice");
            HttpClient http = Check.notNull("jakamo.httpClient", clientFor.apply(integration));
            Check.that(http.followRedirects() == HttpClient.Redirect.NEVER, "jakamo.httpClient",
                    "must not follow redirects: the Authorization header would go along");
            this.integrations.put(integration.name(), new Configured(integration, http,
                    new DocumentReader(integration.options().maxAttachmentBytes()),
                    retry(integration, true), retry(integration, false)));
        }
    }

    /**
     * The one client a process needs: HTTP/2 where the server offers it, else HTTP/1.1; the given connect timeout;
     * redirects never followed; {@code ssl} for TLS (a sandbox's trust), or the JDK default when {@code null}.
     */
    public static HttpClient newHttpClient(Duration connectTimeout, SSLContext ssl) {
        Check.notNull("jakamo.connectTimeout", connectTimeout);
        Check.that(!connectTimeout.isNegative() && !connectTimeout.isZero(), "jakamo.connectTimeout",
                "must be positive");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        return builder.build();
    }

    /**
     * Until when Jakamo asked this process not to call for {@code integration} ({@code Retry-After}, cut to the
     * configured longest), while that instant is still ahead; empty otherwise.
     */
    public Optional<Instant> heldUntil(IntegrationName integration) {
        return gate.heldUntil(integration);
    }

    /**
     * Why this integration's queue path is in doubt: since {@link #QUEUE_PATH_UNCONFIRMED_AFTER} or longer, every
     * read of it in this process answered a bare 404, and none ever answered like a Jakamo queue (a message, 204, a
     * {@code <status>} body). Empty otherwise. A bare 404 is still taken for an empty queue, as a real Jakamo might
     * send it; this only asks a person to check the path.
     */
    public Optional<String> queuePathUnconfirmed(IntegrationName name) {
        QueuePathEvidence evidence = queuePaths.get(name);
        if (evidence == null || evidence.answered || evidence.firstBare404 == null
                || Duration.between(evidence.firstBare404, clock.instant()).compareTo(QUEUE_PATH_UNCONFIRMED_AFTER) < 0) {
            return Optional.empty();
        }
        JakamoIntegration integration = configured(name).integration;
        String key = integration.kind() == io.jakamoconnector.domain.model.exchange.IntegrationKind.CLAIMS
                ? "claimQueue" : "orderQueue";
        String path = key.equals("claimQueue") ? integration.options().paths().claimQueue()
                : integration.options().paths().orderQueue();
        return Optional.of("GET " + integration.basePath() + path + " has answered only a 404 without a body since "
                + evidence.firstBare404 + " and never like a Jakamo queue (a message, 204 or <status>): this path has "
                + "never answered like a Jakamo queue; check integrations[" + name + "].jakamo.paths." + key);
    }

    /** The queue path answered like a queue: its doubt, if any, is over for this process. */
    void queueAnswered(IntegrationName name) {
        queuePaths.computeIfAbsent(name, n -> new QueuePathEvidence()).answered = true;
    }

    /** The queue path answered a 404 without a body. */
    void queueBare404(IntegrationName name) {
        QueuePathEvidence evidence = queuePaths.computeIfAbsent(name, n -> new QueuePathEvidence());
        synchronized (evidence) {
            if (evidence.firstBare404 == null) {
                evidence.firstBare404 = clock.instant();
            }
        }
    }

    private static final class QueuePathEvidence {
        volatile boolean answered;
        volatile Instant firstBare404;
    }

    // ---- for the adapters ----

    JakamoIntegration integration(IntegrationName name) {
        return configured(name).integration;
    }

    DocumentReader reader() {
        return reader;
    }

    /** The cap for small answers (an acknowledgement's {@code <Info>}, a confirmation's reply). */
    DocumentReader smallCap() {
        return errorCap;
    }

    Instant now() {
        return clock.instant();
    }

    DocumentReader attachmentCap(IntegrationName name) {
        return configured(name).attachmentCap;
    }

    /**
     * Makes the call: the final answer, whatever its status (the caller decides what a 4xx means), except that a
     * second 401 throws {@code AUTHENTICATION} and a successful body over its cap throws {@code UNREADABLE_RESPONSE}.
     *
     * @throws AttemptFailure when no usable answer came after the attempts the call allows
     */
    JakamoResponse exchange(JakamoCall call) {
        Configured configured = configured(call.integration().name());
        CallState state = new CallState(call, requestId());
        Retry retry = call.repeatable() ? configured.repeatableRetry : configured.onceRetry;
        return retry.executeSupplier(() -> attempt(state));
    }

    // ---- one attempt ----

    private JakamoResponse attempt(CallState state) {
        // held until this attempt's answer has been seen: after a Retry-After, it may be the one that goes first
        try (ThrottleGate.Passage passage = enterGate(state.call)) {
            return attemptThroughGate(state);
        }
    }

    private JakamoResponse attemptThroughGate(CallState state) {
        JakamoCall call = state.call;
        JakamoIntegration integration = call.integration();
        while (true) {
            if (state.token == null) {
                state.token = tokens.token(integration.name());
            }
            state.requests++;
            long started = System.nanoTime();
            BodyTracker body = call.body() == null ? BodyTracker.empty() : BodyTracker.of(call.body());
            HttpResponse<InputStream> response = send(state, body, started);
            int status = response.statusCode();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (status == 401) {
                List<String> messages = errorMessages(response);
                if (!state.renewed) {
                    state.renewed = true;
                    LOG.info("jakamo {} [{}] {} {}: 401 with token {} ({}); renewing the token once",
                            integration.name(), state.id, call.method(), call.what(), state.token.fingerprint(),
                            response.headers().firstValue("WWW-Authenticate").map(v -> Text.clean(v, 200))
                                    .orElse("no WWW-Authenticate"));
                    state.token = tokens.renewedToken(integration.name(), state.token);
                    continue;
                }
                throw new JakamoExchangeException(JakamoExchangeException.Reason.AUTHENTICATION, 401,
                        integration.name() + ": Jakamo refused a freshly issued token for " + call.what()
                                + " (401): the OAuth2 application is not mapped to this integration in Jakamo, "
                                + "not approved yet, or for another environment" + suffix(messages),
                        messages, null, null);
            }
            Optional<Duration> retryAfter = response.headers().firstValue("Retry-After")
                    .flatMap(v -> RetryAfter.parse(v, clock.instant(),
                            integration.options().longestRetryAfter()));
            if (retryAfter.isPresent() && (status == 429 || status >= 500)) {
                Instant until = clock.instant().plus(retryAfter.get());
                if (gate.holdUntil(integration.name(), until)) {
                    LOG.warn("jakamo {}: held by Jakamo until {} (Retry-After {} on {} {}, honoured up to {} s): no "
                            + "request of this integration goes out before then", integration.name(), until,
                            response.headers().firstValue("Retry-After").map(v -> Text.clean(v, 40)).orElse(""),
                            call.what(), status, integration.options().longestRetryAfter().toSeconds());
                }
            }
            if (isLater(status, call.repeatable())) {
                List<String> messages = errorMessages(response);
                // INFO: a failed attempt that a later one heals needs nobody; the outcome says when it did not heal
                LOG.info("jakamo {} [{}] {} {} {}: {} after {} ms{} (attempt {})", integration.name(), state.id,
                        call.method(), JakamoUris.logPath(call.uri()), call.what(), status, took.toMillis(),
                        retryAfter.map(d -> ", Retry-After " + d.toSeconds() + " s").orElse(""), state.requests);
                state.mayHaveArrived |= status >= 500 && status != 503;
                throw new AttemptFailure(AttemptFailure.Kind.STATUS, status, call.what() + " answered " + status
                        + " " + StatusText.of(status) + suffix(messages), messages, retryAfter.orElse(null), true,
                        null);
            }
            JakamoResponse answer = status >= 200 && status < 300 ? success(state, response, status)
                    : refusal(state, response, status);
            LOG.debug("jakamo {} [{}] {} {} {}: {} in {} ms (token {}, attempt {})", integration.name(), state.id,
                    call.method(), JakamoUris.logPath(call.uri()), call.what(), status, took.toMillis(),
                    state.token.fingerprint(), state.requests);
            return answer;
        }
    }

    /** Statuses that say "not now" rather than "no": always for repeatable calls, and 408/429/503 for documents. */
    private static boolean isLater(int status, boolean repeatable) {
        if (status == 408 || status == 429 || status == 503) {
            return true;
        }
        return repeatable && status >= 500;
    }

    private HttpResponse<InputStream> send(CallState state, BodyTracker body, long started) {
        JakamoCall call = state.call;
        HttpRequest.Builder request = HttpRequest.newBuilder(call.uri())
                .timeout(call.integration().options().requestTimeout())
                .header("Authorization", "Bearer " + state.token.value())
                .header("Accept", call.accept())
                .header("User-Agent", USER_AGENT)
                .method(call.method(), body);
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        try {
            return configured(call.integration().name()).http.send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw transportFailure(state, body, e, started, false);
        } catch (IOException | RuntimeException e) {
            throw transportFailure(state, body, e, started, true);
        }
    }

    private AttemptFailure transportFailure(CallState state, BodyTracker body, Exception e, long started,
                                            boolean retryable) {
        JakamoCall call = state.call;
        boolean notSent = body.nothingWritten(isConnectPhase(e));
        state.mayHaveArrived |= !notSent;
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        String what = describe(e, call.integration().options().requestTimeout());
        LOG.info("jakamo {} [{}] {} {} {}: {} after {} ms ({}; attempt {})", call.integration().name(), state.id,
                call.method(), JakamoUris.logPath(call.uri()), call.what(), what, millis,
                notSent ? "nothing was sent" : "the request may have arrived", state.requests);
        return new AttemptFailure(notSent ? AttemptFailure.Kind.NOT_SENT : AttemptFailure.Kind.MAYBE_SENT, 0,
                call.what() + ": " + what + (notSent ? " before the request was sent"
                        : " after the request was sent; Jakamo may have received it"),
                List.of(), null, retryable, e);
    }

    private JakamoResponse success(CallState state, HttpResponse<InputStream> response, int status) {
        JakamoCall call = state.call;
        try {
            byte[] bytes = readBody(response, call.successCap(), call.integration().options().requestTimeout());
            return new JakamoResponse(status, response.headers(), bytes, null, List.of(), state.mayHaveArrived);
        } catch (UnreadableDocumentException e) {
            if (call.repeatable() && e.reason() != UnreadableDocumentException.Reason.TOO_LARGE) {
                throw new JakamoExchangeException(JakamoExchangeException.Reason.UNREADABLE_RESPONSE, status,
                        call.integration().name() + ": " + call.what() + " answered " + status
                                + " with a body that was not read: " + e.getMessage(), List.of(), null, e);
            }
            return new JakamoResponse(status, response.headers(), null, e.getMessage(), List.of(),
                    state.mayHaveArrived);
        } catch (IOException e) {
            String problem = describe(e, call.integration().options().requestTimeout());
            if (call.repeatable()) {
                LOG.info("jakamo {} [{}] {} {}: {} with a body cut off ({}; attempt {})", call.integration().name(),
                        state.id, call.method(), call.what(), status, problem, state.requests);
                throw new AttemptFailure(AttemptFailure.Kind.BODY, status,
                        call.what() + " answered " + status + " but its body was cut off: " + problem, List.of(),
                        null, true, e);
            }
            return new JakamoResponse(status, response.headers(), null, problem, List.of(), state.mayHaveArrived);
        }
    }

    /** A refusal keeps its (capped) body, so a caller can tell an empty-queue 404 from another. */
    private JakamoResponse refusal(CallState state, HttpResponse<InputStream> response, int status) {
        try {
            byte[] body = readBody(response, errorCap, ERROR_BODY_TIMEOUT);
            return new JakamoResponse(status, response.headers(), body, null,
                    errors.messages(body, response.headers().firstValue("Content-Type").orElse(null)),
                    state.mayHaveArrived);
        } catch (UnreadableDocumentException e) {
            String problem = "the error body was not read (" + e.reason() + "): " + Text.clean(e.getMessage(), 200);
            return new JakamoResponse(status, response.headers(), null, problem, List.of(problem),
                    state.mayHaveArrived);
        } catch (IOException e) {
            String problem = "the error body was cut off";
            return new JakamoResponse(status, response.headers(), null, problem, List.of(problem),
                    state.mayHaveArrived);
        }
    }

    private List<String> errorMessages(HttpResponse<InputStream> response) {
        try {
            byte[] body = readBody(response, errorCap, ERROR_BODY_TIMEOUT);
            return errors.messages(body, response.headers().firstValue("Content-Type").orElse(null));
        } catch (UnreadableDocumentException e) {
            return List.of("the error body was not read (" + e.reason() + "): " + Text.clean(e.getMessage(), 200));
        } catch (IOException e) {
            return List.of("the error body was cut off");
        }
    }

    /**
     * Reads the body within the cap and within {@code timeout}: the client's request timeout ends with the headers,
     * so a server that sends headers and then trickles or stalls would otherwise hold the thread forever.
     */
    private static byte[] readBody(HttpResponse<InputStream> response, DocumentReader cap, Duration timeout)
            throws IOException {
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
        AtomicBoolean expired = new AtomicBoolean();
        InputStream in = response.body();
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
            expired.set(true);
            closeQuietly(in);
        }, CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        try (in) {
            byte[] bytes = cap.readCapped(in, declared);
            if (expired.get()) {
                throw new HttpTimeoutException("the body did not arrive within " + timeout.toMillis() + " ms");
            }
            return bytes;
        } catch (IOException e) {
            if (expired.get()) {
                throw new HttpTimeoutException("the body did not arrive within " + timeout.toMillis() + " ms");
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is how the read is stopped; a failure to close changes nothing
        }
    }

    private ThrottleGate.Passage enterGate(JakamoCall call) {
        JakamoIntegration integration = call.integration();
        try {
            return gate.enter(integration.name(), call.throttleKind(), integration.options().maxRetryAfterWait());
        } catch (ThrottleGate.Refused e) {
            throw new AttemptFailure(AttemptFailure.Kind.NOT_SENT, 429, e.getMessage(), List.of(), e.remaining(),
                    true, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttemptFailure(AttemptFailure.Kind.NOT_SENT, 0, "interrupted while waiting for Retry-After",
                    List.of(), null, false, e);
        }
    }

    // ---- retries ----

    private Retry retry(JakamoIntegration integration, boolean repeatable) {
        JakamoOptions options = integration.options();
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(options.firstBackoff(), 2.0, 0.5,
                options.maxBackoff());
        RetryConfig config = RetryConfig.<JakamoResponse>custom()
                .maxAttempts(options.maxAttempts())
                .retryOnException(t -> t instanceof AttemptFailure f
                        && f.repeatNow(repeatable, options.maxRetryAfterWait()))
                .intervalBiFunction((attempt, outcome) -> {
                    long millis = backoff.apply(attempt);
                    if (outcome.isLeft() && outcome.getLeft() instanceof AttemptFailure f && f.retryAfter() != null) {
                        millis = Math.max(millis, f.retryAfter().toMillis() + 1);
                    }
                    return millis;
                })
                .failAfterMaxAttempts(false)
                .writableStackTraceEnabled(false)
                .build();
        return Retry.of("jakamo-" + integration.name() + (repeatable ? "-repeatable" : "-once"), config);
    }

    // ---- helpers ----

    private Configured configured(IntegrationName name) {
        Configured configured = integrations.get(Check.notNull("integration", name));
        if (configured == null) {
            throw new IllegalStateException("no Jakamo integration named " + name + " is configured");
        }
        return configured;
    }

    /** Failures before the connection carried any of the request: refused, unreachable, timed out, TLS refused. */
    private static boolean isConnectPhase(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException
                    || t instanceof UnknownHostException || t instanceof UnresolvedAddressException
                    || t instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable e, Duration timeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return "could not connect within the connect timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        if (e instanceof InterruptedException) {
            return "interrupted";
        }
        String message = e.getMessage() == null ? "" : ": " + Text.clean(e.getMessage(), 160);
        return e.getClass().getSimpleName() + message;
    }

    static String suffix(List<String> messages) {
        return messages.isEmpty() ? "" : ": " + String.join("; ", messages);
    }

    private static String requestId() {
        byte[] bytes = new byte[5];
        IDS.nextBytes(bytes);
        return "jk-" + HexFormat.of().formatHex(bytes);
    }

    private record Configured(JakamoIntegration integration, HttpClient http, DocumentReader attachmentCap,
                              Retry repeatableRetry, Retry onceRetry) {
    }

    /** What one call has learned across its requests. */
    private static final class CallState {
        final JakamoCall call;
        final String id;
        AccessToken token;
        boolean renewed;
        boolean mayHaveArrived;
        int requests;

        CallState(JakamoCall call, String id) {
            this.call = call;
            this.id = id;
        }
    }

    /**
     * Wraps a request body to learn whether any of it was handed to the connection: a request whose body was never
     * written cannot have been processed, whatever the failure says.
     */
    static final class BodyTracker implements HttpRequest.BodyPublisher {
        private final HttpRequest.BodyPublisher delegate;
        private final boolean hasBody;
        private final AtomicBoolean started = new AtomicBoolean();

        private BodyTracker(HttpRequest.BodyPublisher delegate, boolean hasBody) {
            this.delegate = delegate;
            this.hasBody = hasBody;
        }

        static BodyTracker of(byte[] bytes) {
            return new BodyTracker(HttpRequest.BodyPublishers.ofByteArray(bytes), bytes.length > 0);
        }

        static BodyTracker empty() {
            return new BodyTracker(HttpRequest.BodyPublishers.noBody(), false);
        }

        /**
         * Nothing can have been processed if a body was never started, or if there is no body and the failure came
         * while connecting.
         */
        boolean nothingWritten(boolean connectPhaseFailure) {
            return hasBody ? !started.get() : connectPhaseFailure;
        }

        @Override
        public long contentLength() {
            return delegate.contentLength();
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            delegate.subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscriber.onSubscribe(subscription);
                }

                @Override
                public void onNext(ByteBuffer item) {
                    started.set(true);
                    subscriber.onNext(item);
                }

                @Override
                public void onError(Throwable throwable) {
                    subscriber.onError(throwable);
                }

                @Override
                public void onComplete() {
                    subscriber.onComplete();
                }
            });
        }
    }

    /** Gets the integration's token (cached, so cheap) or throws why it cannot be had. */
    void requireToken(IntegrationName integration) {
        tokens.token(integration);
    }
}
