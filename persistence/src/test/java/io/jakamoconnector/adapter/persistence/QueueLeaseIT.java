package io.jakamoconnector.adapter.persistence;

import static io.jakamoconnector.adapter.persistence.SyncStateIT.ORDERS;
import static io.jakamoconnector.adapter.persistence.SyncStateIT.receipt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.InboundReceipt;
import io.jakamoconnector.domain.model.sync.InboundRecording;
import io.jakamoconnector.domain.port.out.QueueLease;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueueLeaseIT {
    private TestDatabase db;
    private ExternalDatabase instanceA;
    private ExternalDatabase instanceB;
    private PostgresQueueLeaseAdapter leasesA;
    private PostgresQueueLeaseAdapter leasesB;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create();
        db.database();
        instanceA = db.unstarted(2);
        instanceA.start();
        instanceB = db.unstarted(2);
        instanceB.start();
        leasesA = new PostgresQueueLeaseAdapter(instanceA);
        leasesB = new PostgresQueueLeaseAdapter(instanceB);
    }

    @AfterEach
    void tearDown() {
        instanceA.close();
        instanceB.close();
        db.close();
    }

    @Test
    void oneHolderPerIntegrationAndTheTokenGrowsWithEachHolder() {
        QueueLease a = leasesA.tryAcquire(ORDERS, "node-a").orElseThrow();
        assertThat(a.isHeld()).isTrue();
        assertThat(leasesB.tryAcquire(ORDERS, "node-b")).isEmpty();
        assertThat(leasesA.tryAcquire(ORDERS, "node-a-again")).as("not re-entrant across calls").isEmpty();
        QueueLease claims = leasesB.tryAcquire(new IntegrationName("claims"), "node-b").orElseThrow();
        assertThat(claims.isHeld()).isTrue();

        a.close();
        assertThat(a.isHeld()).isFalse();
        QueueLease b = leasesB.tryAcquire(ORDERS, "node-b").orElseThrow();
        assertThat(b.fencingToken()).isGreaterThan(a.fencingToken());
        assertThat(b.isHeld()).isTrue();
        b.close();
        claims.close();
    }

    @Test
    void whenTheHoldersConnectionDiesAnotherTakesOverAndTheOldHolderIsFenced() throws Exception {
        JdbiSyncStateAdapter stateA = TestDatabase.syncState(instanceA);
        JdbiSyncStateAdapter stateB = TestDatabase.syncState(instanceB);
        QueueLease a = leasesA.tryAcquire(ORDERS, "node-a").orElseThrow();
        assertThat(stateA.recordDelivered(receipt(1), a, () -> "a-1")).isInstanceOf(InboundRecording.Recorded.class);

        assertThat(terminateLockHolder()).isEqualTo(1);

        assertThat(a.isHeld()).as("the old holder sees its loss before acknowledging").isFalse();
        QueueLease b = leasesB.tryAcquire(ORDERS, "node-b").orElseThrow();
        assertThat(b.fencingToken()).isGreaterThan(a.fencingToken());

        AtomicInteger deliveredByA = new AtomicInteger();
        assertThat(stateA.recordDelivered(receipt(2), a, () -> "a-" + deliveredByA.incrementAndGet()))
                .isInstanceOfSatisfying(InboundRecording.LeaseLost.class,
                        lost -> assertThat(lost.why()).contains("no longer held"));
        assertThat(stateA.recordQuarantined(receipt(3), a, new byte[] {1}, "bad"))
                .isInstanceOf(InboundRecording.LeaseLost.class);
        assertThat(stateB.findInbound(ORDERS, receipt(3).dedupKey())).as("rolled back").isEmpty();
        assertThat(deliveredByA).as("a fenced holder delivers nothing").hasValue(0);
        assertThat(stateB.findInbound(ORDERS, receipt(2).dedupKey())).isEmpty();

        assertThat(stateB.recordDelivered(receipt(2), b, () -> "b-2")).isInstanceOf(InboundRecording.Recorded.class);
        assertThat(b.isHeld()).isTrue();
        a.close();
        b.close();
    }

    /**
     * The lease connection is cut and nobody has taken the lease over yet, so the token is still this holder's: the
     * fenced record checks that the lease's own session still holds the lock, and refuses. This is what lets the
     * checks before each read and acknowledgement answer from the lease's last proof.
     */
    @Test
    void aHolderWhoseLeaseSessionEndedRecordsNothingEvenBeforeATakeover() throws Exception {
        JdbiSyncStateAdapter stateA = TestDatabase.syncState(instanceA);
        QueueLease a = leasesA.tryAcquire(ORDERS, "node-a").orElseThrow();
        assertThat(stateA.recordDelivered(receipt(1), a, () -> "a-1")).isInstanceOf(InboundRecording.Recorded.class);

        assertThat(terminateLockHolder()).isEqualTo(1);

        AtomicInteger delivered = new AtomicInteger();
        assertThat(stateA.recordDelivered(receipt(2), a, () -> "a-" + delivered.incrementAndGet()))
                .isInstanceOfSatisfying(InboundRecording.LeaseLost.class,
                        lost -> assertThat(lost.why()).contains("session ended"));
        assertThat(stateA.recordQuarantined(receipt(3), a, new byte[] {1}, "bad"))
                .isInstanceOf(InboundRecording.LeaseLost.class);
        assertThat(delivered).hasValue(0);
        assertThat(stateA.findInbound(ORDERS, receipt(2).dedupKey())).isEmpty();
        assertThat(stateA.findInbound(ORDERS, receipt(3).dedupKey())).isEmpty();
        a.close();
    }

    /**
     * {@code isKnownHeld} answers from the last proof (acquisition, heartbeat, check) for half the time to live, with no
     * round trip; once the proof is older (a holder paused, its heartbeat stopped with it) or a heartbeat failed, it
     * asks the server.
     */
    @Test
    void theLeasesLastProofAnswersForHalfItsTimeToLiveThenTheServerIsAsked() throws Exception {
        java.util.concurrent.atomic.AtomicLong ticks = new java.util.concurrent.atomic.AtomicLong();
        PostgresQueueLeaseAdapter leases = new PostgresQueueLeaseAdapter(instanceA, Duration.ofSeconds(10),
                ticks::get);
        PostgresQueueLeaseAdapter.PostgresLease a = (PostgresQueueLeaseAdapter.PostgresLease) leases
                .tryAcquire(ORDERS, "node-a").orElseThrow();
        ticks.addAndGet(Duration.ofMillis(4900).toNanos());
        terminateLockHolder();
        assertThat(a.isKnownHeld()).as("within half the time to live: from the proof, no round trip").isTrue();
        ticks.addAndGet(Duration.ofMillis(100).toNanos());
        assertThat(a.isKnownHeld()).as("a holder paused past half its time to live asks").isFalse();
        a.close();

        PostgresQueueLeaseAdapter.PostgresLease b = (PostgresQueueLeaseAdapter.PostgresLease) leases
                .tryAcquire(ORDERS, "node-b").orElseThrow();
        ticks.addAndGet(Duration.ofSeconds(4).toNanos());
        b.heartbeat();
        ticks.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(b.isKnownHeld()).as("the heartbeat renewed the proof").isTrue();
        terminateLockHolder();
        b.heartbeat();
        assertThat(b.isKnownHeld()).as("a failed heartbeat ends the proof at once").isFalse();
        b.close();
    }

    @Test
    void aStaleTokenIsRefusedInsideTheTransactionEvenWhileTheConnectionLives() throws Exception {
        // node A holds the lease and is "paused" in the middle of recording (its delivery is slow); meanwhile its
        // lock connection dies and node B takes over. B's token increment waits for A's FOR SHARE, then A commits,
        // or A's check runs after B's increment and A is refused; either way no two holders record under one token.
        JdbiSyncStateAdapter stateA = TestDatabase.syncState(instanceA);
        QueueLease a = leasesA.tryAcquire(ORDERS, "node-a").orElseThrow();
        terminateLockHolder();
        QueueLease b = leasesB.tryAcquire(ORDERS, "node-b").orElseThrow();
        InboundReceipt receipt = receipt(7);
        assertThat(stateA.recordDelivered(receipt, a, () -> "late"))
                .isInstanceOfSatisfying(InboundRecording.LeaseLost.class, lost -> assertThat(lost.why())
                        .contains("fencing token " + a.fencingToken()).contains("current " + b.fencingToken()));
        assertThat(stateA.findInbound(ORDERS, receipt.dedupKey())).as("rolled back").isEmpty();
        b.close();
        a.close();
    }

    @Test
    void aTakeoverWaitsForTheRecordInProgressUnderTheOldToken() throws Exception {
        JdbiSyncStateAdapter stateA = TestDatabase.syncState(instanceA);
        QueueLease a = leasesA.tryAcquire(ORDERS, "node-a").orElseThrow();
        CountDownLatch delivering = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<InboundRecording> recording = CompletableFuture.supplyAsync(() ->
                stateA.recordDelivered(receipt(9), a, () -> {
                    delivering.countDown();
                    awaitLatch(release);
                    return "slow";
                }));
        assertThat(delivering.await(10, TimeUnit.SECONDS)).isTrue();
        terminateLockHolder();
        CompletableFuture<QueueLease> takeover = CompletableFuture.supplyAsync(() ->
                leasesB.tryAcquire(ORDERS, "node-b").orElseThrow());
        // the takeover's token increment queues behind the record's FOR SHARE: wait until the server shows it waiting
        await().atMost(Duration.ofSeconds(10)).pollInSameThread().until(() -> sessionsWaitingForALock() > 0);
        assertThat(takeover).as("the token cannot move while a record under it is open").isNotDone();
        release.countDown();
        assertThat(recording.get(10, TimeUnit.SECONDS)).isInstanceOf(InboundRecording.Recorded.class);
        QueueLease b = takeover.get(10, TimeUnit.SECONDS);
        assertThat(b.fencingToken()).isGreaterThan(a.fencingToken());
        assertThat(a.isHeld()).isFalse();
        b.close();
        a.close();
    }

    @Test
    void aPausedHolderLosesTheLeaseAfterItsTimeToLiveWhileARunningOneKeepsIt() throws Exception {
        QueueLease a = new PostgresQueueLeaseAdapter(instanceA, Duration.ofSeconds(1)).tryAcquire(ORDERS, "node-a")
                .orElseThrow();
        // idle for longer than its time to live, but running: the heartbeat keeps it all along
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(a::isHeld);
        assertThat(leasesB.tryAcquire(ORDERS, "node-b")).isEmpty();

        // a paused holder (SIGSTOP, a long GC) neither checks nor beats; holding the lease's monitor stops both
        Optional<QueueLease> taken;
        synchronized (a) {
            taken = await("a silent holder losing the lease").atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(100)).until(() -> leasesB.tryAcquire(ORDERS, "node-b"),
                            Optional::isPresent);
        }
        QueueLease b = taken.orElseThrow();
        assertThat(b.fencingToken()).isGreaterThan(a.fencingToken());
        assertThat(a.isHeld()).as("once it resumes, the paused holder knows it lost the lease").isFalse();
        b.close();
        a.close();
    }

    @Test
    void aFrozenTransactionCannotHoldTheFencingTokenForEver() throws Exception {
        // a holder frozen in the middle of a record holds the token FOR SHARE: the server must end that transaction
        try (Connection pooled = instanceA.openDedicatedConnection(); Statement s = pooled.createStatement();
             ResultSet rs = s.executeQuery("SHOW idle_in_transaction_session_timeout")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(ConnectionFactory.IDLE_IN_TRANSACTION_MILLIS / 1000 + "s");
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the backend that holds an advisory lock of this module, as a dropped connection would. */
    private int terminateLockHolder() throws Exception {
        try (Connection owner = db.ownerConnection(); Statement s = owner.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_locks "
                     + "WHERE locktype = 'advisory' AND classid = "
                     + Integer.toUnsignedLong(PostgresQueueLeaseAdapter.LOCK_NAMESPACE)
                     + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            rs.next();
            int killed = rs.getInt(1);
            // wait until the server has let go of the lock
            await().atMost(Duration.ofSeconds(10)).pollInSameThread().pollInterval(Duration.ofMillis(20))
                    .until(() -> count(s, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                            + "(SELECT oid FROM pg_database WHERE datname = current_database())") == 0);
            return killed;
        }
    }

    /** Sessions of this database that wait for a lock another transaction holds. */
    private long sessionsWaitingForALock() throws Exception {
        try (Connection owner = db.ownerConnection(); Statement s = owner.createStatement()) {
            return count(s, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    + "AND datname = current_database()");
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
