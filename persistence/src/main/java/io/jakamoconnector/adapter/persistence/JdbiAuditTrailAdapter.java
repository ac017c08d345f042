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

    private final PostgresDatabase database;
    private final AuditSigningKey key;
    private final Clock clock;
    private final int checkpointEvery;
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

    /**
     * @param checkpointEvery sign a checkpoint at every event whose sequence number is a multiple of this
     */
    public JdbiAuditTrailAdapter(PostgresDatabase database, AuditSigningKey key, Clock clock, int checkpointEvery) {
        this.database = Objects.requireNonNull(database, "database");
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery: must be at least 1");
        }
        this.checkpointEvery = checkpointEvery;
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
            statement.bind(position++, (Object) row[1]);
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
     * Signs the chain's current head unless a checkpoint already covers it. Call it periodically and at shutdown,
     * and export the result off the machine: a cut-off tail is detectable only up to the last checkpoint.
     */
    public Optional<AuditCheckpoint> checkpoint() {
        try {
            return database.jdbi().inTransaction(h -> {
                Head head = h.createQuery("SELECT last_seq, last_hash FROM audit_head WHERE id FOR SHARE")
                        .map((rs, ctx) -> new Head(rs.getLong(1), rs.getBytes(2))).one();
                long latest = h.createQuery("SELECT coalesce(max(seq), 0) FROM audit_checkpoint")
                        .mapTo(Long.class).one();
                if (head.seq() == 0 || head.seq() <= latest) {
                    return Optional.<AuditCheckpoint>empty();
                }
                AuditCheckpoint checkpoint = sign(head.seq(), head.hash());
                insertCheckpoint(h, checkpoint);
                return Optional.of(checkpoint);
            });
        } catch (JdbiException e) {
            throw SqlFailures.translate("signing an audit checkpoint", e);
        }
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

    /** Recomputes every hash from the first event and checks every checkpoint and the chain head, in one snapshot. */
    @Override
    public AuditVerification verify() {
        try {
            return database.jdbi().inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
                h.execute("SET TRANSACTION READ ONLY");
                h.execute(NO_IDLE_LIMIT);
                return verify(h, 0);
            });
        } catch (JdbiException e) {
            throw SqlFailures.translate("verifying the audit trail", e);
        }
    }

    /**
     * Verifies from the signed checkpoint at {@code fromCheckpoint} (0: from the first event) to the end, on the
     * given handle. The checkpoint's signature makes its hash a trusted starting point. Counts only what it read.
     */
    AuditVerification verify(Handle h, long fromCheckpoint) {
        TreeMap<Long, AuditCheckpoint> checkpoints = new TreeMap<>();
        h.createQuery("SELECT seq, hash, signed_at, key_id, signature FROM audit_checkpoint WHERE seq >= :from "
                        + "ORDER BY seq")
                .bind("from", fromCheckpoint)
                .map((rs, ctx) -> new AuditCheckpoint(rs.getLong(1), HEX.formatHex(rs.getBytes(2)),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), rs.getBytes(5)))
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
        Head head = h.createQuery("SELECT last_seq, last_hash FROM audit_head WHERE id")
                .map((rs, ctx) -> new Head(rs.getLong(1), rs.getBytes(2))).one();
        Query events = h.createQuery("SELECT " + EVENT_COLUMNS + " FROM audit_event WHERE seq > :anchor ORDER BY seq")
                .bind("anchor", anchor).setFetchSize(FETCH_SIZE).addCustomizer(BINARY_ROWS);
        ChainWalk walk = new ChainWalk(anchor, anchorHash, checkpoints);
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
                    + ", not by this connector's key " + key.keyId());
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
        private long events;
        private long checkpointsChecked;

        ChainWalk(long anchor, byte[] anchorHash, TreeMap<Long, AuditCheckpoint> checkpoints) {
            this.expected = anchor + 1;
            this.prev = anchorHash;
            this.checkpoints = checkpoints;
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
                form.build(seq, rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), durationMillis,
                        attempt, rs.getString(16), rs.getString(17));
                byte[] computed = form.hash(prev);
                if (!Arrays.equals(computed, storedHash)) {
                    return new AuditVerification.Broken(seq, "its content does not match its hash");
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
            return new AuditVerification.Intact(events, last, checkpointsChecked);
        }
    }

    // ---- export ----

    /**
     * Writes the events that pass {@code filter} as JSON Lines, in sequence order, streaming (constant memory),
     * then a final line with a checkpoint freshly signed over the chain's head as the export began:
     * {@code {"checkpoint":{"seq":…,"hash":"…","signed_at":"…","key_id":"…","algorithm":"Ed25519",
     * "public_key":"…","signature":"…"},"events":…}}. The caller owns (and closes) {@code out}.
     */
    public AuditExportSummary export(AuditExportFilter filter, OutputStream out) throws IOException {
        Objects.requireNonNull(filter, "filter");
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        try {
            AuditExportSummary summary = database.jdbi().inTransaction(TransactionIsolationLevel.REPEATABLE_READ,
                    h -> {
                        h.execute("SET TRANSACTION READ ONLY");
                        h.execute(NO_IDLE_LIMIT);
                        return export(h, filter, writer);
                    });
            writer.flush();
            return summary;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (JdbiException e) {
            throw SqlFailures.translate("exporting the audit trail", e);
        }
    }

    private AuditExportSummary export(Handle h, AuditExportFilter filter, Writer writer) {
        Head head = h.createQuery("SELECT last_seq, last_hash FROM audit_head WHERE id")
                .map((rs, ctx) -> new Head(rs.getLong(1), rs.getBytes(2))).one();
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
