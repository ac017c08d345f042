package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.adapter.persistence.AuditRows.Head;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.CanonicalAuditForm;
import io.jakamoconnector.domain.port.out.StateStoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Appends to the hash chain ({@link CanonicalAuditForm}), signing a checkpoint at every {@code checkpointEvery}-th
 * event. Appends serialise on the one-row chain head ({@code audit_head ... FOR UPDATE}), which keeps one gap-free chain
 * across threads and instances without locking anything else. Within this process, {@link #append}s of all threads
 * are committed in groups by one {@link AuditGroupWriter}: one head lock and one commit per group instead of one
 * each. A group is chained onto the head this process wrote last, in one autocommitted statement that writes only if
 * the head is still that one (one round trip instead of three); when it has moved, or a checkpoint falls in the
 * group, the group locks the head first, as {@link #appendWithin} does. {@link #append} returns only once its event is committed. {@link #appendWithin} writes events in another unit
 * of work's transaction instead.
 */
final class AuditAppender implements AutoCloseable {
    private static final String INSERT_ROWS_PREFIX = "WITH inserted AS (INSERT INTO audit_event (" + AuditRows.EVENT_COLUMNS
            + ") VALUES ";
    private static final String ROW_PLACEHOLDERS = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** The rows of {@link #writeIfHeadIs}, typed: VALUES in a subquery does not take the columns' types. */
    private static final String TYPED_ROW = "(?::bigint, ?::timestamptz, ?::text, ?::text, ?::text, ?::text, ?::text, "
            + "?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::bigint, ?::integer, ?::text, ?::text, ?::bytea, "
            + "?::bytea)";
    /**
     * Locks the head only while it is what this process last wrote (a holder's commit that moved it is re-checked by
     * the lock's wait, so it is seen), and inserts and moves the head only with that lock.
     */
    private static final String GUARDED_PREFIX = "WITH head AS (SELECT id FROM audit_head WHERE id AND last_seq = ? "
            + "AND last_hash = ? FOR UPDATE), inserted AS (INSERT INTO audit_event (" + AuditRows.EVENT_COLUMNS
            + ") SELECT * FROM (VALUES ";
    private static final String GUARDED_SUFFIX = ") AS v WHERE EXISTS (SELECT 1 FROM head) RETURNING seq) "
            + "UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id AND EXISTS (SELECT 1 FROM head)";
    /** Runs once the rows are in: a data-modifying WITH always runs to completion, read or not. */
    private static final String HEAD_UPDATE = " RETURNING seq) UPDATE audit_head SET last_seq = ?, last_hash = ? "
            + "WHERE id";

    private final PostgresDatabase database;
    private final AuditCheckpointSigner signer;
    private final int checkpointEvery;
    private final AuditGroupWriter writer;
    /** The head as the last group of this process left it: the next group is chained onto it without asking. */
    private final AtomicReference<Head> lastWritten = new AtomicReference<>();

    AuditAppender(PostgresDatabase database, AuditCheckpointSigner signer, int checkpointEvery) {
        this.database = Objects.requireNonNull(database, "database");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.checkpointEvery = checkpointEvery;
        this.writer = new AuditGroupWriter(this::commitGroup);
    }

    void append(AuditEvent event) {
        writer.append(event);
    }

    /** How many appends wait for the writer now (tests watch a group form). */
    int waitingAppends() {
        return writer.waiting();
    }

    /** Commits the appends queued so far and stops the writer; later appends commit on their callers' threads. */
    @Override
    public void close() {
        writer.close();
    }

    /**
     * One group, one transaction. A form of its own: after {@link #close()} callers' threads commit side by side.
     *
     * @throws StateStoreException when the group was not committed (none of its events was)
     */
    void commitGroup(List<AuditEvent> events) {
        Head guess = lastWritten.getAndSet(null);   // whatever happens, a failed group leaves no guess behind
        try {
            CanonicalAuditForm form = new CanonicalAuditForm();
            Head after = guess == null || checkpointAmong(guess.seq(), events.size()) ? null
                    : database.jdbi().withHandle(h -> writeIfHeadIs(h, events, guess, form));
            if (after == null) {
                after = database.jdbi().inTransaction(h -> writeChain(h, events, form));
            }
            lastWritten.set(after);
        } catch (RuntimeException e) {
            StateStoreException failure = SqlFailures.translate("appending " + events.size()
                    + " event(s) to the audit trail", e);
            throw new StateStoreException(failure.getMessage() + "; none of the " + events.size()
                    + " event(s) committed together was written", failure.retryable(), e);
        }
    }

    /**
     * Appends {@code events}, in order, inside the transaction open on {@code h}: they are committed or rolled back
     * with it. This takes the chain head's row lock, which every other appender waits for until that transaction
     * ends, so call it as the transaction's last step. Not counted by {@link #append}'s callers; the caller reports
     * the events once its transaction has committed.
     */
    void appendWithin(Handle h, List<AuditEvent> events) {
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
     *
     * @return the head after these events
     */
    private Head writeChain(Handle h, List<AuditEvent> events, CanonicalAuditForm form) {
        Head head = AuditRows.lockHead(h);
        Rows rows = rows(events, head, form, true);
        StringBuilder sql = new StringBuilder(INSERT_ROWS_PREFIX.length() + events.size() * ROW_PLACEHOLDERS.length()
                + HEAD_UPDATE.length() + 16);
        sql.append(INSERT_ROWS_PREFIX);
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ",").append(ROW_PLACEHOLDERS);
        }
        sql.append(HEAD_UPDATE);
        Update statement = h.createUpdate(sql.toString());
        int position = rows.bind(statement, 0);
        statement.bind(position++, rows.last.seq());
        statement.bind(position, rows.last.hash());
        statement.execute();
        for (AuditCheckpoint checkpoint : rows.checkpoints) {
            AuditCheckpointSigner.insertCheckpoint(h, checkpoint);
        }
        return rows.last;
    }

    /**
     * The group as one autocommitted statement, chained onto {@code expected}: it locks the head only if the head is
     * still {@code expected} (seq and hash), and inserts and moves the head only then. One round trip, commit
     * included, instead of three.
     *
     * @return the head after these events, or null when the head had moved (another process, or a state change's own
     *         events): then nothing was written
     */
    private Head writeIfHeadIs(Handle h, List<AuditEvent> events, Head expected, CanonicalAuditForm form) {
        if (h.isInTransaction()) {
            throw new IllegalStateException("the guarded append must commit by itself (autocommit)");
        }
        Rows rows = rows(events, expected, form, false);
        StringBuilder sql = new StringBuilder(GUARDED_PREFIX.length() + events.size() * TYPED_ROW.length()
                + GUARDED_SUFFIX.length() + 16);
        sql.append(GUARDED_PREFIX);
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ",").append(TYPED_ROW);
        }
        sql.append(GUARDED_SUFFIX);
        Update statement = h.createUpdate(sql.toString());
        statement.bind(0, expected.seq());
        statement.bind(1, expected.hash());
        int position = rows.bind(statement, 2);
        statement.bind(position++, rows.last.seq());
        statement.bind(position, rows.last.hash());
        return statement.execute() == 1 ? rows.last : null;
    }

    /** Whether a checkpoint falls on one of the {@code count} sequence numbers after {@code seq}. */
    private boolean checkpointAmong(long seq, int count) {
        return (seq + count) / checkpointEvery > seq / checkpointEvery;
    }

    /** The events' rows chained onto {@code from}, signing a checkpoint where one falls when {@code sign}. */
    private Rows rows(List<AuditEvent> events, Head from, CanonicalAuditForm form, boolean sign) {
        long seq = from.seq();
        byte[] prev = from.hash();
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
            rows.add(new Object[] {seq, ts, e.node(), e.actor(), integration, e.action().code(), e.outcome().code(),
                    businessKey, e.fileName(), sha256, e.reason(), correlationId, e.remoteCorrelationId(),
                    e.durationMillis(), e.attempt(), fingerprint, e.credentialKeyId(), prev, hash});
            if (seq % checkpointEvery == 0) {
                if (!sign) {
                    throw new IllegalStateException("a checkpoint falls in this group: write it under the head lock");
                }
                checkpoints.add(signer.sign(seq, hash));
            }
            prev = hash;
        }
        return new Rows(rows, new Head(seq, prev), checkpoints);
    }

    /** A group's rows, the head after them, and the checkpoints signed among them. */
    private record Rows(List<Object[]> values, Head last, List<AuditCheckpoint> checkpoints) {
        /** Binds every row's 19 values from {@code position} on; returns the next position. */
        int bind(Update statement, int position) {
            for (Object[] row : values) {
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
            return position;
        }
    }
}
