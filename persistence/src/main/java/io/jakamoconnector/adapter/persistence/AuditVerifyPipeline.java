package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.port.out.StateStoreException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Verification's two halves on two threads: the calling thread reads the rows and builds each one's canonical form
 * (the driver's decoding and the JSON, which need no earlier row), one other thread hashes and checks the links in
 * order (the chain is sequential). They meet in a small bounded queue of batches, so the reader runs at most
 * {@link #DEPTH} batches ahead. The chain's checks are the same as on one thread; only where they run changed.
 *
 * <p>Whatever happens, the call ends: a failure while reading (a broken connection, a value that does not decode)
 * stops the hashing thread and is thrown; a failure of the hashing thread stops the reading and is thrown; the first
 * broken link stops both and is returned. A result of "no broken link" is only returned after the hashing thread
 * took every row and the end marker. Plain threads rather than an executor: one short-lived thread per verification,
 * which an operator runs rarely.
 */
final class AuditVerifyPipeline {
    static final int BATCH = 256;
    static final int DEPTH = 16;
    static final String THREAD_NAME = "audit-verify-hash";
    /** How often a reader waiting for room in the queue looks whether the hashing thread has ended. */
    private static final long RECHECK_MILLIS = 20;
    private static final List<DecodedEvent> END = List.of();

    /** One row as read and decoded: its canonical form's bytes, with what the chain compares them against. */
    record DecodedEvent(long seq, Instant ts, byte[] canonical, byte[] storedPrev, byte[] storedHash) {
    }

    /** The rows, read on the calling thread. */
    interface Rows {
        /** Moves to the next row; false at the end. */
        boolean next() throws SQLException;

        /** The current row, decoded. */
        DecodedEvent decode() throws SQLException;
    }

    /** The chain's walk, run on the hashing thread in row order: the broken link, or null when the row holds. */
    interface Links {
        AuditVerification.Broken link(DecodedEvent row);
    }

    private AuditVerifyPipeline() {
    }

    /**
     * Feeds every row to {@code links} in order; returns the first broken link, or null when every row held (the
     * caller then checks the chain's end).
     */
    static AuditVerification.Broken run(Rows rows, Links links) throws SQLException {
        BlockingQueue<List<DecodedEvent>> queue = new ArrayBlockingQueue<>(DEPTH);
        CompletableFuture<AuditVerification.Broken> result = new CompletableFuture<>();
        Thread hasher = new Thread(() -> {
            try {
                result.complete(hashAll(queue, links));
            } catch (InterruptedException e) {
                result.completeExceptionally(e);
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, THREAD_NAME);
        hasher.setDaemon(true);
        hasher.start();
        boolean handedOver = false;
        try {
            List<DecodedEvent> batch = new ArrayList<>(BATCH);
            while (!result.isDone() && rows.next()) {
                batch.add(rows.decode());
                if (batch.size() == BATCH) {
                    hand(queue, batch, result);
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                hand(queue, batch, result);
            }
            hand(queue, END, result);
            handedOver = true;
            return outcome(result);
        } finally {
            if (!handedOver) {
                hasher.interrupt();   // reading failed: the hashing thread must not wait for rows that never come
            }
        }
    }

    private static AuditVerification.Broken hashAll(BlockingQueue<List<DecodedEvent>> queue, Links links)
            throws InterruptedException {
        while (true) {
            List<DecodedEvent> batch = queue.take();
            if (batch == END) {
                return null;
            }
            for (DecodedEvent row : batch) {
                AuditVerification.Broken broken = links.link(row);
                if (broken != null) {
                    return broken;
                }
            }
        }
    }

    /** Puts a batch in the queue unless the hashing thread has ended (a broken link found, or it failed). */
    private static void hand(BlockingQueue<List<DecodedEvent>> queue, List<DecodedEvent> batch,
                             CompletableFuture<AuditVerification.Broken> result) {
        try {
            while (!result.isDone()) {
                if (queue.offer(batch, RECHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateStoreException("verifying the audit trail was interrupted; run it again", true, e);
        }
    }

    private static AuditVerification.Broken outcome(CompletableFuture<AuditVerification.Broken> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateStoreException("verifying the audit trail was interrupted; run it again", true, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new StateStoreException("verifying the audit trail: the hashing thread stopped ("
                    + cause + "); run it again", true, cause);
        }
    }
}
