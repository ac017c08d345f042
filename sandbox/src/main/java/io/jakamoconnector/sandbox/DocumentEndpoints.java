package io.jakamoconnector.sandbox;

import java.net.URLConnection;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;

/**
 * The documents a client posts (orders, changes, status messages, order responses, claims), attachments up and down,
 * and confirm-all: each parsed safely, its root and number checked, journaled byte for byte under the registry's
 * monitor (so the journal's order is the acceptance order), and shown to the simulated partners.
 */
final class DocumentEndpoints {
    private final Registry registry;
    private final Journal journal;
    private final ApiVariants variants;
    private final SimulatedPartners partners;

    DocumentEndpoints(Registry registry, Journal journal, ApiVariants variants, SimulatedPartners partners) {
        this.registry = registry;
        this.journal = journal;
        this.variants = variants;
        this.partners = partners;
    }

    Reply postOrder(Call call, Registry.IntegrationState integration) throws Rejection {
        Document document = parse(call);
        expectRoot(document, "Order");
        String number = number(document, false, "cbc:ID (the buyer's order number)");
        synchronized (registry) {
            if (integration.documents.containsKey(number) && variants.duplicateOrders() == DuplicateOrders.REJECT) {
                throw new Rejection(422, "Order " + number + " already exists.");
            }
            integration.documents.put(number, call.body);
            record(call, DocumentRecord.Kind.DOCUMENT, integration, "Order", number);
        }
        partners.supplierSees(integration.name, document, number);
        call.detail = "accepted Order " + number;
        return Reply.info("Order " + number + " received");
    }

    Reply changeOrder(Call call, Registry.IntegrationState integration, String pathNumber) throws Rejection {
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
            partners.supplierSees(integration.name, document, number);
        }
        call.detail = "accepted " + root + " " + number;
        return Reply.info(root.equals("OrderChange") ? "Order " + number + " updated" : "Status of order " + number + " received");
    }

    Reply uploadAttachment(Call call, Registry.IntegrationState integration, String orderNumber) throws Rejection {
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

    Reply downloadAttachment(Call call, Registry.IntegrationState integration, String id) throws Rejection {
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

    static Reply mappedCompanies() {
        return Reply.json(200, "[{\"CompanyName\":\"Sandbox Supplier Oy\",\"MappedId\":\"VENDOR-123\"},"
                + "{\"CompanyName\":\"Sandbox Customer Oy\",\"MappedId\":\"SANDBOX-CUSTOMER\"}]");
    }

    Reply postOrderResponse(Call call, Registry.IntegrationState integration) throws Rejection {
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

    Reply confirmAll(Call call, Registry.IntegrationState integration, String orderNumber) throws Rejection {
        synchronized (registry) {
            requireKnown(integration, orderNumber, "Order");
            journal.add(new DocumentRecord(journal.nextSequence(), call.startedAt, DocumentRecord.Kind.CONFIRM_ALL, call.endpoint,
                    call.method, integration.name, null, orderNumber, null, call.body, Journal.sha256Hex(call.body)));
        }
        call.detail = "confirmed all changes of " + orderNumber;
        return Reply.info("All changes of order " + orderNumber + " confirmed");
    }

    Reply postClaim(Call call, Registry.IntegrationState integration) throws Rejection {
        Document document = parse(call);
        expectRoot(document, "Claim");
        String number = number(document, true, "ID (the claim number)");
        synchronized (registry) {
            integration.documents.put(number, call.body);
            record(call, DocumentRecord.Kind.DOCUMENT, integration, "Claim", number);
        }
        partners.supplierSeesClaim(integration.name, number);
        call.detail = "accepted Claim " + number;
        return Reply.info("Claim " + number + " received");
    }

    Reply changeClaim(Call call, Registry.IntegrationState integration, String pathNumber) throws Rejection {
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
            partners.supplierSeesClaim(integration.name, number);
        }
        call.detail = "accepted " + root + " " + number;
        return Reply.info(root.equals("ClaimChange") ? "Claim " + number + " updated" : "Status of claim " + number + " received");
    }

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
        if (variants.requireKnownOrders() && !integration.documents.containsKey(number)) {
            throw new Rejection(422, what + " " + number + " not found.");
        }
    }

    /** Caller holds the registry monitor, so the journal order equals the acceptance order. */
    private void record(Call call, DocumentRecord.Kind kind, Registry.IntegrationState integration, String root, String number) {
        journal.add(new DocumentRecord(journal.nextSequence(), call.startedAt, kind, call.endpoint, call.method, integration.name,
                root, number, null, call.body, Journal.sha256Hex(call.body)));
    }
}
