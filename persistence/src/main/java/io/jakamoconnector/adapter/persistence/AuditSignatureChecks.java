package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.port.out.StateStoreException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * The Ed25519 checks of the database's checkpoints during a verification, run ahead on a thread of their own, so the
 * chain's hashing thread (its critical path) pays only for SHA-256. A checkpoint's signature depends on nothing the
 * chain computes, only on the checkpoint's own fields and the key, so it can be checked before the walk reaches it.
 * The walk still asks at the checkpoint's row ({@link #problem}), waiting if the check is not done yet, and reports a
 * bad signature there: what a verification reports, and at which event, is the same as with the check inline.
 *
 * <p>The thread checks in sequence order, so the one the walk needs next is done first, and at most {@link #AHEAD}
 * checkpoints beyond the last one the walk asked for: a walk that stops early (a broken link, or a verification from a
 * checkpoint that ends at the first mutation) must not pay for the signatures of the rest of the trail. If a check
 * throws, that
 * checkpoint and every later one carry the failure, and the walk throws it when it reaches the first of them: the
 * call ends with it, as it did when the check ran on the hashing thread. Without checkpoints no thread is started.
 */
final class AuditSignatureChecks implements AutoCloseable {
    static final String THREAD_NAME = "audit-verify-signatures";
    /** Checkpoints checked ahead of the walk: a checkpoint every 1,000 events by default, so 4,000 events' hashing. */
    static final int AHEAD = 4;

    private final Map<Long, CompletableFuture<Optional<String>>> results;
    private final Thread thread;
    /** A permit per check the thread may do before the walk asks for another result. */
    private final Semaphore ahead = new Semaphore(AHEAD);
    private volatile boolean closed;

    private AuditSignatureChecks(Collection<AuditCheckpoint> inOrder,
                                 Function<AuditCheckpoint, Optional<String>> check) {
        Map<Long, CompletableFuture<Optional<String>>> byseq = new HashMap<>();
        List<CompletableFuture<Optional<String>>> order = new ArrayList<>(inOrder.size());
        for (AuditCheckpoint checkpoint : inOrder) {
            CompletableFuture<Optional<String>> future = new CompletableFuture<>();
            byseq.put(checkpoint.seq(), future);
            order.add(future);
        }
        this.results = byseq;
        if (order.isEmpty()) {
            this.thread = null;
            return;
        }
        List<AuditCheckpoint> checkpoints = List.copyOf(inOrder);
        this.thread = new Thread(() -> checkAll(checkpoints, order, check), THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts checking {@code inOrder} (ascending sequence numbers) with {@code check}, which returns the problem of a
     * checkpoint or empty when its signature holds.
     */
    static AuditSignatureChecks start(Collection<AuditCheckpoint> inOrder,
                                      Function<AuditCheckpoint, Optional<String>> check) {
        return new AuditSignatureChecks(inOrder, check);
    }

    private void checkAll(List<AuditCheckpoint> checkpoints, List<CompletableFuture<Optional<String>>> order,
                          Function<AuditCheckpoint, Optional<String>> check) {
        int i = 0;
        Throwable failure = null;
        try {
            for (; i < checkpoints.size() && !closed; i++) {
                ahead.acquire();
                order.get(i).complete(check.apply(checkpoints.get(i)));
            }
        } catch (InterruptedException e) {
            failure = new IllegalStateException("the checkpoints' signature checks were stopped: the verification "
                    + "ended", e);
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            // whoever still waits (nobody, unless the walk outlived close()) gets an answer rather than a hang
            Throwable answer = failure != null ? failure : new IllegalStateException("the checkpoints' signature "
                    + "checks were stopped: the verification ended");
            for (; i < order.size(); i++) {
                order.get(i).completeExceptionally(answer);
            }
        }
    }

    /**
     * The problem of the checkpoint at {@code seq} (one of those given to {@link #start}), empty when its signature
     * holds; waits for its check. Throws what the check threw.
     */
    Optional<String> problem(long seq) {
        CompletableFuture<Optional<String>> result = results.get(seq);
        if (result == null) {
            throw new IllegalStateException("no signature check was started for the checkpoint at " + seq);
        }
        try {
            Optional<String> problem = result.get();
            ahead.release();
            return problem;
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
            throw new IllegalStateException("checking a checkpoint's signature failed", cause);
        }
    }

    /** Stops checking (the walk ended, or failed): the thread ends after the check in hand. */
    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
