package io.jakamoconnector.app.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jakamoconnector.app.config.HealthConfig;
import io.jakamoconnector.app.daemon.BoundedHttpServer.Reply;
import io.jakamoconnector.app.wiring.Lifecycle;
import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.plugin.ErpCheck;
import io.jakamoconnector.domain.port.out.ErpAccessException;
import io.jakamoconnector.domain.model.sync.Waiting;
import io.jakamoconnector.domain.port.out.AccessTokenPort;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liveness, readiness and Prometheus metrics over HTTP ({@link BoundedHttpServer}: stalled clients are cut off after
 * {@code health.idleTimeoutSeconds} and hold no thread meanwhile), on a loopback port by default:
 * <ul>
 *   <li>{@code GET /health/live}: 200 while the service runs and no round has been stuck for longer than
 *       {@link #STUCK_AFTER}; else 503. Restart the process when it fails.</li>
 *   <li>{@code GET /health/ready}: 200 when the database answers, a token can be had for every integration (a cached
 *       one counts) and every loop had a successful round within {@code health.staleAfterPolls} of its intervals
 *       (a standby poller, whose queue another instance holds, counts as successful); else 503. JSON either way,
 *       saying which check failed and why; an integration Jakamo asked not to call yet ({@code Retry-After})
 *       shows {@code "hold": "held by Jakamo until T ..."}. When it would be 200 but something waits for a person (a
 *       document failed, dead or in doubt, a message quarantined, an integration held by Jakamo), the status is
 *       {@code "ATTENTION"} (still 200: the service works) and {@code "attention"} lists each with its integration,
 *       kind, count, {@code oldestSince} (or {@code until} for a hold) and the action to take.</li>
 *   <li>{@code GET /metrics}: the Prometheus text format.</li>
 * </ul>
 * Nothing here needs a secret or shows one: a token is named by its fingerprint. The constructor binds nothing;
 * {@link #start()} does.
 */
public final class HealthServer implements Lifecycle.Resource {
    private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);
    /** A round running longer than this is stuck: liveness fails, so a supervisor restarts the process. */
    static final Duration STUCK_AFTER = Duration.ofMinutes(15);
    private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration ERP_TIMEOUT = Duration.ofSeconds(3);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    private final HealthConfig config;
    private final ConnectorService service;
    private final Supplier<String> databaseCheck;
    private final AccessTokenPort tokens;
    private final Function<IntegrationName, Optional<Instant>> heldByJakamo;
    private final List<IntegrationName> integrations;
    private final PrometheusMeterRegistry registry;
    private final Supplier<List<Waiting>> waiting;
    private final Function<IntegrationName, Optional<String>> queuePathUnconfirmed;
    private final Function<IntegrationName, List<ErpCheck>> erpHealth;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, CompletableFuture<String>> inFlight = new LinkedHashMap<>();
    private BoundedHttpServer server;
    private ExecutorService checks;

    /**
     * @param databaseCheck reaches the database (a {@code SELECT 1}) and says which it is, or throws saying why not
     * @param tokens        the token adapter itself, so readiness checks are not counted as the service's requests
     * @param heldByJakamo  until when Jakamo asked not to be called for an integration ({@code Retry-After}), if so
     */
    public HealthServer(HealthConfig config, ConnectorService service, Supplier<String> databaseCheck,
                        AccessTokenPort tokens, Function<IntegrationName, Optional<Instant>> heldByJakamo,
                        List<IntegrationName> integrations, PrometheusMeterRegistry registry, Clock clock) {
        this(config, service, databaseCheck, tokens, heldByJakamo, integrations, registry, List::of, clock);
    }

    /** @param waiting what waits for a person, as last read ({@link WaitingForPerson#current()}) */
    public HealthServer(HealthConfig config, ConnectorService service, Supplier<String> databaseCheck,
                        AccessTokenPort tokens, Function<IntegrationName, Optional<Instant>> heldByJakamo,
                        List<IntegrationName> integrations, PrometheusMeterRegistry registry,
                        Supplier<List<Waiting>> waiting, Clock clock) {
        this(config, service, databaseCheck, tokens, heldByJakamo, integrations, registry, waiting, i -> Optional.empty(),
                clock);
    }

    /**
     * @param queuePathUnconfirmed why an integration's queue path is in doubt (only bare 404s for a day, never an
     *                             answer like a queue), if it is
     */
    public HealthServer(HealthConfig config, ConnectorService service, Supplier<String> databaseCheck,
                        AccessTokenPort tokens, Function<IntegrationName, Optional<Instant>> heldByJakamo,
                        List<IntegrationName> integrations, PrometheusMeterRegistry registry,
                        Supplier<List<Waiting>> waiting, Function<IntegrationName, Optional<String>> queuePathUnconfirmed,
                        Clock clock) {
        this(config, service, databaseCheck, tokens, heldByJakamo, integrations, registry, waiting,
                queuePathUnconfirmed, i -> List.of(), clock);
    }

    /**
     * @param erpHealth each integration's ERP side's cheap findings ({@code ErpSide.health}); a FAIL makes readiness
     *                  fail, a WARN shows in the detail
     */
    public HealthServer(HealthConfig config, ConnectorService service, Supplier<String> databaseCheck,
                        AccessTokenPort tokens, Function<IntegrationName, Optional<Instant>> heldByJakamo,
                        List<IntegrationName> integrations, PrometheusMeterRegistry registry,
                        Supplier<List<Waiting>> waiting, Function<IntegrationName, Optional<String>> queuePathUnconfirmed,
                        Function<IntegrationName, List<ErpCheck>> erpHealth, Clock clock) {
        this.erpHealth = erpHealth;
        this.queuePathUnconfirmed = queuePathUnconfirmed;
        this.waiting = waiting;
        this.config = config;
        this.service = service;
        this.databaseCheck = databaseCheck;
        this.tokens = tokens;
        this.heldByJakamo = heldByJakamo;
        this.integrations = List.copyOf(integrations);
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(config.bind()), config.port());
        } catch (IOException e) {
            throw new UncheckedIOException("health.bind: " + config.bind() + " is not an address of this host", e);
        }
        checks = Executors.newCachedThreadPool(ConnectorService.threads("jakamo-health-check"));
        try {
            server = BoundedHttpServer.start("jakamo-health", address, config.limits(), this::answer);
        } catch (UncheckedIOException e) {
            checks.shutdownNow();
            throw new UncheckedIOException("the health endpoint cannot listen on " + config.bind() + ":"
                    + config.port() + " (" + e.getCause().getMessage() + "): choose another health.port, or 0 for "
                    + "any free port", e.getCause());
        }
        LOG.info("health and metrics at {}", baseUri());
    }

    /** Where it listens, e.g. {@code http://127.0.0.1:9464}; the actual port when {@code health.port} is 0. */
    public synchronized URI baseUri() {
        if (server == null) {
            throw new IllegalStateException("the health endpoint is not started");
        }
        return server.baseUri();
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.close();
        checks.shutdownNow();
        server = null;
    }

    private Reply answer(String method, String path) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return new Reply(405, JSON, "{\"error\":\"method not allowed\"}", Map.of("Allow", "GET, HEAD"));
        }
        try {
            switch (path) {
                case "/health/live":
                    return live();
                case "/health/ready":
                    return ready();
                case "/metrics":
                    return new Reply(200, PROMETHEUS, registry.scrape());
                default:
                    return new Reply(404, JSON,
                            "{\"error\":\"not found: try /health/live, /health/ready or /metrics\"}");
            }
        } catch (RuntimeException e) {
            LOG.warn("health endpoint {} failed: {}", path, e.toString());
            return new Reply(500, JSON, "{\"error\":\"internal error\"}");
        }
    }

    Reply live() {
        ObjectNode root = json.createObjectNode();
        Instant now = clock.instant();
        boolean up = service.isRunning();
        ObjectNode loops = root.putObject("stuck");
        for (LoopStatus status : service.status()) {
            if (status.roundStartedAt().isPresent()
                    && Duration.between(status.roundStartedAt().get(), now).compareTo(STUCK_AFTER) > 0) {
                up = false;
                loops.put(status.integration() + "." + status.loop(), "round running since "
                        + status.roundStartedAt().get());
            }
        }
        root.put("status", up ? "UP" : "DOWN");
        if (!service.isRunning()) {
            root.put("detail", "the service is not running");
        }
        return new Reply(up ? 200 : 503, JSON, root.toString());
    }

    Reply ready() {
        Instant now = clock.instant();
        ObjectNode root = json.createObjectNode();
        root.put("status", "UP");
        ObjectNode checksNode = root.putObject("checks");
        boolean up = service.isRunning();
        if (!up) {
            root.put("detail", "the service is not running");
        }
        up &= check(checksNode.putObject("database"), "database", DATABASE_TIMEOUT, databaseCheck);
        ObjectNode byIntegration = checksNode.putObject("integrations");
        Map<IntegrationName, Instant> held = new LinkedHashMap<>();
        for (IntegrationName integration : integrations) {
            ObjectNode node = byIntegration.putObject(integration.value());
            heldByJakamo.apply(integration).ifPresent(until -> held.put(integration, until));
            heldByJakamo.apply(integration).ifPresent(until -> node.put("hold", "held by Jakamo until " + until
                    + " (Retry-After); nothing is sent to Jakamo for it before then"));
            up &= check(node.putObject("token"), "token:" + integration, TOKEN_TIMEOUT, () -> {
                AccessToken token = tokens.token(integration);
                return "token " + token.fingerprint().value() + ", expires " + token.expiresAt();
            });
            up &= check(node.putObject("erp"), "erp:" + integration, ERP_TIMEOUT, () -> erp(integration));
        }
        for (LoopStatus status : service.status()) {
            ObjectNode node = ((ObjectNode) byIntegration.get(status.integration().value())).putObject(status.loop());
            up &= loop(node, status, now);
        }
        Map<IntegrationName, String> blocked = new LinkedHashMap<>();
        for (LoopStatus status : service.status()) {
            status.blocked().ifPresent(why -> blocked.put(status.integration(), why));
        }
        Map<IntegrationName, String> pathsInDoubt = new LinkedHashMap<>();
        for (IntegrationName integration : integrations) {
            queuePathUnconfirmed.apply(integration).ifPresent(why -> pathsInDoubt.put(integration, why));
        }
        List<AttentionSummary.Item> attention = AttentionSummary.of(waiting.get(), held, blocked, pathsInDoubt);
        ArrayNode list = root.putArray("attention");
        for (AttentionSummary.Item item : attention) {
            ObjectNode node = list.addObject().put("integration", item.integration().value()).put("kind", item.kind())
                    .put("count", item.count());
            item.oldestSince().ifPresent(at -> node.put("oldestSince", at.toString()));
            item.until().ifPresent(at -> node.put("until", at.toString()));
            item.detail().ifPresent(detail -> node.put("detail", detail));
            node.put("action", item.action());
        }
        // ATTENTION: the service works (200) but something waits for a person; DOWN wins over it
        root.put("status", !up ? "DOWN" : attention.isEmpty() ? "UP" : "ATTENTION");
        return new Reply(up ? 200 : 503, JSON, root.toString());
    }

    /** The ERP side's findings in one line; a FAIL among them fails the check with that line. */
    private String erp(IntegrationName integration) {
        List<ErpCheck> found = erpHealth.apply(integration);
        String detail = String.join("; ", found.stream().map(c -> (c.status() == ErpCheck.Status.OK ? ""
                : c.status() + " ") + c.name() + ": " + c.detail()).toList());
        if (found.stream().anyMatch(c -> c.status() == ErpCheck.Status.FAIL)) {
            throw new ErpAccessException(detail, true, null);
        }
        return detail.isEmpty() ? "no findings" : detail;
    }

    private boolean loop(ObjectNode node, LoopStatus status, Instant now) {
        Duration window = status.interval().multipliedBy(config.staleAfterPolls());
        boolean fresh = status.lastSuccess().isPresent()
                && Duration.between(status.lastSuccess().get(), now).compareTo(window) <= 0;
        node.put("status", fresh ? "UP" : "DOWN");
        node.put("note", status.note());
        status.lastSuccess().ifPresent(at -> node.put("lastSuccess", at.toString())
                .put("secondsAgo", Duration.between(at, now).toSeconds()));
        if (!fresh) {
            node.put("detail", status.lastSuccess().isEmpty() ? "no successful round yet"
                    : "the last successful round is older than " + config.staleAfterPolls() + " intervals of "
                    + status.interval().toSeconds() + " s");
        }
        status.lastFailure().ifPresent(f -> node.put("lastFailure", f));
        status.lastFailureAt().ifPresent(at -> node.put("lastFailureAt", at.toString()));
        return fresh;
    }

    /**
     * Runs a check on its own thread with a timeout, so a database or token service that does not answer makes the
     * check fail instead of the endpoint hang; a check still running from an earlier request is waited for, not
     * started again.
     */
    private boolean check(ObjectNode node, String key, Duration timeout, Supplier<String> probe) {
        CompletableFuture<String> future;
        synchronized (inFlight) {
            future = inFlight.get(key);
            if (future == null || future.isDone()) {
                future = CompletableFuture.supplyAsync(probe, checks);
                inFlight.put(key, future);
            }
        }
        try {
            String detail = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            node.put("status", "UP").put("detail", detail);
            return true;
        } catch (TimeoutException e) {
            node.put("status", "DOWN").put("detail", "no answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            node.put("status", "DOWN").put("detail", cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            node.put("status", "DOWN").put("detail", "interrupted");
        }
        return false;
    }
}
