package io.jakamoconnector.app.daemon;

import io.jakamoconnector.app.wiring.Lifecycle;
import io.jakamoconnector.domain.model.attention.AttentionClassifier;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.service.NotificationService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells people off the exchange threads: committed audit events that need a person go into a bounded queue (never
 * waiting: when it is full the event is dropped and counted, the trail still has it), and one worker thread hands them
 * to the {@link NotificationService}, which decides, sends, retries and audits. Started and stopped by the lifecycle.
 */
public final class NotificationDispatcher implements Consumer<AuditEvent>, Lifecycle.Resource {
    static final int CAPACITY = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final Duration IDLE = Duration.ofMinutes(1);
    private final NotificationService service;
    private final Clock clock;
    private final BlockingQueue<AuditEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean stopping;
    private Thread worker;

    public NotificationDispatcher(NotificationService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    /** On the committing thread: a cheap test and a queue offer, never a wait. */
    @Override
    public void accept(AuditEvent event) {
        if (AttentionClassifier.isNotificationEvent(event) || AttentionClassifier.classify(event).isEmpty()) {
            return;
        }
        if (!queue.offer(event)) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 100 == 0) {
                LOG.warn("{} event(s) that need a person were not notified: the notification queue is full ({} "
                        + "waiting); the audit trail and 'jakamo-connector messages list' still have them", n, CAPACITY);
            }
        }
    }

    @Override
    public synchronized void start() {
        if (worker != null) {
            return;
        }
        worker = new Thread(this::work, "notifications");
        worker.setDaemon(true);
        worker.start();
    }

    private void work() {
        while (!stopping) {
            try {
                AuditEvent first = queue.poll(waitMillis(), TimeUnit.MILLISECONDS);
                List<AuditEvent> events = new ArrayList<>();
                if (first != null) {
                    events.add(first);
                    queue.drainTo(events);
                }
                for (AuditEvent event : events) {
                    service.offer(event);
                }
                service.deliverDue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the audit trail down while a notification is audited, say: try again at the next turn
                LOG.warn("notifications: {}; trying again shortly", e.toString());
                try {
                    Thread.sleep(1_000);   // a back-off, not a synchronisation: nothing waits on this
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private long waitMillis() {
        Instant now = clock.instant();
        return service.nextDue().map(due -> Math.max(0, Duration.between(now, due).toMillis()))
                .map(ms -> Math.min(ms, IDLE.toMillis())).orElse(IDLE.toMillis());
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            stopping = true;
            running = worker;
        }
        if (running == null) {
            return;
        }
        running.interrupt();
        try {
            running.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!queue.isEmpty()) {
            LOG.warn("stopped with {} event(s) that need a person not yet notified; 'jakamo-connector messages list' "
                    + "shows them", queue.size());
        }
    }
}
