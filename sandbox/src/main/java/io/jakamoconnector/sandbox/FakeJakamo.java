package io.jakamoconnector.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;

/**
 * The fake Jakamo: integrations and their queues, the switches for the API's undocumented variants, and the
 * simulated partners (a supplier that confirms purchase orders and answers claims, customers that place sales
 * orders). Obtained from {@link Sandbox#jakamo()}. Setters return this object for chaining.
 */
public final class FakeJakamo {
    private static final Logger LOG = LoggerFactory.getLogger(FakeJakamo.class);

    private final Registry registry;
    private final Journal journal;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger supplierNumbers = new AtomicInteger(90000);
    private final AtomicInteger claimReplyNumbers = new AtomicInteger(70000);
    private volatile String apiBase;

    private volatile EmptyQueueAnswer emptyQueueAnswer = EmptyQueueAnswer.STATUS_BODY_200;
    private volatile ChangeVerb changeVerb = ChangeVerb.EITHER;
    private volatile RepeatedAck repeatedAck = RepeatedAck.OK;
    private volatile DuplicateOrders duplicateOrders = DuplicateOrders.ACCEPT;
    private volatile boolean requireKnownOrders = true;
    private volatile SupplierReply supplierReply = SupplierReply.CONFIRM_AS_IS;
    private volatile Duration supplierDelay = Duration.ZERO;
    private volatile int supplierDateShiftDays = 7;
    private volatile ClaimReply claimReply = ClaimReply.ACCEPT;
    private volatile String callbackBase;
    private volatile AckUris ackUris = AckUris.STABLE;
    private volatile UnknownPathAnswer unknownPathAnswer = UnknownPathAnswer.ERRORS_BODY_404;

    FakeJakamo(Registry registry, Journal journal, Clock clock, ScheduledExecutorService scheduler) {
        this.registry = registry;
        this.journal = journal;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    void apiBase(String base) {
        this.apiBase = base;
    }

    String apiBase() {
        return apiBase;
    }

    /** Where acknowledgement, confirmation and attachment URIs point: {@link #callbackBase(String)}, else the API. */
    String callbackBase() {
        String base = callbackBase;
        return base == null ? apiBase : base;
    }

    // ---- integrations and mappings -------------------------------------------------------------------------------

    public Integration addIntegration(IntegrationSpec spec) {
        synchronized (registry) {
            if (registry.integrations.containsKey(spec.name)) {
                throw new IllegalArgumentException("name: integration already exists: " + spec.name);
            }
            Registry.IntegrationState state = new Registry.IntegrationState(spec.name, spec.kind);
            state.basicUser = spec.basicUser;
            state.basicPassword = spec.basicPassword;
            state.basicAllowed = spec.basicAllowed;
            registry.integrations.put(spec.name, state);
            return state.snapshot(registry.mappedClientIds(spec.name));
        }
    }

    public Optional<Integration> integration(String name) {
        synchronized (registry) {
            return Optional.ofNullable(registry.integrations.get(name)).map(i -> i.snapshot(registry.mappedClientIds(name)));
        }
    }

    public List<Integration> integrations() {
        synchronized (registry) {
            return registry.integrations.values().stream().map(i -> i.snapshot(registry.mappedClientIds(i.name))).toList();
        }
    }

    /**
     * "Map OAuth2 Application": the app's tokens now read this integration's queue. Creates the integration
     * (purchase-orders for an orders app, claims for a claims app) if it does not exist.
     */
    public FakeJakamo mapApp(String clientId, String integrationName) {
        synchronized (registry) {
            Registry.App app = registry.apps.get(clientId);
            if (app == null) {
                throw new IllegalArgumentException("clientId: no such app: " + clientId);
            }
            Registry.IntegrationState integration = registry.integrations.get(integrationName);
            if (integration == null) {
                IntegrationSpec spec = app.category == PermissionCategory.CLAIMS
                        ? IntegrationSpec.claims(integrationName) : IntegrationSpec.purchaseOrders(integrationName);
                integration = new Registry.IntegrationState(spec.name, spec.kind);
                registry.integrations.put(integrationName, integration);
            }
            if (integration.kind.category() != app.category) {
                throw new IllegalArgumentException("mapping: a " + app.category + " app cannot serve the "
                        + integration.kind.configName() + " integration " + integrationName);
            }
            app.integration = integrationName;
        }
        return this;
    }

    public FakeJakamo unmapApp(String clientId) {
        synchronized (registry) {
            Registry.App app = registry.apps.get(clientId);
            if (app != null) {
                app.integration = null;
            }
        }
        return this;
    }

    /** Sets the integration's basic-auth credentials; whether they work is {@link #allowBasicAuth}/{@link #preventBasicAuth}. */
    public FakeJakamo basicAuth(String integrationName, String username, String password) {
        IntegrationSpec check = IntegrationSpec.purchaseOrders("x").basicAuth(username, password);
        synchronized (registry) {
            Registry.IntegrationState state = state(integrationName);
            state.basicUser = check.basicUser;
            state.basicPassword = check.basicPassword;
        }
        return this;
    }

    public FakeJakamo allowBasicAuth(String integrationName) {
        synchronized (registry) {
            state(integrationName).basicAllowed = true;
        }
        return this;
    }

    /** What Jakamo support does on request once OAuth2 works: basic credentials are answered 401 from now on. */
    public FakeJakamo preventBasicAuth(String integrationName) {
        synchronized (registry) {
            state(integrationName).basicAllowed = false;
        }
        return this;
    }

    // ---- switches for the undocumented variants ------------------------------------------------------------------

    public FakeJakamo emptyQueueAnswer(EmptyQueueAnswer answer) {
        this.emptyQueueAnswer = Objects.requireNonNull(answer, "answer");
        return this;
    }

    public EmptyQueueAnswer emptyQueueAnswer() {
        return emptyQueueAnswer;
    }

    /**
     * The scheme, host and port written into acknowledgement, confirmation and attachment URIs (attachment URIs when the
     * attachment is queued), e.g. {@code https://localhost:<port>} (another name the sandbox's certificate holds, so a
     * second host it also serves), {@code http://127.0.0.1:<port>} (a TLS-offloading front end writing http), or
     * another server's origin; {@code null} for the API base URL (the default). The sandbox answers on whatever name
     * reaches it, so its journal shows whether a client called the other host.
     */
    public FakeJakamo callbackBase(String base) {
        this.callbackBase = base == null ? null : base.replaceAll("/+$", "");
        return this;
    }

    public FakeJakamo ackUris(AckUris variant) {
        this.ackUris = Objects.requireNonNull(variant, "variant");
        return this;
    }

    public AckUris ackUris() {
        return ackUris;
    }

    public FakeJakamo unknownPathAnswer(UnknownPathAnswer answer) {
        this.unknownPathAnswer = Objects.requireNonNull(answer, "answer");
        return this;
    }

    public UnknownPathAnswer unknownPathAnswer() {
        return unknownPathAnswer;
    }

    public FakeJakamo changeVerb(ChangeVerb verb) {
        this.changeVerb = Objects.requireNonNull(verb, "verb");
        return this;
    }

    public ChangeVerb changeVerb() {
        return changeVerb;
    }

    public FakeJakamo repeatedAck(RepeatedAck answer) {
        this.repeatedAck = Objects.requireNonNull(answer, "answer");
        return this;
    }

    public RepeatedAck repeatedAck() {
        return repeatedAck;
    }

    public FakeJakamo duplicateOrders(DuplicateOrders policy) {
        this.duplicateOrders = Objects.requireNonNull(policy, "policy");
        return this;
    }

    public DuplicateOrders duplicateOrders() {
        return duplicateOrders;
    }

    /**
     * Whether a change, status message, attachment, confirmation or OrderResponse must refer to an order the
     * integration knows (422 "Order … not found" otherwise). Default true.
     */
    public FakeJakamo requireKnownOrders(boolean required) {
        this.requireKnownOrders = required;
        return this;
    }

    public boolean requireKnownOrders() {
        return requireKnownOrders;
    }

    // ---- simulated partners --------------------------------------------------------------------------------------

    public FakeJakamo supplierReply(SupplierReply reply) {
        this.supplierReply = Objects.requireNonNull(reply, "reply");
        return this;
    }

    public SupplierReply supplierReply() {
        return supplierReply;
    }

    /** How long the supplier takes to answer an Order or a Claim (default 0: the answer is queued before the POST returns). */
    public FakeJakamo supplierDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("supplierDelay: must not be negative");
        }
        this.supplierDelay = delay;
        return this;
    }

    public Duration supplierDelay() {
        return supplierDelay;
    }

    /** Days added to the requested date by {@link SupplierReply#CHANGE_DELIVERY_DATE} (default 7). */
    public FakeJakamo supplierDateShift(int days) {
        this.supplierDateShiftDays = days;
        return this;
    }

    public FakeJakamo claimReply(ClaimReply reply) {
        this.claimReply = Objects.requireNonNull(reply, "reply");
        return this;
    }

    public ClaimReply claimReply() {
        return claimReply;
    }

    /**
     * The supplier confirms a purchase order again now (a re-confirmation, e.g. a slipped date), answering the
     * latest Order or OrderChange the integration posted for it.
     */
    public QueueMessage confirmOrder(String integrationName, String orderNumber, SupplierReply reply) {
        byte[] latest;
        synchronized (registry) {
            latest = state(integrationName).documents.get(orderNumber);
        }
        if (latest == null) {
            throw new IllegalArgumentException("orderNumber: integration " + integrationName + " never posted order " + orderNumber);
        }
        try {
            return supplierAnswers(integrationName, Xml.parse(latest), orderNumber, reply);
        } catch (Xml.NotWellFormed e) {
            throw new IllegalStateException("a stored, accepted document no longer parses", e);
        }
    }

    /** A customer places an Order on a sales-orders integration's queue; its number is the customer's order number. */
    public QueueMessage placeSalesOrder(String integrationName, String customerOrderNumber) {
        return placeSalesOrder(integrationName, customerOrderNumber, false);
    }

    /** A customer revises an order: an OrderChange on the sales-orders integration's queue. */
    public QueueMessage placeSalesOrderChange(String integrationName, String customerOrderNumber) {
        return placeSalesOrder(integrationName, customerOrderNumber, true);
    }

    private QueueMessage placeSalesOrder(String integrationName, String number, boolean change) {
        byte[] body = Documents.salesOrder(Objects.requireNonNull(number, "customerOrderNumber"), change, today());
        synchronized (registry) {
            Registry.IntegrationState state = state(integrationName);
            if (state.kind != IntegrationKind.SALES_ORDERS) {
                throw new IllegalArgumentException("integration: " + integrationName + " is not a sales-orders integration");
            }
            state.documents.put(number, body);
            return enqueue(state, change ? "OrderChange" : "Order", number, body, true).snapshot();
        }
    }

    /**
     * Puts any XML document at the tail of an integration's queue (e.g. a StatusMessage, or a
     * deliberately odd document). Root and order number are read from it; it must be well-formed.
     */
    public QueueMessage enqueue(String integrationName, String xml) {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        Document document;
        try {
            document = Xml.parse(body);
        } catch (Xml.NotWellFormed e) {
            throw new IllegalArgumentException("xml: not well-formed: " + e.getMessage(), e);
        }
        String root = Xml.rootName(document);
        synchronized (registry) {
            Registry.IntegrationState state = state(integrationName);
            boolean claims = state.kind == IntegrationKind.CLAIMS;
            String number = Xml.documentNumber(document, claims).orElse(null);
            boolean salesOrder = state.kind == IntegrationKind.SALES_ORDERS && (root.equals("Order") || root.equals("OrderChange"));
            if (salesOrder && number != null) {
                state.documents.put(number, body);
            }
            return enqueue(state, root, number, body, salesOrder).snapshot();
        }
    }

    /**
     * A partner attaches a file to an order: the file becomes downloadable and an {@code attachment} message
     * (attribute {@code Jakamo-Attachment-URI}, children {@code Filename}, {@code OrderID}) is queued.
     */
    public QueueMessage enqueueAttachment(String integrationName, String orderNumber, String fileName, byte[] content) {
        String id = UUID.randomUUID().toString();
        String uri = callbackBase() + "/api/attachment/" + id;
        byte[] body = Documents.attachmentMessage(uri, fileName, orderNumber);
        synchronized (registry) {
            Registry.IntegrationState state = state(integrationName);
            registry.attachments.put(id, new Registry.StoredAttachment(id, integrationName, orderNumber, fileName, content.clone()));
            return enqueue(state, "attachment", orderNumber, body, false).snapshot();
        }
    }

    /** The messages waiting, head first. */
    public List<QueueMessage> queue(String integrationName) {
        synchronized (registry) {
            return state(integrationName).queue.stream().map(Registry.StoredMessage::snapshot).toList();
        }
    }

    /** Drops every waiting message without acknowledgement records. */
    public FakeJakamo clearQueue(String integrationName) {
        synchronized (registry) {
            state(integrationName).queue.clear();
        }
        return this;
    }

    /** Order (or claim) numbers the integration has posted or been sent. */
    public Set<String> knownDocuments(String integrationName) {
        synchronized (registry) {
            return new LinkedHashSet<>(state(integrationName).documents.keySet());
        }
    }

    /** Waits until the queue holds a message (e.g. the supplier's delayed answer) and returns the head. */
    public Optional<QueueMessage> awaitMessage(String integrationName, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<QueueMessage> waiting = queue(integrationName);
            if (!waiting.isEmpty()) {
                return Optional.of(waiting.get(0));
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    // ---- used by the endpoints -----------------------------------------------------------------------------------

    /** Caller holds the registry monitor. */
    Registry.StoredMessage enqueue(Registry.IntegrationState state, String root, String number, byte[] body, boolean salesOrder) {
        Registry.StoredMessage message = new Registry.StoredMessage(UUID.randomUUID().toString(), state.name, root, number,
                body, clock.instant(), salesOrder);
        state.queue.addLast(message);
        return message;
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
                    enqueue(state, "ClaimResponse", claimNumber, body, false);
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
            return enqueue(state, "OrderResponse", orderNumber, body, false).snapshot();
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
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("sandbox closing; supplier answer dropped");
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    }

    Instant now() {
        return clock.instant();
    }

    /** Caller holds the registry monitor. */
    Registry.IntegrationState state(String integrationName) {
        Registry.IntegrationState state = registry.integrations.get(integrationName);
        if (state == null) {
            throw new IllegalArgumentException("integration: no such integration: " + integrationName);
        }
        return state;
    }

    List<String> integrationNames() {
        synchronized (registry) {
            return new ArrayList<>(registry.integrations.keySet());
        }
    }

    Journal journal() {
        return journal;
    }
}
