package io.jakamoconnector.app.daemon;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.in.SendOutboundDocumentsCommand;
import io.jakamoconnector.domain.port.in.SendOutboundDocumentsResult;
import io.jakamoconnector.domain.port.in.SendOutboundDocumentsUseCase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Sends an integration's due documents with several claimants at once. Each claimant claims its own document (the
 * state store's {@code SKIP LOCKED}), so none is sent twice, and the store's ordering rule keeps an OrderChange behind
 * its Order whichever claimant holds which.
 */
final class Sending {
    private Sending() {
    }

    /**
     * Runs {@code senders} claimants until none finds a full batch or {@code stop} says so; the first on the calling
     * thread, the others on {@code pool}. Each batch's result goes to {@code eachBatch} (from several threads).
     */
    static SendOutboundDocumentsResult sendDue(SendOutboundDocumentsUseCase send, IntegrationName integration,
                                               String claimantPrefix, int senders, int batch, ExecutorService pool,
                                               BooleanSupplier stop, Consumer<SendOutboundDocumentsResult> eachBatch) {
        List<Future<SendOutboundDocumentsResult>> others = new ArrayList<>();
        for (int k = 2; k <= senders; k++) {
            String claimant = claimantPrefix + "-" + k;
            others.add(pool.submit(WorkContext.carrying(() -> claimant(send, integration, claimant, batch, stop,
                    eachBatch))));
        }
        SendOutboundDocumentsResult total = claimant(send, integration, claimantPrefix + "-1", batch, stop, eachBatch);
        RuntimeException failure = null;
        for (Future<SendOutboundDocumentsResult> other : others) {
            try {
                total = plus(total, other.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while waiting for the other senders", e);
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof RuntimeException re ? re
                        : new IllegalStateException("a sender failed: " + e.getCause(), e.getCause());
            } catch (CancellationException e) {
                failure = new IllegalStateException("a sender was cancelled by the shutdown", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return total;
    }

    private static SendOutboundDocumentsResult claimant(SendOutboundDocumentsUseCase send, IntegrationName integration,
                                                        String claimant, int batch, BooleanSupplier stop,
                                                        Consumer<SendOutboundDocumentsResult> eachBatch) {
        SendOutboundDocumentsResult total = empty();
        while (true) {
            SendOutboundDocumentsResult result = send.send(new SendOutboundDocumentsCommand(integration, claimant,
                    batch));
            eachBatch.accept(result);
            total = plus(total, result);
            if (handled(result) < batch || stop.getAsBoolean()) {
                return total;
            }
        }
    }

    static int handled(SendOutboundDocumentsResult r) {
        return r.sent() + r.failed() + r.deferred() + r.dead() + r.inDoubt();
    }

    static SendOutboundDocumentsResult empty() {
        return new SendOutboundDocumentsResult(0, 0, 0, 0, 0, 0);
    }

    static SendOutboundDocumentsResult plus(SendOutboundDocumentsResult a, SendOutboundDocumentsResult b) {
        return new SendOutboundDocumentsResult(a.sent() + b.sent(), a.failed() + b.failed(),
                a.deferred() + b.deferred(), a.dead() + b.dead(), a.inDoubt() + b.inDoubt(),
                a.archived() + b.archived());
    }
}
