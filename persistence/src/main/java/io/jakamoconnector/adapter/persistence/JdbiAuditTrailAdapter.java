package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.port.out.StateStoreException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.core.statement.Update;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail in PostgreSQL: an append-only, hash-chained table ({@link CanonicalAuditForm}) with signed
 * checkpoints every {@code checkpointEvery} events and on demand ({@link #checkpoint()}).
 *
 * <p>Appends serialise on the one-row chain head ({@code audit_head ... FOR UPDATE}), which keeps one gap-free chain
 * across threads and instances without locking anything else. Within this process, concurrent appends are combined:
 * whichever thread gets to write takes every event waiting, writes them in one transaction and wakes their threads,
 * so many threads cost one commit instead of one each. {@link #append} returns only once its event is committed.
 * {@link #appendWithin} writes events in another unit of work's transaction instead, so a state change and its events
 * commit together (see {@link JdbiSyncStateAdapter}).
 */
public final class JdbiAuditTrailAdapter implements AuditTrailPort {
    public static final int DEFAULT_CHECKPOINT_EVERY = 1000;
    private static final int MAX_BATCH = 500;
    private static final int FETCH_SIZE = 5000;
    private static final String EVENT_COLUMNS = "seq, ts, node, actor, integration, action, outcome, business_key, "
            + "file_name, sha256, reason, correlation_id, remote_correlation_id, duration_ms, attempt, "
            + "token_fingerprint, credential_key_id, prev_hash, hash";
    private static final String INSERT_ROWS_PREFIX = "WITH inserted AS (INSERT INTO audit_event (" + EVENT_COLUMNS
            + ") VALUES ";
    private static final String ROW_PLACEHOLDERS = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Runs once the rows are in: a data-modifying WITH always runs to completion, read or not. */
    private static final String HEAD_UPDATE = " RETURNING seq) UPDATE audit_head SET last_seq = ?, last_hash = ? "
            + "WHERE id";
    private static final HexFormat HEX = HexFormat.of();
    /**
     * Rows in the driver's binary format: timestamps and hashes arrive as numbers and raw bytes instead of text to
     * parse, which roughly doubles the rows per second of verify and export.
     */
    private static final StatementCustomizer BINARY_ROWS = new StatementCustomizer() {
        @Override
        public void beforeExecution(PreparedStatement statement, StatementContext context) throws SQLException {
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
        }
    };

    private static final Logger LOG = LoggerFactory.getLogger(JdbiAuditTrailAdapter.class);

    private final PostgresDatabase database;
    private final AuditSigningKey key;
    private final Clock clock;
    private final int checkpointEvery;
    private final AuditCheckpointPolicy policy;
    private final Object anchoring = new Object();
    /** The highest checkpoint this process knows to be in the anchor file; -1 until the file was first read. */
    private long anchoredUpTo = -1;
    /** When this adapter was made: checkpoints signed before it are what a missing anchor file should have held. */
    private final Instant created;
    /** Set when this process found the anchor file missing though the database held checkpoints. */
    private volatile String anchorMissing;
    private final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();
    private final CanonicalAuditForm writerForm = new CanonicalAuditForm();

    /** An event waiting to be written; its fields are set by the writing thread under {@link #writer}. */
    private static final class Pending {
        final AuditEvent event;
        boolean done;
        StateStoreException failure;

        Pending(AuditEvent event) {
            this.event = event;
        }
    }

    private record Head(long seq, byte[] hash) {
    }

    /** Checkpoints as {@code policy} says: its schedule is what {@link #verify()} then demands. */
    public JdbiAuditTrailAdapter(PostgresDatabase database, AuditSigningKey key, Clock clock,
                                 AuditCheckpointPolicy policy) {
        this.database = Objects.requireNonNull(database, "database");
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.checkpointEvery = policy.every();
        this.created = clock.instant();
    }

    /**
     * Without a schedule or an anchor (tools and tests).
     *
     * @param checkpointEvery sign a checkpoint at every event whose sequence number is a multiple of this
     */
    public JdbiAuditTrailAdapter(PostgresDatabase database, AuditSigningKey key, Clock clock, int checkpointEvery) {
        this(database, key, clock, AuditCheckpointPolicy.everyEvents(checkpointEvery));
    }

    public JdbiAuditTrailAdapter(PostgresDatabase database, AuditSigningKey key, Clock clock) {
        this(database, key, clock, DEFAULT_CHECKPOINT_EVERY);
    }

    // ---- append ----

    @Override
    public void append(AuditEvent event) {
        Pending mine = new Pending(Objects.requireNonNull(event, "event"));
        waiting.add(mine);
        writer.lock();
        try {
            while (!mine.done) {
                List<Pending> batch = new ArrayList<>();
                while (batch.size() < MAX_BATCH) {
                    Pending next = waiting.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                write(batch);
            }
        } finally {
            writer.unlock();
        }
        if (mine.failure != null) {
            throw new StateStoreException(mine.failure.getMessage(), mine.failure.retryable(), mine.failure);
        }
    }

    private void write(List<Pending> batch) {
        StateStoreException failure = null;
        try {
            database.jdbi().useTransaction(h -> writeInTransaction(h, batch));
        } catch (RuntimeException e) {
            // whatever went wrong, every waiting thread hears of it; none is left waiting
            failure = SqlFailures.translate("appending " + batch.size() + " event(s) to the audit trail", e);
        }
        for (Pending p : batch) {
            p.failure = failure;
            p.done = true;
        }
    }

    private void writeInTransaction(Handle h, List<Pending> batch) {
        List<AuditEvent> events = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            events.add(p.event);
        }
        writeChain(h, events, writerForm);
    }

    /**
     * Appends {@code events}, in order, inside the transaction open on {@code h}: they are committed or rolled back
     * with it. This takes the chain head's row lock, which every other appender waits for until that transaction
     * ends, so call it as the transaction's last step. Not counted by {@link #append}'s callers; the caller reports
     * the events once its transaction has committed.
     */
    public void appendWithin(Handle h, List<AuditEvent> events) {
        Objects.requireNonNull(h, "handle");
        if (events.isEmpty()) {
            return;
        }
        if (!h.isInTransaction()) {
            throw new IllegalStateException("appendWithin needs an open transaction: the events must commit with it");
        }
        writeChain(h, events, new CanonicalAuditForm());
    }

    /**
     * Locks the head, then inserts the events and moves the head in one statement (a data-modifying {@code WITH}), so
     * an append costs two round trips to the server whatever the number of events, plus one per checkpoint.
     */
    private void writeChain(Handle h, List<AuditEvent> events, CanonicalAuditForm form) {
        Head head = lockHead(h);
        long seq = head.seq();
        byte[] prev = head.hash();
        StringBuilder sql = new StringBuilder(INSERT_ROWS_PREFIX.length() + events.size() * ROW_PLACEHOLDERS.length()
                + HEAD_UPDATE.length() + 16);
        sql.append(INSERT_ROWS_PREFIX);
        List<Object[]> rows = new ArrayList<>(events.size());
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        for (AuditEvent e : events) {
            Objects.requireNonNull(e, "event");
            seq++;
            Instant ts = CanonicalAuditForm.storedTime(e.at());
            String integration = e.integration() == null ? null : e.integration().value();
            String businessKey = e.businessKey() == null ? null : e.businessKey().value();
            String sha256 = e.sha256() == null ? null : e.sha256().hex();
            String correlationId = e.correlationId() == null ? null : e.correlationId().value();
            String fingerprint = e.tokenFingerprint() == null ? null : e.tokenFingerprint().value();
            form.build(seq, ts, e.node(), e.actor(), integration, e.action().code(), e.outcome().code(),
                    businessKey, e.fileName(), sha256, e.reason(), correlationId, e.remoteCorrelationId(),
                    e.durationMillis(), e.attempt(), fingerprint, e.credentialKeyId());
            byte[] hash = form.hash(prev);
            if (!rows.isEmpty()) {
                sql.append(',');
            }
            sql.append(ROW_PLACEHOLDERS);
            rows.add(new Object[] {seq, ts, e.node(), e.actor(), integration, e.action().code(), e.outcome().code(),
                    businessKey, e.fileName(), sha256, e.reason(), correlationId, e.remoteCorrelationId(),
                    e.durationMillis(), e.attempt(), fingerprint, e.credentialKeyId(), prev, hash});
            if (seq % checkpointEvery == 0) {
                checkpoints.add(sign(seq, hash));
            }
            prev = hash;
        }
        sql.append(HEAD_UPDATE);
        Update statement = h.createUpdate(sql.toString());
        int position = 0;
        for (Object[] row : rows) {
            statement.bind(position++, (Long) row[0]);
            statement.bind(position++, row[1]);
            for (int column = 2; column <= 12; column++) {
                statement.bind(position++, (String) row[column]);
            }
            statement.bind(position++, (Long) row[13]);
            statement.bind(position++, (Integer) row[14]);
            statement.bind(position++, (String) row[15]);
            statement.bind(position++, (String) row[16]);
            statement.bind(position++, (byte[]) row[17]);
            statement.bind(position++, (byte[]) row[18]);
        }
        statement.bind(position++, seq);
        statement.bind(position, prev);
        statement.execute();
        for (AuditCheckpoint checkpoint : checkpoints) {
            insertCheckpoint(h, checkpoint);
        }
    }

    private static Head lockHead(Handle h) {
        return h.createQuery("SELECT last_seq, last_hash FROM audit_head WHERE id FOR UPDATE")
                .map((rs, ctx) -> new Head(rs.getLong(1), rs.getBytes(2))).one();
    }

    // ---- checkpoints ----

    /**
     * Signs the chain's current head unless a checkpoint already covers it, then copies every checkpoint not yet in
     * the anchor file there. The connector calls it on a schedule, at start-up (closing the gap a crash left) and at
     * shutdown. It signs only what checks out: the events since the newest checkpoint must verify from it, and the
     * anchor file's newest checkpoint must still be in the database with the same hash; otherwise it refuses, as
     * signing would vouch for a rewritten chain. It reads in a snapshot and locks nothing appenders wait for.
     *
     * @throws StateStoreException when the database cannot be read or written, or the anchor file not appended to
     */
    public CheckpointOutcome checkpoint() {
        // the database's checkpoint is still worth signing when the file cannot be read: appending to it fails and
        // says why
        Optional<AuditCheckpoint> anchoredCheck = lastAnchored();
        CheckpointOutcome outcome;
        try {
            outcome = database.jdbi().inTransaction(TransactionIsolationLevel.REPEATABLE_READ,
                    h -> checkpoint(h, anchoredCheck));
        } catch (JdbiException e) {
            throw SqlFailures.translate("signing an audit checkpoint", e);
        }
        if (!(outcome instanceof CheckpointOutcome.Refused)) {
            anchorNewCheckpoints();
        }
        return outcome;
    }

    private CheckpointOutcome checkpoint(Handle h, Optional<AuditCheckpoint> lastAnchored) {
        Head head = readHead(h);
        Optional<CheckpointOutcome.Refused> refused = refusal(h, head, lastAnchored);
        if (refused.isPresent()) {
            return refused.get();
        }
        long latest = latestCheckpoint(h);
        if (head.seq() == 0 || head.seq() <= latest) {
            return new CheckpointOutcome.Covered(latest);
        }
        AuditCheckpoint checkpoint = sign(head.seq(), head.hash());
        insertCheckpoint(h, checkpoint);
        return new CheckpointOutcome.Signed(checkpoint);
    }

    private static Head readHead(Handle h) {
        return h.createQuery("SELECT last_seq, last_hash FROM audit_head WHERE id")
                .map((rs, ctx) -> new Head(rs.getLong(1), rs.getBytes(2))).one();
    }

    private static long latestCheckpoint(Handle h) {
        return h.createQuery("SELECT coalesce(max(seq), 0) FROM audit_checkpoint").mapTo(Long.class).one();
    }

    /**
     * Why signing {@code head} (a checkpoint, an export's last line) would vouch for a rewritten chain, if it would:
     * the anchor file's newest checkpoint is not in the database as it was anchored, or lies beyond the head; the
     * newest checkpoint in the database lies beyond the head, or its event no longer has its hash; or the events
     * since it do not verify from it. Costs the events since the newest checkpoint, not the whole chain.
     */
    private Optional<CheckpointOutcome.Refused> refusal(Handle h, Head head, Optional<AuditCheckpoint> lastAnchored) {
        if (lastAnchored.isPresent() && lastAnchored.get().keyId().equals(key.keyId())) {
            AuditCheckpoint anchored = lastAnchored.get();
            if (anchored.seq() > head.seq()) {
                return Optional.of(new CheckpointOutcome.Refused(head.seq() + 1, "the anchor file "
                        + policy.anchor().get() + " holds a checkpoint at event " + anchored.seq()
                        + " but the chain's head is " + head.seq() + ": events were cut off"));
            }
            Optional<String> stored = h.createQuery("SELECT hash FROM audit_checkpoint WHERE seq = :seq")
                    .bind("seq", anchored.seq()).mapTo(byte[].class).findOne().map(HEX::formatHex);
            if (!stored.equals(Optional.of(anchored.hashHex()))) {
                return Optional.of(new CheckpointOutcome.Refused(anchored.seq(), "the checkpoint at event "
                        + anchored.seq() + " in the anchor file " + policy.anchor().get() + (stored.isEmpty()
                        ? " is no longer in the database" : " differs from the database's")));
            }
        }
        long latest = latestCheckpoint(h);
        if (latest == 0) {
            AuditVerification all = verify(h, 0);
            return all instanceof AuditVerification.Broken b
                    ? Optional.of(new CheckpointOutcome.Refused(b.firstBadSequence(), b.reason())) : Optional.empty();
        }
        if (latest > head.seq()) {
            return Optional.of(new CheckpointOutcome.Refused(head.seq() + 1, "the chain's head is event " + head.seq()
                    + " but a checkpoint was signed at event " + latest + ": events were cut off"));
        }
        Optional<String> eventHash = h.createQuery("SELECT hash FROM audit_event WHERE seq = :seq")
                .bind("seq", latest).mapTo(byte[].class).findOne().map(HEX::formatHex);
        Optional<String> signed = h.createQuery("SELECT hash FROM audit_checkpoint WHERE seq = :seq")
                .bind("seq", latest).mapTo(byte[].class).findOne().map(HEX::formatHex);
        if (!eventHash.equals(signed)) {
            return Optional.of(new CheckpointOutcome.Refused(latest, "event " + latest + (eventHash.isEmpty()
                    ? " is missing" : " differs from the signed checkpoint at " + latest)));
        }
        AuditVerification since = verify(h, latest);
        return since instanceof AuditVerification.Broken b
                ? Optional.of(new CheckpointOutcome.Refused(b.firstBadSequence(), b.reason())) : Optional.empty();
    }

    /**
     * Appends to the anchor file every checkpoint signed by this installation's key that it does not hold yet,
     * including those signed every {@code checkpointEvery} events inside other transactions: only committed ones
     * are read, so the file never holds a checkpoint the database rolled back.
     */
    private void anchorNewCheckpoints() {
        if (policy.anchor().isEmpty()) {
            return;
        }
        AuditAnchorFile anchor = policy.anchor().get();
        synchronized (anchoring) {
            try {
                if (anchoredUpTo < 0) {
                    anchoredUpTo = anchor.last().map(AuditCheckpoint::seq).orElse(0L);
                    if (!anchor.exists()) {
                        long held = countOwnCheckpointsSignedBefore(created);
                        if (held > 0) {
                            anchorMissing = "the anchor file " + anchor + " did not exist, though the database holds "
                                    + held + " checkpoint(s) signed by this installation's key; it was started anew "
                                    + "from them. If it was moved deliberately, keep the old copy with your evidence; "
                                    + "if not, find out who removed it (after an upgrade to a version with anchor "
                                    + "files this is expected once)";
                            LOG.warn("{}", anchorMissing);
                        }
                    }
                }
                List<AuditCheckpoint> fresh = new ArrayList<>();
                database.jdbi().useHandle(h -> h.createQuery("SELECT seq, hash, signed_at, key_id, signature "
                                + "FROM audit_checkpoint WHERE seq > :from ORDER BY seq")
                        .bind("from", anchoredUpTo).map(JdbiAuditTrailAdapter::checkpointRow)
                        .forEach(c -> {
                            if (checkpointProblem(c).isEmpty()) {
                                fresh.add(c);
                            }
                        }));
                anchor.append(fresh);
                SystemdJournalAnchor.send(fresh);
                if (!fresh.isEmpty()) {
                    anchoredUpTo = fresh.get(fresh.size() - 1).seq();
                }
            } catch (IOException e) {
                throw anchorFailure("appending to", e);
            } catch (JdbiException e) {
                throw SqlFailures.translate("reading the checkpoints to anchor", e);
            }
        }
    }

    private long countOwnCheckpointsSignedBefore(Instant instant) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_checkpoint "
                + "WHERE key_id = :key AND signed_at < :before").bind("key", key.keyId()).bind("before", instant)
                .mapTo(Long.class).one());
    }

    private StateStoreException anchorFailure(String doing, IOException e) {
        return new StateStoreException(doing + " the audit anchor file " + policy.anchor().map(Object::toString)
                .orElse("") + " failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); fix: the "
                + "connector's user must be able to create and append to it (audit.anchorFile)", true, e);
    }

    private static AuditCheckpoint checkpointRow(ResultSet rs, StatementContext ctx) throws SQLException {
        return new AuditCheckpoint(rs.getLong(1), HEX.formatHex(rs.getBytes(2)),
                rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), rs.getBytes(5));
    }

    private AuditCheckpoint sign(long seq, byte[] hash) {
        AuditCheckpoint unsigned = new AuditCheckpoint(seq, HEX.formatHex(hash),
                CanonicalAuditForm.storedTime(clock.instant()), key.keyId(), new byte[0]);
        return new AuditCheckpoint(seq, unsigned.hashHex(), unsigned.signedAt(), unsigned.keyId(),
                key.sign(unsigned.signedBytes()));
    }

    private static void insertCheckpoint(Handle h, AuditCheckpoint checkpoint) {
        h.createUpdate("INSERT INTO audit_checkpoint (seq, hash, signed_at, key_id, signature) "
                        + "VALUES (:seq, :hash, :signedAt, :keyId, :signature) ON CONFLICT (seq) DO NOTHING")
                .bind("seq", checkpoint.seq()).bind("hash", HEX.parseHex(checkpoint.hashHex()))
                .bind("signedAt", checkpoint.signedAt()).bind("keyId", checkpoint.keyId())
                .bind("signature", checkpoint.signature()).execute();
    }

    // ---- verify ----

    /**
     * Connections end a transaction left idle for 15 s (a frozen writer must not hold its locks for ever); a
     * read-only snapshot locks nothing anyone waits for, and a slow reader of an export (a pager, a full pipe) must
     * not be cut off.
     */
    private static final String NO_IDLE_LIMIT = "SET LOCAL idle_in_transaction_session_timeout = 0";

    /** A signed checkpoint kept outside the database (an anchor file line, an export), and where it was found. */
    private record External(AuditCheckpoint checkpoint, String source) {
    }

    /**
     * Recomputes every hash from the first event and checks every checkpoint, the chain head, the anchor file and
     * the schedule, in one snapshot. See {@link #verifyInDetail}.
     */
    @Override
    public AuditVerification verify() {
        return verifyInDetail(Optional.empty()).result();
    }

    /**
     * Recomputes every hash from the first event and checks, in one snapshot: every checkpoint in the database (its
     * signature, and that the chain has its hash at its sequence number); the chain's head; every checkpoint in the
     * anchor file, and {@code against} (an earlier export's), the same way, so one beyond the head shows a cut-off
     * tail; and, where the policy has a schedule, that every event older than the interval plus
     * {@link AuditCheckpointPolicy#GRACE} is covered by a checkpoint at or after it.
     */
    public AuditVerificationReport verifyInDetail(Optional<AuditCheckpoint> against) {
        List<String> warnings = new ArrayList<>();
        List<External> externals = new ArrayList<>();
        against.ifPresent(c -> externals.add(new External(c, "the export's checkpoint")));
        boolean anchorFileMissing = false;
        if (policy.anchor().isPresent()) {
            AuditAnchorFile anchor = policy.anchor().get();
            try {
                Optional<List<AuditAnchorFile.Line>> lines = anchor.read();
                anchorFileMissing = lines.isEmpty();
                for (AuditAnchorFile.Line line : lines.orElse(List.of())) {
                    String where = "line " + line.number() + " of the anchor file " + anchor;
                    line.checkpoint().ifPresentOrElse(c -> externals.add(new External(c, where)),
                            () -> warnings.add(where + " is not a checkpoint (a write cut short by a crash, or an "
                                    + "edit): " + abbreviate(line.text())));
                }
            } catch (IOException e) {
                warnings.add("the anchor file " + anchor + " cannot be read (" + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + "), so its checkpoints were not checked; fix: make it readable by the "
                        + "connector's user, or set audit.anchorFile to where it is");
            }
        }
        if (policy.anchor().isPresent()) {
            SystemdJournalAnchor.read(key.keyId(), warnings).ifPresent(journal -> journal.forEach(c -> externals.add(
                    new External(c, "the system journal (" + SystemdJournalAnchor.IDENTIFIER + ")"))));
        }
        String missing = anchorMissing;
        if (missing != null) {
            warnings.add(missing);
        }
        Instant deadline = policy.interval().map(i -> clock.instant().minus(i).minus(AuditCheckpointPolicy.GRACE))
                .orElse(null);
        boolean checkAnchorPresence = anchorFileMissing;
        try {
            AuditVerification result = database.jdbi().inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
                h.execute("SET TRANSACTION READ ONLY");
                h.execute(NO_IDLE_LIMIT);
                if (checkAnchorPresence) {
                    long own = h.createQuery("SELECT count(*) FROM audit_checkpoint WHERE key_id = :key")
                            .bind("key", key.keyId()).mapTo(Long.class).one();
                    if (own > 0) {
                        warnings.add("the anchor file " + policy.anchor().get() + " does not exist, though the "
                                + "database holds " + own + " checkpoint(s) signed by this installation's key: "
                                + "restore it from your backup or SIEM, or, if it was moved deliberately, set "
                                + "audit.anchorFile to where it is now");
                    }
                }
                return verify(h, 0, externals, deadline);
            });
            return new AuditVerificationReport(result, warnings);
        } catch (JdbiException e) {
            throw SqlFailures.translate("verifying the audit trail", e);
        }
    }

    static String inWords(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    /**
     * Verifies from the signed checkpoint at {@code fromCheckpoint} (0: from the first event) to the end, on the
     * given handle. The checkpoint's signature makes its hash a trusted starting point. Counts only what it read.
     */
    AuditVerification verify(Handle h, long fromCheckpoint) {
        return verify(h, fromCheckpoint, List.of(), null);
    }

    private AuditVerification verify(Handle h, long fromCheckpoint, List<External> externals, Instant deadline) {
        TreeMap<Long, AuditCheckpoint> checkpoints = new TreeMap<>();
        h.createQuery("SELECT seq, hash, signed_at, key_id, signature FROM audit_checkpoint WHERE seq >= :from "
                        + "ORDER BY seq")
                .bind("from", fromCheckpoint)
                .map(JdbiAuditTrailAdapter::checkpointRow)
                .forEach(c -> checkpoints.put(c.seq(), c));
        long anchor = 0;
        byte[] anchorHash = CanonicalAuditForm.GENESIS;
        if (fromCheckpoint > 0) {
            AuditCheckpoint start = checkpoints.remove(fromCheckpoint);
            if (start == null) {
                throw new IllegalArgumentException("fromCheckpoint: no checkpoint at " + fromCheckpoint);
            }
            Optional<String> bad = checkpointProblem(start);
            if (bad.isPresent()) {
                return new AuditVerification.Broken(start.seq(), bad.get());
            }
            anchor = start.seq();
            anchorHash = HEX.parseHex(start.hashHex());
        }
        TreeMap<Long, List<External>> outside = new TreeMap<>();
        for (External external : externals) {
            Optional<String> bad = checkpointProblem(external.checkpoint());
            if (bad.isPresent()) {
                return new AuditVerification.Broken(external.checkpoint().seq(), external.source() + ": "
                        + bad.get());
            }
            if (external.checkpoint().seq() > anchor) {
                outside.computeIfAbsent(external.checkpoint().seq(), s -> new ArrayList<>()).add(external);
            }
        }
        long covered = Math.max(anchor, Math.max(checkpoints.isEmpty() ? 0 : checkpoints.lastKey(),
                outside.isEmpty() ? 0 : outside.lastKey()));
        Head head = h.createQuery("SELECT last_seq, last_hash FROM audit_head WHERE id")
                .map((rs, ctx) -> new Head(rs.getLong(1), rs.getBytes(2))).one();
        Query events = h.createQuery("SELECT " + EVENT_COLUMNS + " FROM audit_event WHERE seq > :anchor ORDER BY seq")
                .bind("anchor", anchor).setFetchSize(FETCH_SIZE).addCustomizer(BINARY_ROWS);
        ChainWalk walk = new ChainWalk(anchor, anchorHash, checkpoints, outside, covered, deadline);
        AuditVerification.Broken broken = events.scanResultSet((supplier, ctx) -> walk.walk(supplier.get()));
        if (broken != null) {
            return broken;
        }
        return walk.finish(head);
    }

    /** Why a checkpoint cannot be trusted, if it cannot. */
    private Optional<String> checkpointProblem(AuditCheckpoint checkpoint) {
        if (!checkpoint.keyId().equals(key.keyId())) {
            return Optional.of("checkpoint at " + checkpoint.seq() + " was signed by key " + checkpoint.keyId()
                    + ", not by this connector's key " + key.keyId() + " (if another instance on this database signed "
                    + "it, every instance must have the same audit-signing.key and .pub: copy them from the first "
                    + "instance's data directory; otherwise someone with write access to the database added it)");
        }
        if (!key.verify(checkpoint.signedBytes(), checkpoint.signature())) {
            return Optional.of("the signature of the checkpoint at " + checkpoint.seq() + " is not valid");
        }
        return Optional.empty();
    }

    /** Walks the events in order, recomputing each hash; stops at the first that is not what was written. */
    private final class ChainWalk {
        private final CanonicalAuditForm form = new CanonicalAuditForm();
        private final TreeMap<Long, AuditCheckpoint> checkpoints;
        private long expected;
        private byte[] prev;
        private final TreeMap<Long, List<External>> outside;
        /** Every event up to this one has a checkpoint at or after it. */
        private final long covered;
        /** Events before this instant must be covered; null: no schedule, nothing required. */
        private final Instant deadline;
        private long events;
        private long checkpointsChecked;
        private long firstUncovered;
        private Instant firstUncoveredAt;

        ChainWalk(long anchor, byte[] anchorHash, TreeMap<Long, AuditCheckpoint> checkpoints,
                  TreeMap<Long, List<External>> outside, long covered, Instant deadline) {
            this.expected = anchor + 1;
            this.prev = anchorHash;
            this.checkpoints = checkpoints;
            this.outside = outside;
            this.covered = covered;
            this.deadline = deadline;
        }

        AuditVerification.Broken walk(ResultSet rs) throws SQLException {
            while (rs.next()) {
                long seq = rs.getLong(1);
                if (seq != expected) {
                    return new AuditVerification.Broken(expected, seq > expected
                            ? "event " + expected + " is missing (the next one is " + seq + ")"
                            : "event " + seq + " appears again after " + (expected - 1));
                }
                byte[] storedPrev = rs.getBytes(18);
                byte[] storedHash = rs.getBytes(19);
                if (!Arrays.equals(storedPrev, prev)) {
                    return new AuditVerification.Broken(seq, "its prev_hash is not the hash of event " + (seq - 1));
                }
                long duration = rs.getLong(14);
                Long durationMillis = rs.wasNull() ? null : duration;
                int attemptValue = rs.getInt(15);
                Integer attempt = rs.wasNull() ? null : attemptValue;
                Instant ts = rs.getObject(2, OffsetDateTime.class).toInstant();
                form.build(seq, ts, rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), durationMillis,
                        attempt, rs.getString(16), rs.getString(17));
                byte[] computed = form.hash(prev);
                if (!Arrays.equals(computed, storedHash)) {
                    return new AuditVerification.Broken(seq, "its content does not match its hash");
                }
                List<External> kept = outside.get(seq);
                if (kept != null) {
                    String hex = HEX.formatHex(computed);
                    for (External external : kept) {
                        if (!external.checkpoint().hashHex().equals(hex)) {
                            return new AuditVerification.Broken(seq, "it differs from the signed checkpoint at " + seq
                                    + " in " + external.source() + ": the chain was rewritten after it was signed");
                        }
                    }
                }
                if (deadline != null && firstUncovered == 0 && seq > covered && ts.isBefore(deadline)) {
                    firstUncovered = seq;
                    firstUncoveredAt = ts;
                }
                AuditCheckpoint checkpoint = checkpoints.get(seq);
                if (checkpoint != null) {
                    if (!checkpoint.hashHex().equals(HEX.formatHex(computed))) {
                        return new AuditVerification.Broken(seq, "it differs from the signed checkpoint at " + seq);
                    }
                    Optional<String> bad = checkpointProblem(checkpoint);
                    if (bad.isPresent()) {
                        return new AuditVerification.Broken(seq, bad.get());
                    }
                    checkpointsChecked++;
                }
                prev = computed;
                expected++;
                events++;
            }
            return null;
        }

        AuditVerification finish(Head head) {
            long last = expected - 1;
            Map.Entry<Long, AuditCheckpoint> beyond = checkpoints.higherEntry(last);
            if (beyond != null) {
                return new AuditVerification.Broken(last + 1, "the trail ends at event " + last
                        + " but a checkpoint was signed at event " + beyond.getKey() + ": events were cut off");
            }
            Map.Entry<Long, List<External>> cut = outside.higherEntry(last);
            if (cut != null) {
                return new AuditVerification.Broken(last + 1, "the trail ends at event " + last + " but "
                        + cut.getValue().get(0).source() + " holds a checkpoint signed at event " + cut.getKey()
                        + ": events were cut off");
            }
            if (head.seq() > last) {
                return new AuditVerification.Broken(last + 1, "the trail ends at event " + last
                        + " but its head says " + head.seq() + ": events were cut off");
            }
            if (head.seq() < last) {
                return new AuditVerification.Broken(head.seq() + 1, "events after the chain's head ("
                        + head.seq() + ") were added outside the connector");
            }
            if (last > 0 && !Arrays.equals(head.hash(), prev)) {
                return new AuditVerification.Broken(last, "the chain's head does not hold the hash of event " + last);
            }
            if (firstUncovered > 0) {
                return new AuditVerification.Broken(firstUncovered, "event " + firstUncovered + ", written at "
                        + firstUncoveredAt + ", is covered by no signed checkpoint, though the connector signs one "
                        + "at least every " + inWords(policy.interval().orElseThrow()) + " while it runs, at "
                        + "each start and each stop: the checkpoint that covered it was deleted, or the events after "
                        + "the last checkpoint were rewritten");
            }
            return new AuditVerification.Intact(events, last, checkpointsChecked);
        }
    }

    /** The anchor file's newest checkpoint; empty without a file, or when it cannot be read (logged at DEBUG). */
    private Optional<AuditCheckpoint> lastAnchored() {
        if (policy.anchor().isEmpty()) {
            return Optional.empty();
        }
        try {
            return policy.anchor().get().last();
        } catch (IOException e) {
            LOG.debug("the anchor file {} cannot be read", policy.anchor().get(), e);
            return Optional.empty();
        }
    }

    // ---- export ----

    /**
     * Writes the events that pass {@code filter} as JSON Lines, in sequence order, streaming (constant memory),
     * then a final line with a checkpoint freshly signed over the chain's head as the export began (unless the chain
     * does not check out from its newest checkpoint, as {@link #checkpoint()} would refuse: then nothing is written):
     * {@code {"checkpoint":{"seq":…,"hash":"…","signed_at":"…","key_id":"…","algorithm":"Ed25519",
     * "public_key":"…","signature":"…"},"events":…}}. The caller owns (and closes) {@code out}.
     */
    public AuditExportSummary export(AuditExportFilter filter, OutputStream out) throws IOException {
        Objects.requireNonNull(filter, "filter");
        Optional<AuditCheckpoint> anchored = lastAnchored();
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        try {
            AuditExportSummary summary = database.jdbi().inTransaction(TransactionIsolationLevel.REPEATABLE_READ,
                    h -> {
                        h.execute("SET TRANSACTION READ ONLY");
                        h.execute(NO_IDLE_LIMIT);
                        return export(h, filter, writer, anchored);
                    });
            writer.flush();
            return summary;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (JdbiException e) {
            throw SqlFailures.translate("exporting the audit trail", e);
        }
    }

    private AuditExportSummary export(Handle h, AuditExportFilter filter, Writer writer,
                                      Optional<AuditCheckpoint> lastAnchored) {
        Head head = readHead(h);
        Optional<CheckpointOutcome.Refused> refused = refusal(h, head, lastAnchored);
        if (refused.isPresent()) {
            return AuditExportSummary.refused(refused.get());
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(EVENT_COLUMNS).append(" FROM audit_event WHERE true");
        filter.since().ifPresent(s -> sql.append(" AND ts >= :since"));
        filter.until().ifPresent(u -> sql.append(" AND ts < :until"));
        filter.integration().ifPresent(i -> sql.append(" AND integration = :integration"));
        sql.append(" ORDER BY seq");
        Query query = h.createQuery(sql.toString()).setFetchSize(FETCH_SIZE).addCustomizer(BINARY_ROWS);
        filter.since().ifPresent(s -> query.bind("since", s));
        filter.until().ifPresent(u -> query.bind("until", u));
        filter.integration().ifPresent(i -> query.bind("integration", i.value()));
        long[] counts = query.scanResultSet((supplier, ctx) -> writeLines(supplier.get(), writer));
        AuditCheckpoint checkpoint = sign(head.seq(), head.hash());
        StringBuilder last = new StringBuilder(512).append("{\"checkpoint\":{\"seq\":").append(checkpoint.seq())
                .append(",\"hash\":\"").append(checkpoint.hashHex())
                .append("\",\"signed_at\":\"").append(CanonicalAuditForm.timestamp(checkpoint.signedAt()))
                .append("\",\"key_id\":\"").append(checkpoint.keyId())
                .append("\",\"algorithm\":\"").append(AuditSigningKey.ALGORITHM)
                .append("\",\"public_key\":\"").append(key.publicKeyBase64())
                .append("\",\"signature\":\"").append(checkpoint.signatureBase64())
                .append("\"},\"events\":").append(counts[0]).append("}\n");
        try {
            writer.append(last);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AuditExportSummary(counts[0], counts[1], counts[2], checkpoint);
    }

    private static long[] writeLines(ResultSet rs, Writer writer) throws SQLException {
        CanonicalAuditForm form = new CanonicalAuditForm();
        long count = 0;
        long first = 0;
        long last = 0;
        try {
            while (rs.next()) {
                long seq = rs.getLong(1);
                long duration = rs.getLong(14);
                Long durationMillis = rs.wasNull() ? null : duration;
                int attemptValue = rs.getInt(15);
                Integer attempt = rs.wasNull() ? null : attemptValue;
                form.build(seq, rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), durationMillis,
                        attempt, rs.getString(16), rs.getString(17));
                writer.append(form.exportLine(rs.getBytes(18), rs.getBytes(19))).append('\n');
                if (count == 0) {
                    first = seq;
                }
                last = seq;
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new long[] {count, first, last};
    }
}
