package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.adapter.persistence.AuditRows.Head;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.CanonicalAuditForm;
import io.jakamoconnector.domain.port.out.StateStoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Appends to the hash chain ({@link CanonicalAuditForm}), signing a checkpoint at every {@code checkpointEvery}-th
 * event. Appends serialise on the one-row chain head ({@code audit_head ... FOR UPDATE}), which keeps one gap-free chain
 * across threads and instances without locking anything else. Within this process, {@link #append}s of all threads
 * are committed in groups by one {@link AuditGroupWriter}: one head lock and one commit per group instead of one
 * each. {@link #append} returns only once its event is committed. {@link #appendWithin} writes events in another unit
 * of work's transaction instead.
 */
final class AuditAppender implements AutoCloseable {
    private static final String INSERT_ROWS_PREFIX = "WITH inserted AS (INSERT INTO audit_event (" + AuditRows.EVENT_COLUMNS
            + ") VALUES ";
    private static final String ROW_PLACEHOLDERS = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Runs once the rows are in: a data-modifying WITH always runs to completion, read or not. */
    private static final String HEAD_UPDATE = " RETURNING seq) UPDATE audit_head SET last_seq = ?, last_hash = ? "
            + "WHERE id";

    private final PostgresDatabase database;
    private final AuditCheckpointSigner signer;
    private final int checkpointEvery;
    private final AuditGroupWriter writer;

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
        try {
            database.jdbi().useTransaction(h -> writeChain(h, events, new CanonicalAuditForm()));
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
     */
    private void writeChain(Handle h, List<AuditEvent> events, CanonicalAuditForm form) {
        Head head = AuditRows.lockHead(h);
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
                checkpoints.add(signer.sign(seq, hash));
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
            AuditCheckpointSigner.insertCheckpoint(h, checkpoint);
        }
    }
}
