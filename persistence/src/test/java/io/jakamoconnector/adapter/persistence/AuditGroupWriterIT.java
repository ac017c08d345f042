package io.jakamoconnector.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.model.audit.CorrelationId;
import io.jakamoconnector.domain.port.out.StateStoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit writer on the real database: one thread per process commits the appends of all threads in groups, every
 * caller returns only once its event is committed, a failed commit fails exactly its group's callers, a stop drains
 * the queue, a full queue holds appenders back, and a writer killed by an {@link Error} is replaced.
 */
class AuditGroupWriterIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path keys;
    private TestDatabase db;
    private AuditSigningKey key;
    private JdbiAuditTrailAdapter trail;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.create();
        key = AuditSigningKey.loadOrCreate(keys);
        trail = new JdbiAuditTrailAdapter(db.database(), key, Clock.fixed(AuditEvents.T0, ZoneOffset.UTC), 10);
    }

    @AfterEach
    void tearDown() throws Exception {
        callers.shutdownNow();
        for (AutoCloseable c : closing) {
            c.close();
        }
        trail.close();
        db.close();
    }

    @Test
    void threadsOfTwoProcessesAndStateChangesAppendingTogetherMakeOneChainOfEveryReturnedEvent() throws Exception {
        ExternalDatabase otherProcess = db.unstarted(4);
        otherProcess.start();
        closing.add(otherProcess);
        JdbiAuditTrailAdapter otherTrail = new JdbiAuditTrailAdapter(otherProcess, key, Clock.systemUTC(), 10);
        closing.add(0, otherTrail);
        int perThread = 150;
        List<CompletableFuture<Void>> work = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        for (int t = 0; t < 8; t++) {
            JdbiAuditTrailAdapter mine = t < 4 ? trail : otherTrail;
            PostgresDatabase itsDatabase = t < 4 ? db.database() : otherProcess;
            boolean withinStateChange = t % 4 == 3;   // one thread per process appends in its own transactions
            work.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < perThread; i++) {
                    AuditEvent event = AuditEvents.event(next.incrementAndGet());
                    if (withinStateChange) {
                        itsDatabase.jdbi().useTransaction(h -> mine.appendWithin(h, List.of(event)));
                    } else {
                        mine.append(event);
                    }
                }
            }, callers));
        }
        CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);

        int events = 8 * perThread;
        assertThat(trail.verify()).isEqualTo(new AuditVerification.Intact(events, events, events / 10));
        try (Connection c = db.ownerConnection(); Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT count(DISTINCT correlation_id) FROM audit_event")).isEqualTo(events);
            assertThat(single(s, "SELECT count(*) FROM audit_event WHERE seq BETWEEN 1 AND " + events))
                    .as("gap-free").isEqualTo(events);
            // each transaction leaves its id in xmin: fewer transactions than events means appends were grouped
            assertThat(single(s, "SELECT count(DISTINCT xmin::text) FROM audit_event")).isLessThan(events);
        }
    }

    /**
     * What the writer is for: before it, the appending thread that got the lock committed for everyone, so a thread
     * the scheduler stopped while it held that lock stalled every other append. Stopped here on purpose (the only
     * way to deschedule a thread at a chosen point; JDK 17) while its event is being committed.
     */
    @Test
    @SuppressWarnings("removal")
    void anAppenderThatStopsRunningWhileItsEventIsCommittedHoldsNoOtherAppenderBack() throws Exception {
        Thread descheduled = new Thread(() -> trail.append(named("descheduled")), "descheduled-appender");
        List<CompletableFuture<Void>> others = new ArrayList<>();
        try {
            try (HeadLock head = new HeadLock()) {
                descheduled.start();
                head.awaitWaiter();   // its event is being written: the group waits for the head
                descheduled.suspend();
                others.add(appendAsync(trail, named("b")));
                others.add(appendAsync(trail, named("c")));
            }
            for (CompletableFuture<Void> other : others) {
                other.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
            assertThat(reasons()).containsExactlyInAnyOrder("descheduled", "b", "c");
        } finally {
            descheduled.resume();
        }
        descheduled.join(PATIENCE.toMillis());
        assertThat(descheduled.isAlive()).isFalse();
        assertThat(trail.verify()).isEqualTo(new AuditVerification.Intact(3, 3, 0));
    }

    @Test
    void aCommitThatFailsFailsExactlyTheCallersOfItsGroupAndNoneOfTheirEventsIsKept() throws Exception {
        try (Connection owner = db.ownerConnection(); Statement s = owner.createStatement()) {
            // refused at COMMIT, not at the insert: a deferred constraint trigger on the poisoned event
            s.execute("CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$ BEGIN RAISE EXCEPTION 'poisoned event'; END $$");
            s.execute("CREATE CONSTRAINT TRIGGER refuse_poison AFTER INSERT ON audit_event DEFERRABLE INITIALLY "
                    + "DEFERRED FOR EACH ROW WHEN (NEW.reason = 'poison') EXECUTE FUNCTION refuse_poison()");
        }
        CompletableFuture<Void> first;
        List<CompletableFuture<Void>> group = new ArrayList<>();
        try (HeadLock head = new HeadLock()) {
            first = appendAsync(trail, named("first"));
            head.awaitWaiter();                                  // the writer's first group waits for the head
            group.add(appendAsync(trail, named("second")));
            group.add(appendAsync(trail, named("poison")));
            group.add(appendAsync(trail, named("fourth")));
            await().atMost(PATIENCE).until(() -> trail.appender().waitingAppends() == 3);
        }

        first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        for (CompletableFuture<Void> caller : group) {
            assertThatThrownBy(() -> caller.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .hasCauseInstanceOf(StateStoreException.class)
                    .hasMessageContaining("appending 3 event(s) to the audit trail failed (SQLState P0001)")
                    .hasMessageContaining("none of the 3 event(s) committed together was written");
        }
        trail.append(named("after"));
        assertThat(reasons()).containsExactly("first", "after");
        assertThat(trail.verify()).isEqualTo(new AuditVerification.Intact(2, 2, 0));
    }

    @Test
    void closeCommitsTheAppendsInFlightThenStopsAndLaterAppendsStillCommit() throws Exception {
        List<String> otherWriters = writerThreads();   // of adapters other tests in this JVM left open
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        CompletableFuture<Void> closed;
        try (HeadLock head = new HeadLock()) {
            inFlight.add(appendAsync(trail, named("a")));
            head.awaitWaiter();
            for (String r : List.of("b", "c", "d")) {
                inFlight.add(appendAsync(trail, named(r)));
            }
            await().atMost(PATIENCE).until(() -> trail.appender().waitingAppends() == 3);
            closed = CompletableFuture.runAsync(trail::close, callers);
            assertThat(closed).isNotDone();   // the head is still locked: nothing was committed yet
        }
        closed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(reasons()).as("committed when close returned").containsExactlyInAnyOrder("a", "b", "c", "d");
        for (CompletableFuture<Void> caller : inFlight) {
            caller.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(writerThreads()).isSubsetOf(otherWriters);

        trail.append(named("e"));   // after the stop: committed on this thread
        assertThat(writerThreads()).isSubsetOf(otherWriters);
        assertThat(reasons()).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        assertThat(trail.verify()).isEqualTo(new AuditVerification.Intact(5, 5, 0));
    }

    @Test
    void aFullQueueHoldsAppendersBackAndThenFailsThemSayingWhatToCheck() throws Exception {
        AuditGroupWriter writer = new AuditGroupWriter(trail.appender()::commitGroup, 2, Duration.ofMillis(500));
        closing.add(writer);
        List<CompletableFuture<Void>> accepted = new ArrayList<>();
        try (HeadLock head = new HeadLock()) {
            accepted.add(CompletableFuture.runAsync(() -> writer.append(named("a")), callers));
            head.awaitWaiter();
            accepted.add(CompletableFuture.runAsync(() -> writer.append(named("b")), callers));
            accepted.add(CompletableFuture.runAsync(() -> writer.append(named("c")), callers));
            await().atMost(PATIENCE).until(() -> writer.waiting() == 2);

            assertThatThrownBy(() -> writer.append(named("d")))
                    .isInstanceOf(StateStoreException.class)
                    .hasMessageContaining("2 events have waited for the audit writer")
                    .hasMessageContaining("this event was not written")
                    .hasMessageContaining("fix: check the database with 'jakamo-connector doctor'")
                    .matches(e -> ((StateStoreException) e).retryable());
        }
        for (CompletableFuture<Void> caller : accepted) {
            caller.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(reasons()).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void aWriterKilledByAnErrorFailsItsGroupAndANewWriterTakesOver() throws Exception {
        Set<String> writers = ConcurrentHashMap.newKeySet();
        AtomicInteger groups = new AtomicInteger();
        AuditGroupWriter writer = new AuditGroupWriter(events -> {
            writers.add(Thread.currentThread().getName());
            if (groups.incrementAndGet() == 1) {
                throw new InternalError("simulated failure inside the writer");
            }
            trail.appender().commitGroup(events);
        });
        closing.add(writer);

        assertThatThrownBy(() -> writer.append(named("lost")))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("failed in the audit writer (java.lang.InternalError: simulated failure")
                .hasMessageContaining("none of them was written");
        writer.append(named("kept"));

        assertThat(writers).hasSize(2).allMatch(n -> n.startsWith("audit-writer-"));
        assertThat(reasons()).containsExactly("kept");
        assertThat(trail.verify()).isEqualTo(new AuditVerification.Intact(1, 1, 0));
    }

    private CompletableFuture<Void> appendAsync(JdbiAuditTrailAdapter target, AuditEvent event) {
        return CompletableFuture.runAsync(() -> target.append(event), callers);
    }

    private static AuditEvent named(String reason) {
        return AuditEvent.builder(AuditAction.SERVICE_STARTED, AuditOutcome.OK).at(AuditEvents.T0).node("node-1")
                .actor("connector").reason(reason).correlationId(new CorrelationId("c-" + reason)).build();
    }

    private List<String> reasons() throws SQLException {
        List<String> reasons = new ArrayList<>();
        try (Connection c = db.ownerConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT reason FROM audit_event ORDER BY seq")) {
            while (rows.next()) {
                reasons.add(rows.getString(1));
            }
        }
        return reasons;
    }

    private static List<String> writerThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("audit-writer-")).toList();
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Holds the chain's head locked, as another process's commit in progress does, until closed; every group waits
     * for it meanwhile.
     */
    private final class HeadLock implements AutoCloseable {
        private final Connection connection;

        HeadLock() throws SQLException {
            connection = db.ownerConnection();
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT last_seq FROM audit_head FOR UPDATE");
            }
        }

        /** Until a session of this database waits for a lock: the writer's group, for the head. */
        void awaitWaiter() {
            await().atMost(PATIENCE).until(() -> {
                try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                + "AND wait_event_type = 'Lock'")) {
                    rows.next();
                    return rows.getLong(1) > 0;
                }
            });
        }

        @Override
        public void close() throws SQLException {
            connection.rollback();
            connection.close();
        }
    }
}
