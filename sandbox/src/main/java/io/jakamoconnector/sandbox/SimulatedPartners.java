package io.jakamoconnector.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;

/**
 * The other side of the integrations: a supplier that answers a buyer's Order, OrderChange, Claim and ClaimChange
 * after {@code supplierDelay} (an OrderResponse or ClaimResponse on the posting integration's queue), and customers
 * that place sales orders. Set through {@link FakeJakamo}, which documents each switch.
 */
final class SimulatedPartners {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedPartners.class);

    private final Registry registry;
    private final IntegrationQueues queues;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger supplierNumbers = new AtomicInteger(90000);
    private final AtomicInteger claimReplyNumbers = new AtomicInteger(70000);

    private volatile SupplierReply supplierReply = SupplierReply.CONFIRM_AS_IS;
    private volatile Duration supplierDelay = Duration.ZERO;
    private volatile int supplierDateShiftDays = 7;
    private volatile ClaimReply claimReply = ClaimReply.ACCEPT;

    SimulatedPartners(Registry registry, IntegrationQueues queues, Clock clock, ScheduledExecutorService scheduler) {
        this.registry = registry;
        this.queues = queues;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    void supplierReply(SupplierReply reply) {
        this.supplierReply = Objects.requireNonNull(reply, "reply");
    }

    SupplierReply supplierReply() {
        return supplierReply;
    }

    void supplierDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("supplierDelay: must not be negative");
        }
        this.supplierDelay = delay;
    }

    Duration supplierDelay() {
        return supplierDelay;
    }

    void supplierDateShift(int days) {
        this.supplierDateShiftDays = days;
    }

    void claimReply(ClaimReply reply) {
        this.claimReply = Objects.requireNonNull(reply, "reply");
    }

    ClaimReply claimReply() {
        return claimReply;
    }

    /** The supplier answers the latest Order or OrderChange the integration posted for the order, now. */
    QueueMessage confirmOrder(String integrationName, String orderNumber, SupplierReply reply) {
        byte[] latest = queues.latestDocument(integrationName, orderNumber);
        if (latest == null) {
            throw new IllegalArgumentException("orderNumber: integration " + integrationName + " never posted order " + orderNumber);
        }
        try {
            return supplierAnswers(integrationName, Xml.parse(latest), orderNumber, reply);
        } catch (Xml.NotWellFormed e) {
            throw new IllegalStateException("a stored, accepted document no longer parses", e);
        }
    }

    /** A customer's Order (or OrderChange) on a sales-orders integration's queue. */
    QueueMessage placeSalesOrder(String integrationName, String number, boolean change) {
        byte[] body = Documents.salesOrder(Objects.requireNonNull(number, "customerOrderNumber"), change, today());
        synchronized (registry) {
            Registry.IntegrationState state = queues.state(integrationName);
            if (state.kind != IntegrationKind.SALES_ORDERS) {
                throw new IllegalArgumentException("integration: " + integrationName + " is not a sales-orders integration");
            }
            state.documents.put(number, body);
            return queues.enqueue(state, change ? "OrderChange" : "Order", number, body, true).snapshot();
        }
    }

    /** The supplier saw a buyer's Order or OrderChange: answer it after the configured delay. */
    void supplierSees(String integrationName, Document order, String orderNumber) {
        SupplierReply reply = supplierReply;
        if (reply == SupplierReply.NONE) {
            return;
        }
        later(() -> supplierAnswers(integrationName, order, orderNumber, reply));
    }

    /** The supplier saw a Claim or ClaimChange. */
    void supplierSeesClaim(String integrationName, String claimNumber) {
        ClaimReply reply = claimReply;
        if (reply == ClaimReply.NONE) {
            return;
        }
        later(() -> {
            byte[] body = Documents.claimResponse(claimNumber, "CR-" + claimReplyNumbers.incrementAndGet(), reply, today());
            synchronized (registry) {
                Registry.IntegrationState state = registry.integrations.get(integrationName);
                if (state != null) {
                    queues.enqueue(state, "ClaimResponse", claimNumber, body, false);
                }
            }
        });
    }

    private QueueMessage supplierAnswers(String integrationName, Document order, String orderNumber, SupplierReply reply) {
        byte[] body = Documents.orderResponse(order, orderNumber, "SO-" + supplierNumbers.incrementAndGet(), reply,
                supplierDateShiftDays, today());
        synchronized (registry) {
            Registry.IntegrationState state = registry.integrations.get(integrationName);
            if (state == null) {
                return null;
            }
            return queues.enqueue(state, "OrderResponse", orderNumber, body, false).snapshot();
        }
    }

    private void later(Runnable action) {
        Duration delay = supplierDelay;
        if (delay.isZero()) {
            action.run();
            return;
        }
        try {
            scheduler.schedule(() -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.warn("the simulated supplier failed", e);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("sandbox closing; supplier answer dropped");
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
