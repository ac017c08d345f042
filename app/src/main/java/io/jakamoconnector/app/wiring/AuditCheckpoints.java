package io.jakamoconnector.app.wiring;

import io.jakamoconnector.adapter.persistence.CheckpointOutcome;
import io.jakamoconnector.adapter.persistence.JdbiAuditTrailAdapter;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.port.out.PortFailureException;
import io.jakamoconnector.domain.service.AuditWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs the audit chain's head on a schedule, on its own thread, so that {@code audit verify} can demand a checkpoint
 * for every event older than the interval: at start (which closes the gap a crash left), every interval while events
 * are written, and at the stop. A checkpoint reads in a snapshot and locks nothing an exchange waits for. A failure is
 * a WARN that says what to fix, and the next tick tries again. A refusal at a scheduled tick (the trail is not what
 * was written) is also an {@code audit_chain_broken} event, once per finding, which the notification channels turn
 * into an {@code audit_broken} notification: the security team hears of it without reading the log. Only at a tick:
 * the signing at a command's start must not append to the trail that command (say, {@code audit verify}) examines.
 */
final class AuditCheckpoints {
    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpoints.class);
    private static final String SCHEDULED = "scheduled";

    private final JdbiAuditTrailAdapter trail;
    private final Duration interval;
    private final AuditWriter audit;
    private ScheduledExecutorService ticks;
    private long reportedBadSequence;

    AuditCheckpoints(JdbiAuditTrailAdapter trail, Duration interval, AuditWriter audit) {
        this.trail = Objects.requireNonNull(trail, "trail");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** Signs the head now if events are not covered yet; never throws. */
    CheckpointOutcome sign(String when) {
        try {
            CheckpointOutcome outcome = trail.checkpoint();
            if (outcome instanceof CheckpointOutcome.Signed signed) {
                LOG.debug("audit checkpoint signed at event {} ({})", signed.checkpoint().seq(), when);
            } else if (outcome instanceof CheckpointOutcome.Refused refused) {
                LOG.warn("audit checkpoint refused ({}): from event {}: {}. The audit trail is not what was written; "
                        + "what to do: keep the database and the anchor file as evidence, run 'jakamo-connector "
                        + "audit verify', and tell your security team", when, refused.firstBadSequence(),
                        refused.reason());
                if (SCHEDULED.equals(when)) {
                    reportOnce(refused);
                }
            }
            return outcome;
        } catch (PortFailureException | IllegalStateException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.warn("could not sign an audit checkpoint ({}): {}{}; tried again in {} ms (events left uncovered "
                    + "for longer than the interval make 'audit verify' fail)", when, message,
                    message.contains("fix:") ? "" : "; fix: check the database with 'jakamo-connector doctor'",
                    interval.toMillis());
            return null;
        }
    }

    /** The same finding at every tick is one event: a notification per finding, not one per interval. */
    private synchronized void reportOnce(CheckpointOutcome.Refused refused) {
        if (refused.firstBadSequence() == reportedBadSequence) {
            return;
        }
        audit.write(AuditEvent.builder(AuditAction.AUDIT_CHAIN_BROKEN, AuditOutcome.FAIL).reason("checkpoint refused "
                + "from event " + refused.firstBadSequence() + ": " + refused.reason()));
        reportedBadSequence = refused.firstBadSequence();
    }

    /** A tick that throws would end the schedule: whatever goes wrong is said, and the next tick comes. */
    private void tick() {
        try {
            sign(SCHEDULED);
        } catch (RuntimeException e) {
            LOG.warn("the audit checkpoint tick failed unexpectedly ({}); tried again in {} s", e.toString(),
                    interval.toSeconds(), e);
        }
    }

    synchronized void start() {
        if (ticks != null) {
            return;
        }
        ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audit-checkpoints");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        ticks.scheduleAtFixedRate(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Stops the ticks, waiting for one under way. */
    synchronized void stop() {
        if (ticks == null) {
            return;
        }
        ticks.shutdownNow();
        try {
            if (!ticks.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the audit checkpoint tick did not end within 30 s; the shutdown checkpoint follows anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ticks = null;
    }
}
