package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.adapter.persistence.AuditRows.Head;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.CanonicalAuditForm;
import io.jakamoconnector.domain.port.out.StateStoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Appends to the hash chain ({@link CanonicalAuditForm}), signing a checkpoint at every {@code checkpointEvery}-th
 * event. Appends serialise on the one-row chain head ({@code audit_head ... FOR UPDATE}), which keeps one gap-free chain
 * across threads and instances without locking anything else. Within this process, concurrent appends are combined:
 * whichever thread gets to write takes every event waiting, writes them in one transaction and wakes their threads,
 * so many threads cost one commit instead of one each. {@link #append} returns only once its event is committed.
 * {@link #appendWithin} writes events in another unit of work's transaction instead.
 */
final class AuditAppender {
    private static final int MAX_BATCH = 500;
    private static final String INSERT_ROWS_PREFIX = "WITH inserted AS (INSERT INTO audit_event (" + AuditRows.EVENT_COLUMNS
            + ") VALUES ";
    private static final String ROW_PLACEHOLDERS = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Runs once the rows are in: a data-modifying WITH always runs to completion, read or not. */
    private static final String HEAD_UPDATE = " RETURNING seq) UPDATE audit_head SET last_seq = ?, last_hash = ? "
            + "WHERE id";

    private final PostgresDatabase database;
    private final AuditCheckpointSigner signer;
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

    AuditAppender(PostgresDatabase database, AuditCheckpointSigner signer, int checkpointEvery) {
        this.database = Objects.requireNonNull(database, "database");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.checkpointEvery = checkpointEvery;
    }

    void append(AuditEvent event) {
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
