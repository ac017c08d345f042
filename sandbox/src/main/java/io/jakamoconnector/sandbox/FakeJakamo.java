package io.jakamoconnector.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The fake Jakamo: integrations and their queues, the switches for the API's undocumented variants, and the
 * simulated partners (a supplier that confirms purchase orders and answers claims, customers that place sales
 * orders). Obtained from {@link Sandbox#jakamo()}. Setters return this object for chaining.
 *
 * <p>This is the public face; the work is done by {@link IntegrationQueues} (queues and known documents),
 * {@link ApiVariants} (the switches) and {@link SimulatedPartners} (the other side), which the endpoints share.
 */
public final class FakeJakamo {
    private final Registry registry;
    private final ApiVariants variants = new ApiVariants();
    private final IntegrationQueues queues;
    private final SimulatedPartners partners;

    FakeJakamo(Registry registry, Clock clock, ScheduledExecutorService scheduler) {
        this.registry = registry;
        this.queues = new IntegrationQueues(registry, variants, clock);
        this.partners = new SimulatedPartners(registry, queues, clock, scheduler);
    }

    ApiVariants variants() {
        return variants;
    }

    SimulatedPartners partners() {
        return partners;
    }

    void apiBase(String base) {
        variants.apiBase(base);
    }

    /** Where acknowledgement, confirmation and attachment URIs point: {@link #callbackBase(String)}, else the API. */
    String callbackBase() {
        return variants.callbackBase();
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
        variants.emptyQueueAnswer(answer);
        return this;
    }

    public EmptyQueueAnswer emptyQueueAnswer() {
        return variants.emptyQueueAnswer();
    }

    /**
     * The scheme, host and port written into acknowledgement, confirmation and attachment URIs (attachment URIs when the
     * attachment is queued), e.g. {@code https://localhost:<port>} (another name the sandbox's certificate holds, so a
     * second host it also serves), {@code http://127.0.0.1:<port>} (a TLS-offloading front end writing http), or
     * another server's origin; {@code null} for the API base URL (the default). The sandbox answers on whatever name
     * reaches it, so its journal shows whether a client called the other host.
     */
    public FakeJakamo callbackBase(String base) {
        variants.callbackBase(base);
        return this;
    }

    public FakeJakamo ackUris(AckUris variant) {
        variants.ackUris(variant);
        return this;
    }

    public AckUris ackUris() {
        return variants.ackUris();
    }

    public FakeJakamo unknownPathAnswer(UnknownPathAnswer answer) {
        variants.unknownPathAnswer(answer);
        return this;
    }

    public UnknownPathAnswer unknownPathAnswer() {
        return variants.unknownPathAnswer();
    }

    public FakeJakamo changeVerb(ChangeVerb verb) {
        variants.changeVerb(verb);
        return this;
    }

    public ChangeVerb changeVerb() {
        return variants.changeVerb();
    }

    public FakeJakamo repeatedAck(RepeatedAck answer) {
        variants.repeatedAck(answer);
        return this;
    }

    public RepeatedAck repeatedAck() {
        return variants.repeatedAck();
    }

    public FakeJakamo duplicateOrders(DuplicateOrders policy) {
        variants.duplicateOrders(policy);
        return this;
    }

    public DuplicateOrders duplicateOrders() {
        return variants.duplicateOrders();
    }

    /**
     * Whether a change, status message, attachment, confirmation or OrderResponse must refer to an order the
     * integration knows (422 "Order … not found" otherwise). Default true.
     */
    public FakeJakamo requireKnownOrders(boolean required) {
        variants.requireKnownOrders(required);
        return this;
    }

    public boolean requireKnownOrders() {
        return variants.requireKnownOrders();
    }

    // ---- simulated partners --------------------------------------------------------------------------------------

    public FakeJakamo supplierReply(SupplierReply reply) {
        partners.supplierReply(reply);
        return this;
    }

    public SupplierReply supplierReply() {
        return partners.supplierReply();
    }

    /** How long the supplier takes to answer an Order or a Claim (default 0: the answer is queued before the POST returns). */
    public FakeJakamo supplierDelay(Duration delay) {
        partners.supplierDelay(delay);
        return this;
    }

    public Duration supplierDelay() {
        return partners.supplierDelay();
    }

    /** Days added to the requested date by {@link SupplierReply#CHANGE_DELIVERY_DATE} (default 7). */
    public FakeJakamo supplierDateShift(int days) {
        partners.supplierDateShift(days);
        return this;
    }

    public FakeJakamo claimReply(ClaimReply reply) {
        partners.claimReply(reply);
        return this;
    }

    public ClaimReply claimReply() {
        return partners.claimReply();
    }

    /**
     * The supplier confirms a purchase order again now (a re-confirmation, e.g. a slipped date), answering the
     * latest Order or OrderChange the integration posted for it.
     */
    public QueueMessage confirmOrder(String integrationName, String orderNumber, SupplierReply reply) {
        return partners.confirmOrder(integrationName, orderNumber, reply);
    }

    /** A customer places an Order on a sales-orders integration's queue; its number is the customer's order number. */
    public QueueMessage placeSalesOrder(String integrationName, String customerOrderNumber) {
        return partners.placeSalesOrder(integrationName, customerOrderNumber, false);
    }

    /** A customer revises an order: an OrderChange on the sales-orders integration's queue. */
    public QueueMessage placeSalesOrderChange(String integrationName, String customerOrderNumber) {
        return partners.placeSalesOrder(integrationName, customerOrderNumber, true);
    }

    // ---- queues --------------------------------------------------------------------------------------------------

    /**
     * Puts any XML document at the tail of an integration's queue (e.g. a StatusMessage, or a
     * deliberately odd document). Root and order number are read from it; it must be well-formed.
     */
    public QueueMessage enqueue(String integrationName, String xml) {
        return queues.enqueue(integrationName, xml);
    }

    /**
     * A partner attaches a file to an order: the file becomes downloadable and an {@code attachment} message
     * (attribute {@code Jakamo-Attachment-URI}, children {@code Filename}, {@code OrderID}) is queued.
     */
    public QueueMessage enqueueAttachment(String integrationName, String orderNumber, String fileName, byte[] content) {
        return queues.enqueueAttachment(integrationName, orderNumber, fileName, content);
    }

    /** The messages waiting, head first. */
    public List<QueueMessage> queue(String integrationName) {
        return queues.queue(integrationName);
    }

    /** Drops every waiting message without acknowledgement records. */
    public FakeJakamo clearQueue(String integrationName) {
        queues.clearQueue(integrationName);
        return this;
    }

    /** Order (or claim) numbers the integration has posted or been sent. */
    public Set<String> knownDocuments(String integrationName) {
        return queues.knownDocuments(integrationName);
    }

    /** Waits until the queue holds a message (e.g. the supplier's delayed answer) and returns the head. */
    public Optional<QueueMessage> awaitMessage(String integrationName, Duration timeout) {
        return queues.awaitMessage(integrationName, timeout);
    }

    /** Caller holds the registry monitor. */
    private Registry.IntegrationState state(String integrationName) {
        return queues.state(integrationName);
    }
}
