package io.jakamoconnector.app.daemon;

import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.config.IntegrationConfig;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsCommand;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsResult;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsUseCase;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesCommand;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesResult;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesResult.StopReason;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesUseCase;
import io.jakamoconnector.domain.port.in.SendOutboundDocumentsResult;
import io.jakamoconnector.domain.port.in.SendOutboundDocumentsUseCase;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.port.out.QueueLeasePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over some integrations, for {@code sync --once}: first what the ERP dropped goes out (pick-up and
 * sending), then the queue is drained under its lease (so a supplier's quick answer to what was just sent comes back
 * in the same pass). A document still being handed over when the pass starts (a file still being written) is
 * waited for once (the ERP side's settle time), not forever.
 */
public final class OneShotSync {
    private static final Logger LOG = LoggerFactory.getLogger(OneShotSync.class);

    private final ConnectorConfig config;
    private final ReceiveInboundMessagesUseCase receive;
    private final PickUpErpDocumentsUseCase pickUp;
    private final SendOutboundDocumentsUseCase send;
    private final QueueLeasePort leases;
    private final ServiceMetrics metrics;
    private final ErpSides erp;
    private final String holder;

    public OneShotSync(ConnectorConfig config, ReceiveInboundMessagesUseCase receive, PickUpErpDocumentsUseCase pickUp,
                       SendOutboundDocumentsUseCase send, QueueLeasePort leases, ServiceMetrics metrics,
                       ErpSides erp) {
        this.config = config;
        this.receive = receive;
        this.pickUp = pickUp;
        this.send = send;
        this.leases = leases;
        this.metrics = metrics;
        this.erp = erp;
        this.holder = config.node() + "/" + ProcessHandle.current().pid() + "/sync";
    }

    /** Runs the pass over {@code integrations}; {@code stop} ends it early between two steps. */
    public SyncSummary run(List<IntegrationConfig> integrations, SyncProgress progress, BooleanSupplier stop) {
        long began = System.nanoTime();
        int senders = integrations.stream().mapToInt(i -> i.polling().senders()).max().orElse(1);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, senders - 1),
                ConnectorService.threads("jakamo-sync-send"));
        List<SyncSummary.Integration> results = new ArrayList<>();
        try {
            for (IntegrationConfig integration : integrations) {
                if (stop.getAsBoolean()) {
                    break;
                }
                results.add(one(integration, progress, stop, pool));
            }
        } finally {
            pool.shutdownNow();
        }
        return new SyncSummary(results, (System.nanoTime() - began) / 1_000_000, stop.getAsBoolean());
    }

    private SyncSummary.Integration one(IntegrationConfig integration, SyncProgress progress, BooleanSupplier stop,
                                        ExecutorService pool) {
        IntegrationName name = integration.name();
        PickUpErpDocumentsResult picked = new PickUpErpDocumentsResult(0, 0, 0);
        SendOutboundDocumentsResult sent = Sending.empty();
        Optional<String> outboundError = Optional.empty();
        WorkContext outboundWork = WorkContext.open(name, "sync");
        try {
            progress.began(name, SyncProgress.SyncPhase.OUTBOUND, waiting(name));
            AtomicLong done = new AtomicLong();
            boolean waited = false;
            while (!stop.getAsBoolean()) {
                PickUpErpDocumentsResult p = pickUpAll(integration);
                picked = new PickUpErpDocumentsResult(picked.recorded() + p.recorded(), picked.refused() + p.refused(),
                        p.alreadyKnown());
                done.addAndGet(p.refused());
                SendOutboundDocumentsResult s = Sending.sendDue(send, name, holder + "/" + name,
                        integration.polling().senders(), OutboundLoop.SEND_BATCH, pool, stop, batch -> {
                            metrics.sent(name, batch);
                            long now = done.addAndGet(Sending.handled(batch));
                            progress.advanced(name, SyncProgress.SyncPhase.OUTBOUND, now, waiting(name));
                        });
                sent = Sending.plus(sent, s);
                OptionalLong waiting = waiting(name);
                if (waiting.isPresent() && waiting.getAsLong() == 0 || stop.getAsBoolean()) {
                    break;
                }
                if (p.recorded() + p.refused() + s.archived() > 0) {
                    // a backlog larger than one pick-up: archiving made room, so the next files are offered now
                    continue;
                }
                java.time.Duration settle = erp.of(name).settleTime(name);
                if (waited || settle.isZero()) {
                    break;   // what is left waits for a retry time, a person, or a writer still writing
                }
                // documents that were not complete at the first pick-up (a file still being written): wait once
                LOG.info("waiting {} s for documents the ERP handed over that were not complete yet",
                        settle.toSeconds());
                sleep(settle.plusMillis(100), stop);
                waited = true;
            }
        } catch (RuntimeException e) {
            outboundError = Optional.of(InboundLoop.describe(e));
            LOG.warn("outbound phase failed: {}", outboundError.get());
        } finally {
            outboundWork.close();
        }
        long left = waiting(name).orElse(0);
        progress.ended(name, SyncProgress.SyncPhase.OUTBOUND, describe(picked, sent, left, outboundError),
                outboundError.isEmpty() && picked.refused() == 0 && sent.failed() + sent.dead() + sent.inDoubt()
                        + sent.deferred() == 0);

        ReceiveInboundMessagesResult received = new ReceiveInboundMessagesResult(0, 0, 0, 0, 0,
                StopReason.QUEUE_EMPTY, "");
        Optional<String> skipped = Optional.empty();
        Optional<String> inboundError = Optional.empty();
        if (!stop.getAsBoolean()) {
            WorkContext inboundWork = WorkContext.open(name, "sync");
            try {
                progress.began(name, SyncProgress.SyncPhase.INBOUND, OptionalLong.empty());
                Optional<QueueLease> lease = leases.tryAcquire(name, holder);
                if (lease.isEmpty()) {
                    skipped = Optional.of("another instance holds the queue lease (a running service polls it)");
                } else {
                    try (QueueLease held = lease.get()) {
                        received = drain(name, held, progress, stop);
                    }
                    if (received.failed() || received.stoppedBecause() == StopReason.LEASE_LOST) {
                        inboundError = Optional.of(received.detail());
                    }
                }
            } catch (RuntimeException e) {
                inboundError = Optional.of(InboundLoop.describe(e));
                LOG.warn("inbound phase failed: {}", inboundError.get());
            } finally {
                inboundWork.close();
            }
            progress.ended(name, SyncProgress.SyncPhase.INBOUND, describe(received, skipped, inboundError),
                    inboundError.isEmpty() && received.quarantined() == 0);
        }
        return new SyncSummary.Integration(name, picked, sent, outboundError, left, received, skipped, inboundError);
    }

    private PickUpErpDocumentsResult pickUpAll(IntegrationConfig integration) {
        int recorded = 0;
        int refused = 0;
        PickUpErpDocumentsResult p;
        do {
            p = pickUp.pickUp(new PickUpErpDocumentsCommand(integration.name(), integration.kind(),
                    OutboundLoop.PICK_UP_BATCH, integration.validation()));
            metrics.pickedUp(integration.name(), p);
            recorded += p.recorded();
            refused += p.refused();
        } while (p.recorded() + p.refused() >= OutboundLoop.PICK_UP_BATCH);
        return new PickUpErpDocumentsResult(recorded, refused, p.alreadyKnown());
    }

    private ReceiveInboundMessagesResult drain(IntegrationName name, QueueLease lease, SyncProgress progress,
                                               BooleanSupplier stop) {
        int received = 0;
        int delivered = 0;
        int duplicates = 0;
        int quarantined = 0;
        int acknowledged = 0;
        while (true) {
            ReceiveInboundMessagesResult r = receive.receive(new ReceiveInboundMessagesCommand(name, lease,
                    InboundLoop.BATCH));
            metrics.inbound(name, r);
            received += r.received();
            delivered += r.delivered();
            duplicates += r.duplicates();
            quarantined += r.quarantined();
            acknowledged += r.acknowledged();
            progress.advanced(name, SyncProgress.SyncPhase.INBOUND, received, OptionalLong.empty());
            if (r.stoppedBecause() != StopReason.LIMIT_REACHED || stop.getAsBoolean()) {
                return new ReceiveInboundMessagesResult(received, delivered, duplicates, quarantined, acknowledged,
                        r.stoppedBecause(), r.detail());
            }
        }
    }

    /** What the ERP side says still waits to be picked up, if it can tell. */
    private OptionalLong waiting(IntegrationName integration) {
        try {
            return erp.of(integration).waiting(integration);
        } catch (RuntimeException e) {
            return OptionalLong.empty();   // progress only: the pick-up itself reports what is wrong
        }
    }

    private static void sleep(java.time.Duration duration, BooleanSupplier stop) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline && !stop.getAsBoolean()) {
            try {
                TimeUnit.MILLISECONDS.sleep(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static String describe(PickUpErpDocumentsResult picked, SendOutboundDocumentsResult sent, long left,
                           Optional<String> error) {
        StringBuilder text = new StringBuilder();
        text.append(picked.recorded()).append(" picked up, ").append(sent.sent()).append(" sent");
        appendIf(text, picked.refused(), "refused into failed/");
        appendIf(text, sent.failed(), "refused by Jakamo");
        appendIf(text, sent.deferred(), "deferred (will be retried)");
        appendIf(text, sent.dead(), "dead (gave up)");
        appendIf(text, sent.inDoubt(), "in doubt (check Jakamo, then 'messages resolve')");
        if (left > 0) {
            text.append("; ").append(left).append(" document(s) left to pick up");
        }
        error.ifPresent(e -> text.append("; stopped: ").append(e));
        return text.toString();
    }

    static String describe(ReceiveInboundMessagesResult r, Optional<String> skipped, Optional<String> error) {
        if (skipped.isPresent()) {
            return "skipped: " + skipped.get();
        }
        StringBuilder text = new StringBuilder();
        text.append(r.received()).append(" received, ").append(r.delivered()).append(" delivered to from_jakamo, ")
                .append(r.acknowledged()).append(" acknowledged");
        appendIf(text, r.duplicates(), "duplicate(s) not delivered again");
        appendIf(text, r.quarantined(), "quarantined (unreadable; see 'messages list')");
        error.ifPresent(e -> text.append("; stopped: ").append(e));
        return text.toString();
    }

    private static void appendIf(StringBuilder text, int count, String what) {
        if (count > 0) {
            text.append(", ").append(count).append(' ').append(what);
        }
    }
}
