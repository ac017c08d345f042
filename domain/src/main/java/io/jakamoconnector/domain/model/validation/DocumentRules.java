package io.jakamoconnector.domain.model.validation;

import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.LocatedElement;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each document type the connector sends must contain. Elements are found by local name in any namespace:
 * Jakamo's own connector reads documents so, and Jakamo's sample OrderResponse carries the Order namespace.
 *
 * <p>An ERROR is what Jakamo certainly refuses or cannot route: the number that names the order, the UBL 2.1
 * mandatory header elements its documentation lists, the supplier the order goes to, lines each wrapped in their own
 * {@code cac:OrderLine} with an id, a quantity with its unit and an item. A WARNING is what its documentation does
 * not settle: a missing namespace, duplicate line ids, parties of an OrderResponse.
 */
final class DocumentRules {
    private DocumentRules() {
    }

    static void check(DocumentType type, LocatedElement root, Findings f) {
        switch (type) {
            case ORDER, ORDER_CHANGE -> order(type, root, f);
            case ORDER_RESPONSE -> orderResponse(root, f);
            case STATUS_MESSAGE -> statusMessage(root, f);
            case CLAIM, CLAIM_CHANGE -> required(root, "ID", Severity.ERROR,
                    "the claim number directly under the root", f);
            case CONFIRM_ALL_CHANGES -> {
                required(root, "OrderID", Severity.ERROR,
                        "the customer's order number directly under the root", f);
                required(root, "ID", Severity.WARNING,
                        "your own reference for this instruction, so a later one for the same order is not a copy", f);
            }
            case CLAIM_RESPONSE, ATTACHMENT, UNKNOWN -> {
                // not sent as XML by the connector (attachments) or refused before validation (unknown roots)
            }
        }
    }

    private static void order(DocumentType type, LocatedElement root, Findings f) {
        namespace(type, root, f);
        required(root, "cbc:ID", Severity.ERROR, type == DocumentType.ORDER
                ? "cbc:ID directly under the root: the buyer's order number"
                : "cbc:ID directly under the root: the buyer's number of the order this changes", f);
        required(root, "cbc:IssueDate", Severity.ERROR, "cbc:IssueDate, the date the order was issued (YYYY-MM-DD)", f);
        party(root, "BuyerCustomerParty", Severity.ERROR, Severity.WARNING,
                "your company as mapped in Jakamo's integration settings", f);
        party(root, "SellerSupplierParty", Severity.ERROR, Severity.ERROR,
                "the supplier's id as mapped in Jakamo's integration settings (Jakamo routes the order by it)", f);
        lines(type, root, f);
    }

    private static void orderResponse(LocatedElement root, Findings f) {
        namespace(DocumentType.ORDER_RESPONSE, root, f);
        required(root, "cbc:ID", Severity.WARNING, "cbc:ID directly under the root: your own number for this response", f);
        required(root, "cbc:IssueDate", Severity.ERROR, "cbc:IssueDate, the date of this response (YYYY-MM-DD)", f);
        Optional<LocatedElement> reference = root.child("OrderReference");
        if (reference.isEmpty()) {
            f.missing(root, "cac:OrderReference", Severity.ERROR,
                    "cac:OrderReference/cbc:ID: the customer's order number (the cbc:ID of the Order you received)");
        } else {
            required(reference.get(), "cbc:ID", Severity.ERROR,
                    "the customer's order number (the cbc:ID of the Order you received), never your own", f);
        }
        party(root, "SellerSupplierParty", Severity.WARNING, Severity.WARNING, "your company as the supplier", f);
        party(root, "BuyerCustomerParty", Severity.WARNING, Severity.WARNING, "the customer", f);
        lines(DocumentType.ORDER_RESPONSE, root, f);
    }

    private static void statusMessage(LocatedElement root, Findings f) {
        boolean named = root.children().stream()
                .anyMatch(c -> (c.localName().equals("OrderID") || c.localName().equals("ClaimID"))
                        && !c.text().isEmpty());
        if (!named) {
            f.missing(root, "OrderID", Severity.ERROR,
                    "OrderID: the buyer's order number this status is about (ClaimID for a claim)");
        }
    }

    /** Every line in its own cac:OrderLine, with a unique id, a quantity with its unit, and an item. */
    private static void lines(DocumentType type, LocatedElement root, Findings f) {
        boolean response = type == DocumentType.ORDER_RESPONSE;
        List<LocatedElement> lines = root.children("OrderLine");
        if (lines.isEmpty()) {
            f.missing(root, "cac:OrderLine", response ? Severity.WARNING : Severity.ERROR,
                    "at least one cac:OrderLine, each line wrapped in its own");
        }
        Map<String, LocatedElement> ids = new HashMap<>();
        for (LocatedElement line : lines) {
            Optional<LocatedElement> item = line.child("LineItem");
            if (item.isEmpty()) {
                f.missing(line, "cac:LineItem", Severity.ERROR, "cac:LineItem with the line's id, quantity and item");
                continue;
            }
            LocatedElement li = item.get();
            Optional<LocatedElement> id = li.child("ID").filter(e -> !e.text().isEmpty());
            if (id.isEmpty()) {
                f.missing(li, "cbc:ID", Severity.ERROR, "cbc:ID: the line number, unique in the document");
            } else {
                LocatedElement first = ids.putIfAbsent(id.get().text(), id.get());
                if (first != null) {
                    f.at(id.get(), Severity.WARNING, "unique-line-id", Problem.quote(id.get().text()),
                            "a line id used by no other line (line " + first.line() + " has it too)");
                }
            }
            quantity(type, li, f);
            if (!response && li.child("Item").isEmpty()) {
                f.missing(li, "cac:Item", Severity.ERROR,
                        "cac:Item with the item's cbc:Name or cac:BuyersItemIdentification/cbc:ID");
            } else if (!response) {
                LocatedElement it = li.child("Item").get();
                boolean named = it.child("Name").filter(e -> !e.text().isEmpty()).isPresent()
                        || it.find("BuyersItemIdentification", "ID").filter(e -> !e.text().isEmpty()).isPresent()
                        || it.find("SellersItemIdentification", "ID").filter(e -> !e.text().isEmpty()).isPresent();
                if (!named) {
                    f.at(it, Severity.WARNING, "item-identified", "an item with no name or id",
                            "cbc:Name or cac:BuyersItemIdentification/cbc:ID, so the supplier knows what is ordered");
                }
            }
        }
    }

    private static void quantity(DocumentType type, LocatedElement lineItem, Findings f) {
        boolean response = type == DocumentType.ORDER_RESPONSE;
        Optional<LocatedElement> quantity = lineItem.child("Quantity");
        if (quantity.isEmpty()) {
            f.missing(lineItem, "cbc:Quantity", response ? Severity.WARNING : Severity.ERROR,
                    "cbc:Quantity with a unitCode, such as <cbc:Quantity unitCode=\"H87\">5</cbc:Quantity>");
            return;
        }
        LocatedElement q = quantity.get();
        if (!q.attributes().containsKey("unitCode")) {
            f.at(q, response ? Severity.WARNING : Severity.ERROR, "unit-code", "no unitCode attribute",
                    "a unitCode attribute, such as unitCode=\"H87\"");
        }
        Optional<BigDecimal> value = FormatRules.decimal(q.text());
        if (value.isEmpty()) {
            return;   // FormatRules reports what is not a number
        }
        int sign = value.get().signum();
        if (sign < 0) {
            f.at(q, Severity.ERROR, "positive-quantity", Problem.quote(q.text()), "a quantity above zero");
        } else if (sign == 0 && type == DocumentType.ORDER) {
            f.at(q, Severity.ERROR, "positive-quantity", Problem.quote(q.text()), "a quantity above zero");
        } else if (sign == 0) {
            // a change or a confirmation may set a line to zero; whether Jakamo reads that as cancelling is undocumented
            f.at(q, Severity.WARNING, "positive-quantity", Problem.quote(q.text()),
                    "a quantity above zero (whether Jakamo takes 0 as cancelling the line is not documented)");
        }
    }

    private static void party(LocatedElement root, String name, Severity missing, Severity missingId, String what,
                              Findings f) {
        Optional<LocatedElement> party = root.child(name);
        if (party.isEmpty()) {
            f.missing(root, "cac:" + name, missing, "cac:" + name + "/cac:Party/cac:PartyIdentification/cbc:ID: "
                    + what);
            return;
        }
        boolean identified = party.get().find("Party", "PartyIdentification", "ID")
                .filter(e -> !e.text().isEmpty()).isPresent();
        if (!identified) {
            f.missing(party.get(), "cac:Party/cac:PartyIdentification/cbc:ID", missingId, what);
        }
    }

    /** {@code qualifiedName} as the report names a missing element, such as {@code cbc:IssueDate}. */
    private static void required(LocatedElement parent, String qualifiedName, Severity severity, String expected,
                                 Findings f) {
        String name = qualifiedName.substring(qualifiedName.indexOf(':') + 1);
        Optional<LocatedElement> child = parent.child(name);
        if (child.isEmpty()) {
            f.missing(parent, qualifiedName, severity, expected);
        } else if (child.get().text().isEmpty() && child.get().children().isEmpty()) {
            f.at(child.get(), severity, "required", "an empty element", expected);
        }
    }

    /** Jakamo's documents are namespaced UBL 2.1; it reads them by root name, so a missing namespace only warns. */
    private static void namespace(DocumentType type, LocatedElement root, Findings f) {
        String expected = type.ublNamespace().orElseThrow();
        String found = root.namespace();
        boolean sampleVariant = type == DocumentType.ORDER_RESPONSE
                && found.equals(DocumentType.ORDER.ublNamespace().orElseThrow());
        if (!found.equals(expected) && !sampleVariant) {
            f.at(root, Severity.WARNING, "namespace", found.isEmpty() ? "no namespace" : Problem.quote(found),
                    "xmlns=\"" + expected + "\" (Jakamo's documents are UBL 2.1; whether it accepts others is not "
                            + "documented)");
        }
    }
}
