package io.jakamoconnector.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.model.audit.CanonicalAuditForm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 100k-event trail written by 8 threads on two connector instances, then 1,000 single mutations made by the owner
 * with the append-only trigger disabled (as a superuser could), each inside a transaction that is rolled back
 * afterwards. Verification must name exactly the first sequence number that is no longer what was written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTamperIT {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTamperIT.class);
    private static final int EVENTS = 100_000;
    private static final int THREADS = 8;
    private static final int CHECKPOINT_EVERY = 1000;
    private static final int MUTATIONS = 1000;
    /** Renumbering goes through numbers no event has, so the primary key never sees two rows with one number. */
    private static final long ASIDE = 1_000_000_000L;
    private static final int INSERT_WINDOW = 10_000;

    private TestDatabase db;
    private ExternalDatabase secondInstance;
    private JdbiAuditTrailAdapter trail;
    private Jdbi owner;

    enum Mutation { EDIT, DELETE, SWAP, INSERT, CUT_TAIL }

    /** One assignment per column kind; each always changes the value. */
    private static final String[] EDITS = {
        "ts = ts + interval '1 microsecond'",
        "node = node || 'x'",
        "actor = 'root'",
        "integration = coalesce(integration, '') || 'x'",
        "action = action || 'x'",
        "outcome = CASE outcome WHEN 'ok' THEN 'fail' ELSE 'ok' END",
        "business_key = coalesce(business_key, '') || 'x'",
        "file_name = coalesce(file_name, '') || 'x'",
        "sha256 = CASE WHEN sha256 IS NULL THEN repeat('0', 64) ELSE NULL END",
        "reason = coalesce(reason, '') || ' (edited)'",
        "correlation_id = coalesce(correlation_id, '') || 'x'",
        "remote_correlation_id = coalesce(remote_correlation_id, '') || 'x'",
        "duration_ms = coalesce(duration_ms, 0) + 1",
        "attempt = coalesce(attempt, 0) + 1",
        "token_fingerprint = CASE WHEN token_fingerprint IS NULL THEN '0123456789abcdef' ELSE NULL END",
        "credential_key_id = coalesce(credential_key_id, '') || 'x'",
        "prev_hash = set_byte(prev_hash, 31, (get_byte(prev_hash, 31) + 1) % 256)",
        "hash = set_byte(hash, 0, (get_byte(hash, 0) + 1) % 256)",
    };

    @BeforeAll
    void writeTheTrail() throws Exception {
        db = TestDatabase.create();
        Path keys = Files.createTempDirectory("audit-keys");
        AuditSigningKey key = AuditSigningKey.loadOrCreate(keys);
        trail = new JdbiAuditTrailAdapter(db.database(), key, Clock.systemUTC(), CHECKPOINT_EVERY);
        secondInstance = db.unstarted(4);
        secondInstance.start();
        JdbiAuditTrailAdapter other = new JdbiAuditTrailAdapter(secondInstance, key, Clock.systemUTC(),
                CHECKPOINT_EVERY);
        long started = System.nanoTime();
        SyncStateIT.runConcurrently(THREADS, t -> {
            JdbiAuditTrailAdapter mine = t % 2 == 0 ? trail : other;
            for (int i = 0; i < EVENTS / THREADS; i++) {
                mine.append(AuditEvents.event((long) t * EVENTS + i));
            }
        });
        LOG.info("{} appends from {} threads on 2 instances in {} ms", EVENTS, THREADS,
                (System.nanoTime() - started) / 1_000_000);
        owner = Jdbi.create(db.jdbcUrl(), db.user(), db.password() == null ? null : new String(db.password()));
    }

    @AfterAll
    void close() {
        secondInstance.close();
        db.close();
    }

    @Test
    @Order(1)
    void eightThreadsOnTwoInstancesKeepOneGapFreeChain() {
        long started = System.nanoTime();
        AuditVerification result = trail.verify();
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.info("verified {} events in {} ms", EVENTS, millis);
        assertThat(result).isEqualTo(new AuditVerification.Intact(EVENTS, EVENTS, EVENTS / CHECKPOINT_EVERY));
        owner.useHandle(h -> {
            assertThat(h.createQuery("SELECT count(*) = max(seq) AND min(seq) = 1 FROM audit_event")
                    .mapTo(Boolean.class).one()).as("gap-free").isTrue();
            for (int t = 0; t < THREADS; t++) {
                assertThat(h.createQuery("SELECT count(*) FROM audit_event "
                                + "WHERE substr(correlation_id, 3)::bigint / :events = :t")
                        .bind("events", EVENTS).bind("t", t).mapTo(Long.class).one())
                        .as("thread %d's events", t).isEqualTo(EVENTS / THREADS);
            }
        });
    }

    @Test
    @Order(2)
    void everySingleMutationIsFoundAtItsSequenceNumber() {
        long seed = Long.getLong("tamper.seed", System.nanoTime());
        LOG.info("tamper seed {} (rerun with -Dtamper.seed={})", seed, seed);
        Random random = new Random(seed);
        Map<Mutation, Integer> detected = new EnumMap<>(Mutation.class);
        List<String> misses = new ArrayList<>();
        long started = System.nanoTime();
        try (Handle h = owner.open()) {
            for (int i = 0; i < MUTATIONS; i++) {
                Mutation kind = Mutation.values()[i % Mutation.values().length];
                h.begin();
                try {
                    h.execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
                    long expected = mutate(h, kind, random);
                    long anchor = ((expected - 1) / CHECKPOINT_EVERY) * CHECKPOINT_EVERY;
                    AuditVerification result = trail.verify(h, anchor);
                    if (result instanceof AuditVerification.Broken broken && broken.firstBadSequence() == expected) {
                        detected.merge(kind, 1, Integer::sum);
                    } else {
                        misses.add(kind + " at " + expected + " -> " + result);
                    }
                } finally {
                    h.rollback();
                }
                if (i % 100 == 99) {
                    h.execute("VACUUM audit_event");   // the rolled-back rewrites leave dead rows behind
                }
            }
        }
        LOG.info("{} mutations checked in {} ms: {}", MUTATIONS, (System.nanoTime() - started) / 1_000_000, detected);
        assertThat(misses).isEmpty();
        assertThat(detected.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(MUTATIONS);
        assertThat(trail.verify()).as("all rolled back").isInstanceOf(AuditVerification.Intact.class);
    }

    @Test
    @Order(3)
    void aFullVerifyFindsAMutationDeepInTheTrail() {
        try (Handle h = owner.open()) {
            h.begin();
            try {
                h.execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
                h.execute("UPDATE audit_event SET reason = 'nothing happened' WHERE seq = 77777");
                assertThat(trail.verify(h, 0)).isEqualTo(new AuditVerification.Broken(77777,
                        "its content does not match its hash"));
            } finally {
                h.rollback();
            }
        }
    }

    @Test
    @Order(3)
    void theDecodingAndHashingThreadsFindMutationsAtABatchEdgeAndInTheLastRow() {
        // rows reach the hashing thread in batches: the first row of a batch deep in the trail and the very last
        // row (in the last, partial batch, handed over with the end) are found like any other
        long batchEdge = 300L * AuditVerifyPipeline.BATCH + 1;
        for (long k : new long[] {batchEdge, batchEdge - 1, EVENTS}) {
            try (Handle h = owner.open()) {
                h.begin();
                try {
                    h.execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
                    h.execute("UPDATE audit_event SET actor = 'root' WHERE seq = " + k);
                    assertThat(trail.verify(h, 0)).as("mutation at %d", k).isEqualTo(new AuditVerification.Broken(k,
                            "its content does not match its hash"));
                } finally {
                    h.rollback();
                }
            }
        }
    }

    @Test
    @Order(3)
    void aBadSignatureDeepInTheTrailIsFoundAtItsCheckpointAndAnEarlierMutationFirst() {
        // the signatures are checked ahead on a thread of their own: the walk must still report a bad one at its
        // checkpoint, and a broken link before it first, though the signature thread found the bad one earlier
        String flip = "UPDATE audit_checkpoint SET signature = set_byte(signature, 0, (get_byte(signature, 0) + 1) "
                + "% 256) WHERE seq = 77000";
        try (Handle h = owner.open()) {
            h.begin();
            try {
                h.execute("ALTER TABLE audit_checkpoint DISABLE TRIGGER USER");
                h.execute("ALTER TABLE audit_event DISABLE TRIGGER USER");   // before a verify leaves its cursor
                h.execute(flip);
                assertThat(trail.verify(h, 0)).isEqualTo(new AuditVerification.Broken(77000,
                        "the signature of the checkpoint at 77000 is not valid"));
                h.execute("UPDATE audit_event SET actor = 'root' WHERE seq = 50001");
                assertThat(trail.verify(h, 0)).isEqualTo(new AuditVerification.Broken(50001,
                        "its content does not match its hash"));
            } finally {
                h.rollback();
            }
        }
    }

    @Test
    @Order(3)
    void aValueThatDoesNotDecodeDeepInTheTrailIsAnErrorNotAHangOrIntact() {
        // a column retyped behind the connector's back: the reading thread fails on the row; the call must end
        // with that failure, though the hashing thread has checked every row before it
        try (Handle h = owner.open()) {
            h.begin();
            try {
                h.execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
                h.execute("ALTER TABLE audit_event ALTER COLUMN attempt TYPE text USING attempt::text");
                h.execute("UPDATE audit_event SET attempt = 'x' WHERE seq = 88888");
                assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofMinutes(2), () -> trail.verify(h, 0)))
                        .isInstanceOf(JdbiException.class)
                        .hasStackTraceContaining("Bad value for type int");
            } finally {
                h.rollback();
            }
        }
        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(AuditVerifyPipeline.THREAD_NAME) && t.isAlive()))
                .as("hashing threads left running").allSatisfy(t -> {
                    try {
                        t.join(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    assertThat(t.isAlive()).isFalse();
                });
    }

    @Test
    @Order(4)
    void aRowReinsertedWithARecomputedHashBreaksTheChainRightAfterIt() {
        // a forger who can hash (but not sign) rewrites event k consistently: the link to k+1 breaks
        long k = 54321;
        try (Handle h = owner.open()) {
            h.begin();
            try {
                h.execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
                var row = h.createQuery("SELECT prev_hash FROM audit_event WHERE seq = :k").bind("k", k)
                        .mapTo(byte[].class).one();
                CanonicalAuditForm form = new CanonicalAuditForm();
                form.build(k, java.time.Instant.parse("2026-01-01T00:00:00Z"), "node-x", "forger", "orders",
                        "document_sent", "ok", null, null, null, null, null, null, null, null, null, null);
                byte[] hash = form.hash(row);
                h.createUpdate("UPDATE audit_event SET ts = '2026-01-01T00:00:00Z', node = 'node-x', actor = 'forger', "
                                + "integration = 'orders', action = 'document_sent', outcome = 'ok', "
                                + "business_key = NULL, "
                                + "file_name = NULL, sha256 = NULL, reason = NULL, correlation_id = NULL, "
                                + "remote_correlation_id = NULL, duration_ms = NULL, attempt = NULL, "
                                + "token_fingerprint = NULL, credential_key_id = NULL, hash = :hash WHERE seq = :k")
                        .bind("hash", hash).bind("k", k).execute();
                assertThat(trail.verify(h, 0)).isInstanceOfSatisfying(AuditVerification.Broken.class, b -> {
                    assertThat(b.firstBadSequence()).isEqualTo(k + 1);
                    assertThat(b.reason()).contains("prev_hash");
                });
            } finally {
                h.rollback();
            }
        }
    }

    /** Damages the trail once and returns the first sequence number that is no longer what was written. */
    private long mutate(Handle h, Mutation kind, Random random) {
        switch (kind) {
            case EDIT -> {
                long k = 1 + random.nextInt(EVENTS);
                String edit = EDITS[random.nextInt(EDITS.length)];
                assertThat(h.execute("UPDATE audit_event SET " + edit + " WHERE seq = " + k)).isEqualTo(1);
                return k;
            }
            case DELETE -> {
                long k = 1 + random.nextInt(EVENTS);
                assertThat(h.execute("DELETE FROM audit_event WHERE seq = " + k)).isEqualTo(1);
                return k;
            }
            case SWAP -> {
                long i = 1 + random.nextInt(EVENTS - 1);
                long j = i + 1 + random.nextInt(Math.min(EVENTS - (int) i, 5000));
                h.execute("UPDATE audit_event SET seq = seq + " + ASIDE + " WHERE seq IN (" + i + ", " + j + ")");
                h.execute("UPDATE audit_event SET seq = CASE WHEN seq = " + (ASIDE + i) + " THEN " + j + " ELSE " + i
                        + " END WHERE seq IN (" + (ASIDE + i) + ", " + (ASIDE + j) + ")");
                return i;
            }
            case INSERT -> {
                // a made-up event at k, everything from k on renumbered one up. Renumbering is what makes this
                // mutation slow to simulate (every later row is rewritten, and the rollback leaves them dead), so k
                // lies in the last INSERT_WINDOW events; verification starts at the checkpoint before k either way
                long k = EVENTS + 2 - (1 + random.nextInt(INSERT_WINDOW + 1));
                h.execute("UPDATE audit_event SET seq = seq + " + ASIDE + " WHERE seq >= " + k);
                h.execute("UPDATE audit_event SET seq = seq - " + (ASIDE - 1) + " WHERE seq > " + ASIDE);
                long source = k == EVENTS + 1 ? EVENTS : k + 1;
                assertThat(h.execute("INSERT INTO audit_event (seq, ts, node, actor, integration, action, outcome, "
                        + "business_key, file_name, sha256, reason, correlation_id, remote_correlation_id, "
                        + "duration_ms, attempt, token_fingerprint, credential_key_id, prev_hash, hash) "
                        + "SELECT " + k + ", ts, node, 'intruder', integration, action, outcome, business_key, "
                        + "file_name, sha256, reason, correlation_id, remote_correlation_id, duration_ms, attempt, "
                        + "token_fingerprint, credential_key_id, prev_hash, sha256(hash) FROM audit_event "
                        + "WHERE seq = " + source)).isEqualTo(1);
                return k;
            }
            case CUT_TAIL -> {
                // cut from k to the end (past at least the last checkpoint) and move the head back to hide it
                long k = 1 + random.nextInt(EVENTS);
                h.execute("DELETE FROM audit_event WHERE seq >= " + k);
                h.execute("UPDATE audit_head SET last_seq = " + (k - 1) + ", last_hash = coalesce("
                        + "(SELECT hash FROM audit_event WHERE seq = " + (k - 1) + "), "
                        + "decode(repeat('00', 32), 'hex'))");
                return k;
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }
}
