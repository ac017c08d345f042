package io.jakamoconnector.app.daemon;

import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.config.IntegrationConfig;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.CorrelationId;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsUseCase;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesUseCase;
import io.jakamoconnector.domain.port.in.SendOutboundDocumentsUseCase;
import io.jakamoconnector.domain.port.out.QueueLeasePort;
import io.jakamoconnector.domain.service.AuditWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running connector: per integration a queue poller and an outbound round (pick-up, then sending), each on
 * its own interval, on threads of its own (a bounded scheduled pool, one thread per loop, plus a pool for the extra
 * senders). Rounds of one loop never overlap. {@link #stop()} lets running steps finish within the grace period,
 * releases the queue leases and audits the stop; closing the resources is the caller's (the lifecycle's) part.
 * <p>
 * Constructing it starts nothing; {@link #start()} does.
 */
public final class ConnectorService {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorService.class);

    private final ConnectorConfig config;
    private final AuditWriter audit;
    private final ServiceMetrics metrics;
    private final Clock clock;
    private final String holder;
    private final List<InboundLoop> inbound = new ArrayList<>();
    private final List<OutboundLoop> outbound = new ArrayList<>();
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService senderPool;
    private volatile boolean stopping;
    private Instant startedAt;
    private boolean started;
    private boolean stopped;

    public ConnectorService(ConnectorConfig config, ReceiveInboundMessagesUseCase receive,
                            PickUpErpDocumentsUseCase pickUp, SendOutboundDocumentsUseCase send,
                            QueueLeasePort leases, AuditWriter audit, ServiceMetrics metrics, Clock clock) {
        this.config = config;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
        this.holder = config.node() + "/" + ProcessHandle.current().pid();
        int extraSenders = 0;
        for (IntegrationConfig integration : config.integrations()) {
            extraSenders += integration.polling().senders() - 1;
        }
        this.scheduler = new ScheduledThreadPoolExecutor(Math.max(1, 2 * config.integrations().size()),
                threads("jakamo-loop"));
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        int poolSize = Math.max(1, extraSenders);
        this.senderPool = new ThreadPoolExecutor(poolSize, poolSize, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads("jakamo-send"));
        StorageOutage outage = new StorageOutage();
        for (IntegrationConfig integration : config.integrations()) {
            inbound.add(new InboundLoop(integration.name(), integration.polling().inbound(), receive, leases, holder,
                    audit, metrics, clock, () -> stopping, outage));
            outbound.add(new OutboundLoop(integration.name(), integration.kind(), integration.validation(),
                    integration.polling().outbound(),
                    integration.polling().senders(), pickUp, send, holder + "/" + integration.name(), senderPool,
                    metrics, clock, () -> stopping, outage));
        }
    }

    /** Registers the gauges, audits the start and schedules every loop, first rounds at once. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the service was started already");
        }
        started = true;
        startedAt = clock.instant();
        metrics.register(config.integrations().stream().map(IntegrationConfig::name).toList());
        for (InboundLoop loop : inbound) {
            metrics.gauge("jakamo.queue.lease.held", loop.state.snapshot().integration(), null, loop,
                    l -> l.holdsLease() ? 1 : 0);
            metrics.gauge("jakamo.round.last.success.timestamp", loop.state.snapshot().integration(), "inbound",
                    loop.state, LoopState::lastSuccessEpochSeconds);
            metrics.gauge("jakamo.queue.blocked", loop.state.snapshot().integration(), null, loop.state,
                    LoopState::blockedGauge);
        }
        for (OutboundLoop loop : outbound) {
            metrics.gauge("jakamo.round.last.success.timestamp", loop.state.snapshot().integration(), "outbound",
                    loop.state, LoopState::lastSuccessEpochSeconds);
        }
        String what = describeIntegrations();
        WorkContext work = WorkContext.open(null, "run");
        try {
            audit.write(AuditEvent.builder(AuditAction.SERVICE_STARTED, AuditOutcome.OK)
                    .correlationId(new CorrelationId(work.correlationId())).reason("holder " + holder + "; " + what));
            LOG.info("service started as {}: {}", holder, what);
        } finally {
            work.close();
        }
        for (int i = 0; i < inbound.size(); i++) {
            IntegrationConfig integration = config.integrations().get(i);
            scheduler.scheduleWithFixedDelay(inbound.get(i), 0, integration.polling().inbound().toMillis(),
                    TimeUnit.MILLISECONDS);
            scheduler.scheduleWithFixedDelay(outbound.get(i), 0, integration.polling().outbound().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Stops scheduling, waits up to the configured grace period for running steps (a delivery is an atomic file write
     * and a database transaction; an interrupted one leaves only a hidden temp file and no record, and is redone on
     * the next start), releases the queue leases and audits the stop. Idempotent; safe before {@link #start()}.
     */
    public void stop() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        stopping = true;
        Duration grace = config.service().shutdownGrace();
        long began = System.nanoTime();
        scheduler.shutdown();
        senderPool.shutdown();
        boolean finished = await(grace);
        if (!finished) {
            LOG.warn("steps still running after the grace period of {} s: interrupting them", grace.toSeconds());
            scheduler.shutdownNow();
            senderPool.shutdownNow();
            finished = await(Duration.ofSeconds(2));
        }
        for (InboundLoop loop : inbound) {
            loop.release();
        }
        long millis = (System.nanoTime() - began) / 1_000_000;
        boolean wasStarted;
        synchronized (this) {
            wasStarted = started;
        }
        if (wasStarted) {
            String how = (finished ? "graceful" : "steps abandoned after the grace period") + ", in " + millis + " ms";
            WorkContext work = WorkContext.open(null, "run");
            try {
                audit.write(AuditEvent.builder(AuditAction.SERVICE_STOPPED,
                        finished ? AuditOutcome.OK : AuditOutcome.FAIL)
                        .correlationId(new CorrelationId(work.correlationId())).reason("holder " + holder + "; " + how));
                LOG.info("service stopped ({})", how);
            } catch (RuntimeException e) {
                LOG.warn("the stop could not be audited: {}", InboundLoop.describe(e));
            } finally {
                work.close();
            }
        }
    }

    private boolean await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            boolean a = scheduler.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            boolean b = senderPool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return a && b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Each loop's recent history, inbound and outbound per integration in configuration order. */
    public List<LoopStatus> status() {
        List<LoopStatus> all = new ArrayList<>();
        for (int i = 0; i < inbound.size(); i++) {
            all.add(inbound.get(i).state.snapshot());
            all.add(outbound.get(i).state.snapshot());
        }
        return all;
    }

    public synchronized boolean isRunning() {
        return started && !stopped;
    }

    /** When {@link #start()} ran, or null before. */
    public synchronized Instant startedAt() {
        return startedAt;
    }

    /** This instance's name in leases and claims: {@code <node>/<pid>}. */
    public String holder() {
        return holder;
    }

    private String describeIntegrations() {
        List<String> parts = new ArrayList<>();
        for (IntegrationConfig i : config.integrations()) {
            parts.add(i.name() + " (" + i.kind().configName() + ", " + i.environment().name() + "; queue every "
                    + i.polling().inbound().toSeconds() + " s, to_jakamo every " + i.polling().outbound().toSeconds()
                    + " s, " + i.polling().senders() + " sender(s))");
        }
        return "integrations " + String.join(", ", parts);
    }

    static ThreadFactory threads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
