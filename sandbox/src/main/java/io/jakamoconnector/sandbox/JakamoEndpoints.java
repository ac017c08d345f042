package io.jakamoconnector.sandbox;

import java.net.URLConnection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Document;

/**
 * The fake Jakamo API: section 2 of the API notes, with the sandbox's choices where the real API is undocumented
 * (claim paths, ack URL shape, success bodies; see the README). Every call under {@code /api} is authenticated
 * before a fault may strike, so queue readers are counted per integration even while a latency fault holds them.
 */
final class JakamoEndpoints implements Dispatcher.Router, Dispatcher.FaultReplies {
    private static final Set<IntegrationKind> PURCHASE = Set.of(IntegrationKind.PURCHASE_ORDERS);
    private static final Set<IntegrationKind> SALES = Set.of(IntegrationKind.SALES_ORDERS);
    private static final Set<IntegrationKind> ORDERS = Set.of(IntegrationKind.PURCHASE_ORDERS, IntegrationKind.SALES_ORDERS);
    private static final Set<IntegrationKind> CLAIMS = Set.of(IntegrationKind.CLAIMS);
    static final String EMPTY_QUEUE_BODY = "<status>No more messages available.</status>";

    /** An endpoint's work once the caller is known to hold the role and the integration is of the right kind. */
    private interface Handler {
        Reply handle(Call call, Registry.IntegrationState integration) throws Rejection;
    }

    private final FakeJakamo jakamo;
    private final Registry registry;
    private final Journal journal;
    private final ApiAuth auth;
    private final ControlApi control;

    JakamoEndpoints(FakeJakamo jakamo, Registry registry, Journal journal, ApiAuth auth, ControlApi control) {
        this.jakamo = jakamo;
        this.registry = registry;
        this.journal = journal;
        this.auth = auth;
        this.control = control;
    }

    @Override
    public Dispatcher.Route route(Call call) {
        List<String> s = call.segments();
        if (!s.isEmpty() && s.get(0).equals("_sandbox") && control != null) {
            return new Dispatcher.Route(Endpoint.CONTROL, control::handle);
        }
        if (s.size() < 2 || !s.get(0).equals("api")) {
            return unknown();
        }
        String m = call.method;
        String area = s.get(1);
        int n = s.size();
        Dispatcher.Route route;
        if (area.equals("order")) {
            if (n == 2) {
                route = only(call, "POST", Endpoint.ORDER_POST, PermissionCategory.ORDERS, true, PURCHASE, this::postOrder);
            } else if (n == 3 && s.get(2).equals("response")) {
                route = only(call, "GET", Endpoint.QUEUE_READ, PermissionCategory.ORDERS, false, ORDERS, (c, i) -> readQueue(c, i, false));
            } else if (n == 4 && s.get(2).equals("response")) {
                route = only(call, "POST", Endpoint.QUEUE_ACK, PermissionCategory.ORDERS, false, ORDERS, (c, i) -> ack(c, i, s.get(3)));
            } else if (n == 3) {
                route = change(call, Endpoint.ORDER_CHANGE, PermissionCategory.ORDERS, ORDERS, (c, i) -> changeOrder(c, i, s.get(2)));
            } else if (n == 4 && s.get(3).equals("attachment")) {
                route = only(call, "POST", Endpoint.ATTACHMENT_UPLOAD, PermissionCategory.ORDERS, true, ORDERS,
                        (c, i) -> uploadAttachment(c, i, s.get(2)));
            } else if (n == 4 && s.get(3).equals("confirm")) {
                route = only(call, "POST", Endpoint.CONFIRM_ALL, PermissionCategory.ORDERS, true, SALES, (c, i) -> confirmAll(c, i, s.get(2)));
            } else {
                return unknown();
            }
        } else if (area.equals("orderresponse") && n == 2) {
            route = only(call, "POST", Endpoint.ORDER_RESPONSE_POST, PermissionCategory.ORDERS, true, SALES, this::postOrderResponse);
        } else if (area.equals("attachment") && n == 3) {
            route = only(call, "GET", Endpoint.ATTACHMENT_DOWNLOAD, PermissionCategory.ORDERS, false, ORDERS,
                    (c, i) -> downloadAttachment(c, i, s.get(2)));
        } else if (area.equals("mappedcompanies") && n == 2) {
            route = only(call, "GET", Endpoint.MAPPED_COMPANIES, PermissionCategory.ORDERS, false, ORDERS, (c, i) -> mappedCompanies());
        } else if (area.equals("claim")) {
            if (n == 2) {
                route = only(call, "POST", Endpoint.CLAIM_POST, PermissionCategory.CLAIMS, true, CLAIMS, this::postClaim);
            } else if (n == 3 && s.get(2).equals("response")) {
                route = only(call, "GET", Endpoint.CLAIM_QUEUE_READ, PermissionCategory.CLAIMS, false, CLAIMS, (c, i) -> readQueue(c, i, true));
            } else if (n == 4 && s.get(2).equals("response")) {
                route = only(call, "POST", Endpoint.CLAIM_QUEUE_ACK, PermissionCategory.CLAIMS, false, CLAIMS, (c, i) -> ack(c, i, s.get(3)));
            } else if (n == 3) {
                route = change(call, Endpoint.CLAIM_CHANGE, PermissionCategory.CLAIMS, CLAIMS, (c, i) -> changeClaim(c, i, s.get(2)));
            } else {
                return unknown();
            }
        } else {
            return unknown();
        }
        auth.authenticate(call);
        return route;
    }

    private Dispatcher.Route unknown() {
        return new Dispatcher.Route(Endpoint.UNKNOWN, c -> {
            c.detail = "no such endpoint";
            return jakamo.unknownPathAnswer() == UnknownPathAnswer.EMPTY_404 ? Reply.empty(404)
                    : Reply.errors(404, "No HTTP resource was found that matches the request URI.");
        });
    }

    private Dispatcher.Route only(Call call, String method, Endpoint endpoint, PermissionCategory category, boolean write,
            Set<IntegrationKind> kinds, Handler handler) {
        if (!method.equals(call.method)) {
            return notAllowed(endpoint, method);
        }
        return secured(endpoint, category, write, kinds, handler);
    }

    /** {@code /api/order/{id}} and {@code /api/claim/{id}}: PUT or POST, as the change-verb switch allows. */
    private Dispatcher.Route change(Call call, Endpoint endpoint, PermissionCategory category, Set<IntegrationKind> kinds, Handler handler) {
        ChangeVerb verb = jakamo.changeVerb();
        boolean put = call.method.equals("PUT");
        boolean post = call.method.equals("POST");
        if (verb == ChangeVerb.PUT_ONLY && !put) {
            return notAllowed(endpoint, "PUT");
        }
        if (verb == ChangeVerb.POST_ONLY && !post) {
            return notAllowed(endpoint, "POST");
        }
        if (!put && !post) {
            return notAllowed(endpoint, "PUT, POST");
        }
        return secured(endpoint, category, true, kinds, handler);
    }

    private static Dispatcher.Route notAllowed(Endpoint endpoint, String allowed) {
        return new Dispatcher.Route(endpoint, c -> {
            c.detail = "method not allowed";
            return Reply.errors(405, "The requested resource does not support http method '" + c.method + "'.")
                    .withHeader("Allow", allowed);
        });
    }

    private Dispatcher.Route secured(Endpoint endpoint, PermissionCategory category, boolean write, Set<IntegrationKind> kinds,
            Handler handler) {
        return new Dispatcher.Route(endpoint, call -> {
            if (call.authFailure != null) {
                return call.authFailure;
            }
            String role = write ? category.writeRole() : category.readRole();
            if (!call.principal.roles().contains(role)) {
                call.detail = "missing role " + role;
                return Reply.errors(403, "The application lacks the permission " + role + " that "
                        + call.method + " " + call.path() + " needs.");
            }
            Registry.IntegrationState integration;
            synchronized (registry) {
                integration = registry.integrations.get(call.integration);
            }
            if (integration == null) {
                call.detail = "integration missing";
                return Reply.errors(403, "The integration " + call.integration + " does not exist.");
            }
            if (!kinds.contains(integration.kind)) {
                call.detail = "wrong integration kind";
                return Reply.errors(403, "The integration " + integration.name + " is a " + integration.kind.configName()
                        + " integration; " + call.method + " " + call.path() + " is not available to it.");
            }
            try {
                return handler.handle(call, integration);
            } catch (Rejection rejection) {
                call.detail = rejection.getMessage();
                return rejection.reply();
            }
        });
    }

    // ---- queue ---------------------------------------------------------------------------------------------------

    private Reply readQueue(Call call, Registry.IntegrationState integration, boolean claims) {
        Registry.StoredMessage head;
        synchronized (registry) {
            head = integration.queue.peekFirst();
            if (head != null) {
                head.deliveries++;
            }
        }
        if (head == null) {
            call.detail = "queue empty";
            return switch (jakamo.emptyQueueAnswer()) {
                case STATUS_BODY_200 -> Reply.xml(200, EMPTY_QUEUE_BODY);
                case NO_CONTENT_204 -> Reply.empty(204);
                case NOT_FOUND_404 -> Reply.xml(404, EMPTY_QUEUE_BODY);
            };
        }
        call.messageId = head.id;
        call.detail = "delivered " + head.rootElement;
        String base = jakamo.callbackBase();
        String ackId = jakamo.ackUris() == AckUris.NEW_PER_READ ? head.id + "~" + head.deliveries : head.id;
        Reply reply = Reply.xml(200, head.body)
                .withHeader("X-Acknowledge-Uri", base + (claims ? "/api/claim/response/" : "/api/order/response/") + ackId);
        if (head.documentNumber != null) {
            reply = reply.withHeader(claims ? "Jakamo-Claim-Number" : "Jakamo-Order-Number", head.documentNumber);
        }
        if (head.salesOrder && head.documentNumber != null) {
            reply = reply.withHeader("Jakamo-Confirm-Url",
                    base + "/api/order/" + Call.percentEncodeSegment(head.documentNumber) + "/confirm");
        }
        return reply;
    }

    private Reply ack(Call call, Registry.IntegrationState integration, String ackId) {
        int tilde = ackId.indexOf('~');
        String messageId = tilde < 0 ? ackId : ackId.substring(0, tilde);
        call.messageId = messageId;
        synchronized (registry) {
            Registry.StoredMessage waiting = integration.queue.stream().filter(m -> m.id.equals(messageId)).findFirst().orElse(null);
            if (waiting != null && jakamo.ackUris() == AckUris.NEW_PER_READ
                    && !ackId.equals(messageId + "~" + waiting.deliveries)) {
                call.detail = "stale acknowledgement URI";
                return Reply.errors(404, "Message " + ackId + " was not found in the queue.");
            }
            if (waiting != null) {
                integration.queue.remove(waiting);
                integration.cleared.put(messageId, waiting);
                journal.add(new AckRecord(journal.nextSequence(), jakamo.now(), integration.name, messageId, waiting.rootElement,
                        waiting.documentNumber, waiting.deliveries, false));
                call.detail = "cleared";
                return Reply.info("Message cleared from the queue");
            }
            Registry.StoredMessage cleared = integration.cleared.get(messageId);
            if (cleared != null) {
                journal.add(new AckRecord(journal.nextSequence(), jakamo.now(), integration.name, messageId, cleared.rootElement,
                        cleared.documentNumber, cleared.deliveries, true));
                call.detail = "already cleared";
                return jakamo.repeatedAck() == RepeatedAck.OK
                        ? Reply.info("Message cleared from the queue")
                        : Reply.errors(404, "Message " + messageId + " was not found in the queue.");
            }
        }
        call.detail = "unknown message";
        return Reply.errors(404, "Message " + messageId + " was not found in the queue.");
    }

    // ---- purchase orders -----------------------------------------------------------------------------------------

    private Reply postOrder(Call call, Registry.IntegrationState integration) throws Rejection {
        Document document = parse(call);
        expectRoot(document, "Order");
        String number = number(document, false, "cbc:ID (the buyer's order number)");
        synchronized (registry) {
            if (integration.documents.containsKey(number) && jakamo.duplicateOrders() == DuplicateOrders.REJECT) {
                throw new Rejection(422, "Order " + number + " already exists.");
            }
            integration.documents.put(number, call.body);
            record(call, DocumentRecord.Kind.DOCUMENT, integration, "Order", number);
        }
        jakamo.supplierSees(integration.name, document, number);
        call.detail = "accepted Order " + number;
        return Reply.info("Order " + number + " received");
    }

    private Reply changeOrder(Call call, Registry.IntegrationState integration, String pathNumber) throws Rejection {
        Document document = parse(call);
        boolean sales = integration.kind == IntegrationKind.SALES_ORDERS;
        String root = sales ? expectRoot(document, "StatusMessage") : expectRoot(document, "OrderChange", "StatusMessage");
        String number = number(document, false, root.equals("StatusMessage") ? "OrderID (the buyer's order number)"
                : "cbc:ID (the buyer's order number)");
        if (!number.equals(pathNumber)) {
            throw new Rejection(422, "The order number in the path (" + pathNumber + ") differs from the document's (" + number + ").");
        }
        synchronized (registry) {
            requireKnown(integration, number, "Order");
            if (root.equals("OrderChange")) {
                integration.documents.put(number, call.body);
            }
            record(call, DocumentRecord.Kind.DOCUMENT, integration, root, number);
        }
        if (root.equals("OrderChange")) {
            jakamo.supplierSees(integration.name, document, number);
        }
        call.detail = "accepted " + root + " " + number;
        return Reply.info(root.equals("OrderChange") ? "Order " + number + " updated" : "Status of order " + number + " received");
    }

    private Reply uploadAttachment(Call call, Registry.IntegrationState integration, String orderNumber) throws Rejection {
        String boundary = Multipart.boundary(call.header("Content-Type"))
                .orElseThrow(() -> new Rejection(415, "Expected multipart/form-data with a boundary."));
        List<Multipart.Part> parts;
        try {
            parts = Multipart.parse(call.body, boundary);
        } catch (IllegalArgumentException e) {
            throw new Rejection(400, "The multipart body is broken: " + e.getMessage());
        }
        Multipart.Part part = parts.stream().filter(p -> "Attachment".equals(p.name())).findFirst()
                .orElseThrow(() -> new Rejection(400, "The multipart body has no part named 'Attachment'."));
        if (part.fileName() == null || part.fileName().isBlank()) {
            throw new Rejection(400, "The 'Attachment' part has no filename.");
        }
        synchronized (registry) {
            requireKnown(integration, orderNumber, "Order");
            journal.add(new DocumentRecord(journal.nextSequence(), call.startedAt, DocumentRecord.Kind.ATTACHMENT, call.endpoint,
                    call.method, integration.name, null, orderNumber, part.fileName(), part.content(),
                    Journal.sha256Hex(part.content())));
        }
        call.detail = "accepted attachment for " + orderNumber;
        return Reply.info("Attachment " + part.fileName() + " added to order " + orderNumber);
    }

    private Reply downloadAttachment(Call call, Registry.IntegrationState integration, String id) throws Rejection {
        Registry.StoredAttachment attachment;
        synchronized (registry) {
            attachment = registry.attachments.get(id);
        }
        if (attachment == null || !attachment.integration().equals(integration.name)) {
            throw new Rejection(404, "Attachment " + id + " was not found.");
        }
        String type = Optional.ofNullable(URLConnection.guessContentTypeFromName(attachment.fileName())).orElse("application/octet-stream");
        call.detail = "sent attachment " + id;
        return Reply.of(200, type, attachment.content())
                .withHeader("Content-Disposition", "attachment; filename=\"" + attachment.fileName().replace("\"", "") + "\"");
    }

    private static Reply mappedCompanies() {
        return Reply.json(200, "[{\"CompanyName\":\"Sandbox Supplier Oy\",\"MappedId\":\"VENDOR-123\"},"
                + "{\"CompanyName\":\"Sandbox Customer Oy\",\"MappedId\":\"SANDBOX-CUSTOMER\"}]");
    }

    // ---- sales orders --------------------------------------------------------------------------------------------

    private Reply postOrderResponse(Call call, Registry.IntegrationState integration) throws Rejection {
        Document document = parse(call);
        expectRoot(document, "OrderResponse");
        String number = number(document, false, "cac:OrderReference/cbc:ID (the customer's order number)");
        synchronized (registry) {
            requireKnown(integration, number, "Order");
            record(call, DocumentRecord.Kind.DOCUMENT, integration, "OrderResponse", number);
        }
        call.detail = "accepted OrderResponse " + number;
        return Reply.info("Order response for order " + number + " received");
    }

    private Reply confirmAll(Call call, Registry.IntegrationState integration, String orderNumber) throws Rejection {
        synchronized (registry) {
            requireKnown(integration, orderNumber, "Order");
            journal.add(new DocumentRecord(journal.nextSequence(), call.startedAt, DocumentRecord.Kind.CONFIRM_ALL, call.endpoint,
                    call.method, integration.name, null, orderNumber, null, call.body, Journal.sha256Hex(call.body)));
        }
        call.detail = "confirmed all changes of " + orderNumber;
        return Reply.info("All changes of order " + orderNumber + " confirmed");
    }

    // ---- claims --------------------------------------------------------------------------------------------------

    private Reply postClaim(Call call, Registry.IntegrationState integration) throws Rejection {
        Document document = parse(call);
        expectRoot(document, "Claim");
        String number = number(document, true, "ID (the claim number)");
        synchronized (registry) {
            integration.documents.put(number, call.body);
            record(call, DocumentRecord.Kind.DOCUMENT, integration, "Claim", number);
        }
        jakamo.supplierSeesClaim(integration.name, number);
        call.detail = "accepted Claim " + number;
        return Reply.info("Claim " + number + " received");
    }

    private Reply changeClaim(Call call, Registry.IntegrationState integration, String pathNumber) throws Rejection {
        Document document = parse(call);
        String root = expectRoot(document, "ClaimChange", "StatusMessage");
        String number = number(document, true, root.equals("StatusMessage") ? "ClaimID (the claim number)" : "ID (the claim number)");
        if (!number.equals(pathNumber)) {
            throw new Rejection(422, "The claim number in the path (" + pathNumber + ") differs from the document's (" + number + ").");
        }
        synchronized (registry) {
            requireKnown(integration, number, "Claim");
            if (root.equals("ClaimChange")) {
                integration.documents.put(number, call.body);
            }
            record(call, DocumentRecord.Kind.DOCUMENT, integration, root, number);
        }
        if (root.equals("ClaimChange")) {
            jakamo.supplierSeesClaim(integration.name, number);
        }
        call.detail = "accepted " + root + " " + number;
        return Reply.info(root.equals("ClaimChange") ? "Claim " + number + " updated" : "Status of claim " + number + " received");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static Document parse(Call call) throws Rejection {
        try {
            return Xml.parse(call.body);
        } catch (Xml.NotWellFormed e) {
            throw new Rejection(400, "The request body is not well-formed XML: " + e.getMessage());
        }
    }

    private static String expectRoot(Document document, String... roots) throws Rejection {
        String root = Xml.rootName(document);
        for (String expected : roots) {
            if (expected.equals(root)) {
                return root;
            }
        }
        throw new Rejection(422, "Expected the root element " + String.join(" or ", roots) + " but found " + root + ".");
    }

    private static String number(Document document, boolean claim, String what) throws Rejection {
        return Xml.documentNumber(document, claim).orElseThrow(() -> new Rejection(422, "The document has no " + what + "."));
    }

    /** Caller holds the registry monitor. */
    private void requireKnown(Registry.IntegrationState integration, String number, String what) throws Rejection {
        if (jakamo.requireKnownOrders() && !integration.documents.containsKey(number)) {
            throw new Rejection(422, what + " " + number + " not found.");
        }
    }

    /** Caller holds the registry monitor, so the journal order equals the acceptance order. */
    private void record(Call call, DocumentRecord.Kind kind, Registry.IntegrationState integration, String root, String number) {
        journal.add(new DocumentRecord(journal.nextSequence(), call.startedAt, kind, call.endpoint, call.method, integration.name,
                root, number, null, call.body, Journal.sha256Hex(call.body)));
    }

    @Override
    public Reply tooManyRequests(Call call, int retryAfterSeconds) {
        Reply reply = Reply.errors(429, "Too many requests. Try again later.");
        return retryAfterSeconds > 0 ? reply.withHeader("Retry-After", Integer.toString(retryAfterSeconds)) : reply;
    }

    /** 500 comes from the application (XML); other 5xx from the gateway in front of it (HTML), as in real life. */
    @Override
    public Reply serverError(Call call, int status, int retryAfterSeconds) {
        Reply reply = status == 500
                ? Reply.errors(500, "An error has occurred.")
                : Reply.of(status, "text/html; charset=utf-8", ("<html><head><title>" + status + "</title></head><body><h1>"
                        + status + " " + reason(status) + "</h1></body></html>\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return retryAfterSeconds > 0 ? reply.withHeader("Retry-After", Integer.toString(retryAfterSeconds)) : reply;
    }

    private static String reason(int status) {
        return switch (status) {
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Server Error";
        };
    }
}
