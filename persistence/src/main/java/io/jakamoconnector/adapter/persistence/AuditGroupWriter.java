package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.port.out.StateStoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that commits the standalone appends of all threads, in groups: each caller puts its event on a
 * bounded queue and waits; the writer takes everything waiting (up to {@link #MAX_GROUP}), commits it as one
 * transaction (one chain-head lock, one fsync) and only then lets the group's callers return, or fails every one of
 * them with the same error. Before this, whichever appending thread got a lock did the writing for the others, so a
 * lock holder descheduled by a busy CPU stalled every appender, and every hand-over woke a parked thread in series;
 * now the writer runs while there is work and only the wake-ups of the callers wait for the scheduler, side by side.
 *
 * <p>Hand-written because no library offers a group commit over a JDBC transaction; the queue, the futures and the
 * thread are the JDK's. The thread starts with the first append and ends after {@link #IDLE} without one (an adapter
 * nobody closes leaves nothing running). One that ends by an {@link Error} fails its group and is replaced at once.
 * When the queue is full, appenders wait for room (back-pressure) and fail after {@code roomWait}. {@link #close()}
 * commits what is queued, then stops the thread; an append after that is committed on its caller's thread.
 */
final class AuditGroupWriter implements AutoCloseable {
    /** One multi-row INSERT of at most this many events: its statement stays a few hundred kB. */
    static final int MAX_GROUP = 500;
    static final int DEFAULT_CAPACITY = 2_000;
    static final Duration DEFAULT_ROOM_WAIT = Duration.ofSeconds(60);
    static final Duration IDLE = Duration.ofSeconds(30);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(AuditGroupWriter.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Commits the events, in order, as one transaction; throws when nothing of them was committed. */
    @FunctionalInterface
    interface GroupCommit {
        void commit(List<AuditEvent> events);
    }

    /** An event waiting, and its caller's wait: completed by the writer once its group committed or failed. */
    private static final class Pending {
        final AuditEvent event;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Pending(AuditEvent event) {
            this.event = event;
        }
    }

    /** Put on the queue by {@link #close()}: the writer commits what came before it, then what is left, and ends. */
    private static final Pending STOP = new Pending(null);

    private final GroupCommit commit;
    private final BlockingQueue<Pending> queue;
    private final int capacity;
    private final Duration roomWait;
    private final Object state = new Object();
    private Thread thread;          // guarded by state: null while none runs
    private volatile boolean closed;

    AuditGroupWriter(GroupCommit commit) {
        this(commit, DEFAULT_CAPACITY, DEFAULT_ROOM_WAIT);
    }

    /**
     * @param capacity how many appends may wait for the writer before appenders wait for room
     * @param roomWait how long an appender waits for room before it fails
     */
    AuditGroupWriter(GroupCommit commit, int capacity, Duration roomWait) {
        this.commit = Objects.requireNonNull(commit, "commit");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.roomWait = Objects.requireNonNull(roomWait, "roomWait");
    }

    /**
     * Returns once {@code event} is committed; throws {@link StateStoreException} when it was not, with the same
     * failure as every other event of its group (none of which was committed either).
     */
    void append(AuditEvent event) {
        Pending mine = new Pending(Objects.requireNonNull(event, "event"));
        if (closed) {
            commitOnCallersThread(mine);
        } else {
            enqueue(mine);
            ensureRunning();
            if (closed && queue.remove(mine)) {
                commitOnCallersThread(mine);   // queued after the writer's last look: nobody else will take it
            }
        }
        try {
            mine.done.join();   // not interruptible: the caller learns what became of its event
        } catch (java.util.concurrent.CompletionException e) {
            StateStoreException failure = e.getCause() instanceof StateStoreException s ? s
                    : new StateStoreException("appending to the audit trail failed: " + e.getCause(), false, e.getCause());
            // thrown anew so the caller's stack is in it; the writer's is kept as the cause
            throw new StateStoreException(failure.getMessage(), failure.retryable(), failure);
        }
    }

    private void enqueue(Pending mine) {
        boolean queued;
        try {
            queued = queue.offer(mine) || queue.offer(mine, roomWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateStoreException("appending to the audit trail was interrupted while waiting for room in "
                    + "the audit writer's queue; nothing was written", true, e);
        }
        if (!queued) {
            throw new StateStoreException("appending to the audit trail failed: " + capacity + " events have waited "
                    + "for the audit writer for " + roomWait.toSeconds() + " s, so the database commits too slowly "
                    + "or not at all; this event was not written; fix: check the database with 'jakamo-connector "
                    + "doctor'", true, null);
        }
    }

    private void ensureRunning() {
        synchronized (state) {
            if (thread == null && !closed) {
                start();
            }
        }
    }

    /** Under {@link #state}. */
    private void start() {
        Thread t = new Thread(this::run, "audit-writer-" + THREADS.incrementAndGet());
        t.setDaemon(true);   // close() drains it; a JVM that exits without close() has returned to no appender
        thread = t;
        t.start();
    }

    private void run() {
        try {
            work();
        } catch (RuntimeException | Error e) {
            LOG.error("the audit writer thread ended unexpectedly: {}", e.toString(), e);
            replaceAfterDeath();
        }
    }

    /** Commits groups until idle or stopped. */
    private void work() {
        List<Pending> group = new ArrayList<>();
        while (true) {
            Pending first;
            try {
                first = queue.poll(IDLE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // nothing here interrupts it: it stops by close() or when idle, never with appends waiting
                LOG.warn("the audit writer was interrupted; it goes on");
                continue;
            }
            if (first == null) {
                if (endIfIdle()) {
                    return;
                }
                continue;
            }
            group.clear();
            group.add(first);
            queue.drainTo(group, MAX_GROUP - 1);
            boolean stop = group.remove(STOP);
            commitGroup(group);
            if (stop) {
                drainAfterStop(group);
                return;
            }
        }
    }

    /** Whatever was queued before {@link #close()} set {@link #closed}, and after it but not taken back. */
    private void drainAfterStop(List<Pending> group) {
        while (true) {
            group.clear();
            queue.drainTo(group, MAX_GROUP);
            if (group.isEmpty()) {
                synchronized (state) {
                    thread = null;
                }
                return;
            }
            commitGroup(group);
        }
    }

    private boolean endIfIdle() {
        synchronized (state) {
            if (queue.isEmpty()) {
                thread = null;
                return true;
            }
            return false;
        }
    }

    /** Commits the group and completes each caller's wait with the outcome. An {@link Error} fails them, then ends the thread. */
    private void commitGroup(List<Pending> group) {
        if (group.isEmpty()) {
            return;
        }
        List<AuditEvent> events = new ArrayList<>(group.size());
        for (Pending p : group) {
            events.add(p.event);
        }
        try {
            commit.commit(events);
        } catch (StateStoreException e) {
            fail(group, e);
            return;
        } catch (RuntimeException e) {
            StateStoreException failure = SqlFailures.translate("appending " + events.size()
                    + " event(s) to the audit trail", e);
            fail(group, failure);
            return;
        } catch (Error e) {
            fail(group, new StateStoreException("appending " + events.size() + " event(s) to the audit trail failed "
                    + "in the audit writer (" + e + "); none of them was written; another writer takes over, and "
                    + "if this repeats, fix: give the connector more memory or look at its log", false, e));
            throw e;
        }
        for (Pending p : group) {
            p.done.complete(null);
        }
    }

    private static void fail(List<Pending> group, StateStoreException failure) {
        for (Pending p : group) {
            p.done.completeExceptionally(failure);
        }
    }

    /**
     * The writer died (its group already failed): a new one takes over the queue; when the writer is closed or none
     * can start, every append still queued fails instead of waiting for ever.
     */
    private void replaceAfterDeath() {
        synchronized (state) {
            thread = null;
            if (!closed) {
                try {
                    start();
                    LOG.error("the callers of the audit writer's last group were told their events were not "
                            + "written; a new writer takes over the {} waiting", queue.size());
                    return;
                } catch (Error e) {
                    LOG.error("no new audit writer could be started ({}); every waiting append fails", e.toString());
                }
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.remove(STOP);
        fail(left, new StateStoreException("appending to the audit trail failed: the audit writer ended and no "
                + "other could take over; nothing of these events was written; fix: restart the connector and look "
                + "at its log for the reason", false, null));
    }

    /**
     * Commits every append queued so far, then stops the writer (waiting up to a minute for it). Appends after this
     * are committed on their callers' threads, one transaction each.
     */
    @Override
    public void close() {
        Thread running;
        synchronized (state) {
            if (closed) {
                return;
            }
            closed = true;
            running = thread;
        }
        if (running == null) {
            return;
        }
        try {
            if (queue.offer(STOP, CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                running.join(CLOSE_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.isAlive()) {
            LOG.warn("the audit writer did not finish its queued appends within {} s of the stop; their callers "
                    + "are still waiting for the database", CLOSE_WAIT.toSeconds());
        }
    }

    private void commitOnCallersThread(Pending mine) {
        commitGroup(new ArrayList<>(List.of(mine)));
    }

    /** How many appends wait for the writer now (for tests that must see a group form). */
    int waiting() {
        return (int) queue.stream().filter(p -> p != STOP).count();
    }
}
