package io.jakamoconnector.adapter.jakamo;

import io.github.resilience4j.retry.Retry;
import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.RetryAfter;
import io.jakamoconnector.domain.port.out.AccessTokenPort;
import io.jakamoconnector.domain.port.out.JakamoExchangeException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
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
import java.util.function.Function;
import javax.net.ssl.SSLContext;
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
 *
 * <p>This class decides what an answer means (401, {@code Retry-After}, "later", success or refusal); sending a
 * request is {@link JakamoTransport}'s, reading bodies {@link AnswerBodies}', the retry policy {@link JakamoRetries}',
 * the queue path's evidence {@link QueuePathWatch}'s.
 */
public final class JakamoApiClient {
    private static final Logger LOG = LoggerFactory.getLogger(JakamoApiClient.class);
    /** Error bodies are short; a proxy's page or an attack beyond this is not read at all. */
    static final int ERROR_BODY_CAP = 64 * 1024;
    private static final SecureRandom IDS = new SecureRandom();

    private final AccessTokenPort tokens;
    private final DocumentReader reader;
    private final Clock clock;
    private final Map<IntegrationName, Configured> integrations = new HashMap<>();
    private final DocumentReader errorCap = new DocumentReader(ERROR_BODY_CAP);
    private final AnswerBodies answers = new AnswerBodies(errorCap);
    private final ThrottleGate gate;
    private final QueuePathWatch queuePaths;

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
        this.queuePaths = new QueuePathWatch(clock);
        Check.notNull("jakamo.integrations", integrations);
        for (JakamoIntegration integration : integrations) {
            Check.that(!this.integrations.containsKey(integration.name()), "jakamo.integrations",
                    "lists " + integration.name() + " twice");
            HttpClient http = Check.notNull("jakamo.httpClient", clientFor.apply(integration));
            Check.that(http.followRedirects() == HttpClient.Redirect.NEVER, "jakamo.httpClient",
                    "must not follow redirects: the Authorization header would go along");
            this.integrations.put(integration.name(), new Configured(integration, http,
                    new DocumentReader(integration.options().maxAttachmentBytes()),
                    JakamoRetries.of(integration, true), JakamoRetries.of(integration, false)));
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
        return queuePaths.unconfirmed(configured(name).integration);
    }

    /** The queue path answered like a queue: its doubt, if any, is over for this process. */
    void queueAnswered(IntegrationName name) {
        queuePaths.answered(name);
    }

    /** The queue path answered a 404 without a body. */
    void queueBare404(IntegrationName name) {
        queuePaths.bare404(name);
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
            HttpResponse<InputStream> response = JakamoTransport.send(configured(integration.name()).http, state, body,
                    started);
            int status = response.statusCode();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (status == 401) {
                List<String> messages = answers.errorMessages(response);
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
                List<String> messages = answers.errorMessages(response);
                // INFO: a failed attempt that a later one heals needs nobody; the outcome says when it did not heal
                LOG.info("jakamo {} [{}] {} {} {}: {} after {} ms{} (attempt {})", integration.name(), state.id,
                        call.method(), JakamoUris.logPath(call.uri()), call.what(), status, took.toMillis(),
                        retryAfter.map(d -> ", Retry-After " + d.toSeconds() + " s").orElse(""), state.requests);
                state.mayHaveArrived |= status >= 500 && status != 503;
                throw new AttemptFailure(AttemptFailure.Kind.STATUS, status, call.what() + " answered " + status
                        + " " + StatusText.of(status) + suffix(messages), messages, retryAfter.orElse(null), true,
                        null);
            }
            JakamoResponse answer = status >= 200 && status < 300 ? answers.success(state, response, status)
                    : answers.refusal(state, response, status);
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

    // ---- helpers ----

    private Configured configured(IntegrationName name) {
        Configured configured = integrations.get(Check.notNull("integration", name));
        if (configured == null) {
            throw new IllegalStateException("no Jakamo integration named " + name + " is configured");
        }
        return configured;
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

    /** Gets the integration's token (cached, so cheap) or throws why it cannot be had. */
    void requireToken(IntegrationName integration) {
        tokens.token(integration);
    }
}
