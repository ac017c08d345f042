package io.jakamoconnector.app.daemon;

import io.jakamoconnector.app.wiring.Lifecycle;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.Waiting;
import io.jakamoconnector.domain.model.sync.WaitingState;
import io.jakamoconnector.domain.port.out.MessageQueriesPort;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What waits for a person, read from the database every {@code refresh} (one grouped query), so it survives a
 * restart and a correction made by another process shows at the next refresh. It feeds the gauges
 * {@code jakamo_documents_waiting} / {@code jakamo_messages_waiting} and
 * {@code jakamo_documents_waiting_oldest_age_seconds} / {@code jakamo_messages_waiting_oldest_age_seconds}, each by
 * {@code integration} and {@code state} (every pair registered at 0 from the start), and the readiness check's
 * attention list. A failed refresh keeps the last answer: the readiness check reports the database itself.
 */
public final class WaitingForPerson implements Lifecycle.Resource {
    private static final Logger LOG = LoggerFactory.getLogger(WaitingForPerson.class);
    /** The longest time between two refreshes; shorter when an integration polls more often. */
    public static final Duration LONGEST_REFRESH = Duration.ofSeconds(15);

    private final Supplier<MessageQueriesPort> queries;
    private final Duration refresh;
    private final Clock clock;
    private volatile List<Waiting> latest = List.of();
    private ScheduledExecutorService scheduler;

    /** @param queries read when refreshing, so the database may start after this is built */
    public WaitingForPerson(Supplier<MessageQueriesPort> queries, Duration refresh, Clock clock) {
        this.queries = queries;
        this.refresh = refresh;
        this.clock = clock;
    }

    /** Registers a count and an age gauge per integration and waiting state, at 0 until something waits. */
    public void register(MeterRegistry registry, Collection<IntegrationName> integrations) {
        for (IntegrationName integration : integrations) {
            for (WaitingState state : WaitingState.values()) {
                String what = state.outbound() ? "jakamo.documents.waiting" : "jakamo.messages.waiting";
                Gauge.builder(what, this, w -> w.count(integration, state)).strongReference(true)
                        .tag("integration", integration.value()).tag("state", state.code())
                        .description(state.outbound() ? "documents waiting for a person" : "messages waiting for a "
                                + "person").register(registry);
                Gauge.builder(what + ".oldest.age", this, w -> w.oldestAgeSeconds(integration, state))
                        .strongReference(true).baseUnit("seconds")
                        .tag("integration", integration.value()).tag("state", state.code())
                        .description("how long the oldest has waited; 0 when none").register(registry);
            }
        }
    }

    /** Reads the database now; on failure the last answer stays. */
    public void refresh() {
        try {
            latest = List.copyOf(queries.get().waitingForPerson());
        } catch (RuntimeException e) {
            LOG.info("counting what waits for a person failed ({}); the last count stays until the next try",
                    InboundLoop.describe(e));
        }
    }

    /** The last answer: groups of at least one. */
    public List<Waiting> current() {
        return latest;
    }

    double count(IntegrationName integration, WaitingState state) {
        return latest.stream().filter(w -> w.integration().equals(integration) && w.state() == state)
                .mapToLong(Waiting::count).sum();
    }

    double oldestAgeSeconds(IntegrationName integration, WaitingState state) {
        Instant now = clock.instant();
        return latest.stream().filter(w -> w.integration().equals(integration) && w.state() == state)
                .mapToDouble(w -> Math.max(0, Duration.between(w.oldestSince(), now).toMillis() / 1000.0))
                .max().orElse(0);
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                ConnectorService.threads("jakamo-waiting"));
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        executor.scheduleWithFixedDelay(this::refresh, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = executor;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
