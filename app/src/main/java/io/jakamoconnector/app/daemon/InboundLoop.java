package io.jakamoconnector.app.daemon;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.CorrelationId;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesCommand;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesResult;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesUseCase;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.port.out.QueueLeasePort;
import io.jakamoconnector.domain.service.AuditWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One integration's queue poller. Only the holder of the integration's queue lease polls (Jakamo's queue hands the
 * same head to every reader); an instance without it stands by and tries again each interval, so another instance
 * takes over within one interval of the holder stopping. The lease is kept across rounds while the service runs.
 */
final class InboundLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(InboundLoop.class);
    /** Messages per call of the use case: the service checks for a stop between two batches. */
    static final int BATCH = 20;

    private final IntegrationName integration;
    private final ReceiveInboundMessagesUseCase receive;
    private final QueueLeasePort leases;
    private final String holder;
    private final AuditWriter audit;
    private final ServiceMetrics metrics;
    private final Clock clock;
    private final BooleanSupplier stopping;
    final LoopState state;
    private final RoundFailureLog failures;
    private volatile QueueLease lease;
    private boolean standingBy;

    InboundLoop(IntegrationName integration, java.time.Duration interval, ReceiveInboundMessagesUseCase receive,
                QueueLeasePort leases, String holder, AuditWriter audit, ServiceMetrics metrics, Clock clock,
                BooleanSupplier stopping, StorageOutage outage) {
        this.integration = integration;
        this.receive = receive;
        this.leases = leases;
        this.holder = holder;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
        this.stopping = stopping;
        this.state = new LoopState(integration, "inbound", interval);
        state.note("not started");
        this.failures = new RoundFailureLog(LOG, "inbound", outage);
    }

    @Override
    public void run() {
        if (stopping.getAsBoolean()) {
            return;
        }
        try (WorkContext work = WorkContext.open(integration, "in")) {
            state.began(clock.instant());
            round(work.correlationId());
            failures.succeeded(clock.instant());
        } catch (RuntimeException e) {
            // never let an exception escape: the executor would stop scheduling this loop for good
            state.failed(clock.instant(), describe(e));
            metrics.round(integration, "inbound", "failed");
            failures.failed(clock.instant(), e);
        } finally {
            state.ended();
        }
    }

    private void round(String correlationId) {
        if (lease == null && !acquire(correlationId)) {
            return;
        }
        boolean retaken = false;
        while (true) {
            ReceiveInboundMessagesResult result = receive.receive(new ReceiveInboundMessagesCommand(integration, lease,
                    BATCH));
            metrics.inbound(integration, result);
            if (result.received() > 0) {
                LOG.info("{} message(s) received: {} delivered, {} duplicate(s), {} quarantined, {} acknowledged",
                        result.received(), result.delivered(), result.duplicates(), result.quarantined(),
                        result.acknowledged());
            }
            if (result.stoppedBecause() != ReceiveInboundMessagesResult.StopReason.BLOCKED) {
                state.unblocked();
            }
            switch (result.stoppedBecause()) {
                case QUEUE_EMPTY -> {
                    state.succeeded(clock.instant());
                    metrics.round(integration, "inbound", "ok");
                    return;
                }
                case LIMIT_REACHED -> {
                    state.succeeded(clock.instant());
                    if (stopping.getAsBoolean()) {
                        metrics.round(integration, "inbound", "ok");
                        return;
                    }
                }
                case LEASE_LOST -> {
                    LOG.warn("queue lease lost: {}; taking it back if it is free, else standing by", result.detail());
                    state.failed(clock.instant(), "queue lease lost: " + result.detail());
                    metrics.round(integration, "inbound", "lease_lost");
                    release();
                    // a broken lease connection (a database restart, a reset) freed the lock: take it back now, once,
                    // instead of an interval later; if another instance holds it, stand by as before
                    if (retaken || stopping.getAsBoolean() || !acquire(correlationId)) {
                        return;
                    }
                    retaken = true;
                }
                case FAILED -> {
                    LOG.warn("queue poll stopped: {}; the message stays at the head of the queue for the next poll",
                            result.detail());
                    state.failed(clock.instant(), result.detail());
                    metrics.round(integration, "inbound", "failed");
                    return;
                }
                case BLOCKED -> {
                    // WARN each round while it lasts: a person must trust the host (or learn why Jakamo names it)
                    LOG.warn("queue blocked: {}", result.detail());
                    state.blocked(clock.instant(), result.detail());
                    metrics.round(integration, "inbound", "blocked");
                    return;
                }
            }
        }
    }

    private boolean acquire(String correlationId) {
        Optional<QueueLease> acquired = leases.tryAcquire(integration, holder);
        if (acquired.isEmpty()) {
            if (!standingBy) {
                LOG.info("the queue lease is held by another instance; standing by, trying again each interval");
                standingBy = true;
            }
            state.note("standby: another instance holds the queue lease");
            state.succeeded(clock.instant());
            metrics.round(integration, "inbound", "standby");
            return false;
        }
        lease = acquired.get();
        standingBy = false;
        state.note("polling: holds the queue lease (fencing token " + lease.fencingToken() + ")");
        LOG.info("queue lease acquired by {} with fencing token {}", holder, lease.fencingToken());
        audit.write(AuditEvent.builder(AuditAction.LEASE_ACQUIRED, AuditOutcome.OK).integration(integration)
                .correlationId(new CorrelationId(correlationId))
                .reason("holder " + holder + ", fencing token " + lease.fencingToken()));
        return true;
    }

    /** Whether this instance polls the queue now. */
    boolean holdsLease() {
        return lease != null;
    }

    /** Gives the lease up (at shutdown, or once lost), so another instance can take over at once. */
    void release() {
        QueueLease held = lease;
        lease = null;
        if (held != null) {
            try {
                held.close();
            } catch (RuntimeException e) {
                LOG.warn("releasing the queue lease failed ({}); the database frees it when the connection ends",
                        describe(e));
            }
            state.note("released the queue lease");
        }
    }

    static String describe(RuntimeException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
