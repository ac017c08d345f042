package io.jakamoconnector.app.daemon;

import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.validation.ValidationMode;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsCommand;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsResult;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsUseCase;
import io.jakamoconnector.domain.port.in.SendOutboundDocumentsResult;
import io.jakamoconnector.domain.port.in.SendOutboundDocumentsUseCase;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One integration's outbound round: pick up complete files from {@code to_jakamo/} (one scanner, so a file is read
 * once), then send what is due with the configured number of claimants at once.
 */
final class OutboundLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundLoop.class);
    /** Files per pick-up; a file stays offered until archived, so this bounds memory, not throughput. */
    static final int PICK_UP_BATCH = 100;
    /** Documents per claimant per call of the send use case. */
    static final int SEND_BATCH = 20;

    private final IntegrationName integration;
    private final IntegrationKind kind;
    private final ValidationMode validation;
    private final int senders;
    private final PickUpErpDocumentsUseCase pickUp;
    private final SendOutboundDocumentsUseCase send;
    private final String claimantPrefix;
    private final ExecutorService senderPool;
    private final ServiceMetrics metrics;
    private final Clock clock;
    private final BooleanSupplier stopping;
    final LoopState state;
    private final RoundFailureLog failures;

    OutboundLoop(IntegrationName integration, IntegrationKind kind, ValidationMode validation, Duration interval,
                 int senders,
                 PickUpErpDocumentsUseCase pickUp, SendOutboundDocumentsUseCase send, String claimantPrefix,
                 ExecutorService senderPool, ServiceMetrics metrics, Clock clock, BooleanSupplier stopping,
                 StorageOutage outage) {
        this.integration = integration;
        this.kind = kind;
        this.validation = validation;
        this.senders = senders;
        this.pickUp = pickUp;
        this.send = send;
        this.claimantPrefix = claimantPrefix;
        this.senderPool = senderPool;
        this.metrics = metrics;
        this.clock = clock;
        this.stopping = stopping;
        this.state = new LoopState(integration, "outbound", interval);
        state.note(senders + " sender(s)");
        this.failures = new RoundFailureLog(LOG, "outbound", outage);
    }

    @Override
    public void run() {
        if (stopping.getAsBoolean()) {
            return;
        }
        WorkContext work = WorkContext.open(integration, "out");
        try {
            state.began(clock.instant());
            round();
            state.succeeded(clock.instant());
            failures.succeeded(clock.instant());
            metrics.round(integration, "outbound", "ok");
        } catch (RuntimeException e) {
            state.failed(clock.instant(), InboundLoop.describe(e));
            metrics.round(integration, "outbound", "failed");
            failures.failed(clock.instant(), e);
        } finally {
            state.ended();
            work.close();
        }
    }

    private void round() {
        PickUpErpDocumentsResult picked;
        do {
            picked = pickUp.pickUp(new PickUpErpDocumentsCommand(integration, kind, PICK_UP_BATCH, validation));
            metrics.pickedUp(integration, picked);
            if (picked.recorded() + picked.refused() > 0) {
                LOG.info("{} document(s) picked up, {} refused into failed/", picked.recorded(), picked.refused());
            }
        } while (picked.recorded() + picked.refused() >= PICK_UP_BATCH && !stopping.getAsBoolean());
        if (stopping.getAsBoolean()) {
            return;
        }
        SendOutboundDocumentsResult sent = Sending.sendDue(send, integration, claimantPrefix, senders, SEND_BATCH,
                senderPool, stopping, batch -> {
                    metrics.sent(integration, batch);
                    state.succeeded(clock.instant());
                });
        if (Sending.handled(sent) > 0) {
            LOG.info("{} document(s) sent, {} refused by Jakamo, {} deferred, {} dead, {} in doubt", sent.sent(),
                    sent.failed(), sent.deferred(), sent.dead(), sent.inDoubt());
        }
    }
}
