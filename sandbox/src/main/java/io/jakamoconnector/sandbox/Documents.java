package io.jakamoconnector.sandbox;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The documents the simulated partners write: supplier confirmations, customers' sales orders, claim replies. */
final class Documents {
    private static final String XMLNS = "http://www.w3.org/2000/xmlns/";

    private Documents() {
    }

    /** The supplier's OrderResponse to a buyer's Order or OrderChange, line by line, changed as {@code reply} says. */
    static byte[] orderResponse(Document order, String buyerOrderNumber, String supplierOrderNumber, SupplierReply reply,
            int dateShiftDays, LocalDate today) {
        Element source = order.getDocumentElement();
        Document doc = Xml.newDocument();
        Element root = ublRoot(doc, Xml.NS_ORDER_RESPONSE, "OrderResponse");
        cbc(root, "UBLVersionID", "2.1");
        cbc(root, "CustomizationID", "Jakamo");
        cbc(root, "ID", supplierOrderNumber);
        cbc(root, "IssueDate", today.toString());
        cbc(root, "Note", switch (reply) {
            case CHANGE_QUANTITY -> "Confirmed by the sandbox supplier with changed quantities";
            case CHANGE_DELIVERY_DATE -> "Confirmed by the sandbox supplier with later delivery dates";
            default -> "Confirmed by the sandbox supplier as ordered";
        });
        Xml.text(source, "DocumentCurrencyCode").ifPresent(currency -> cbc(root, "DocumentCurrencyCode", currency));
        cbc(cac(root, "OrderReference"), "ID", buyerOrderNumber);
        Xml.text(source, "SellerSupplierParty", "Party", "PartyIdentification", "ID")
                .ifPresent(id -> party(root, "SellerSupplierParty", id, null));
        Xml.text(source, "BuyerCustomerParty", "Party", "PartyIdentification", "ID")
                .ifPresent(id -> party(root, "BuyerCustomerParty", id, null));
        for (Element line : Xml.children(source, "OrderLine")) {
            Optional<Element> item = Xml.child(line, "LineItem");
            if (item.isEmpty()) {
                continue;
            }
            Element lineItem = cac(cac(root, "OrderLine"), "LineItem");
            Element in = item.get();
            cbc(lineItem, "ID", Xml.text(in, "ID").orElse("1"));
            Optional<Element> quantity = Xml.child(in, "Quantity");
            String unit = quantity.map(q -> q.getAttribute("unitCode")).orElse("");
            Optional<String> confirmed = quantity.map(q -> q.getTextContent().trim()).flatMap(Documents::decimal)
                    .map(q -> reply == SupplierReply.CHANGE_QUANTITY ? changed(q) : q)
                    .map(q -> q.stripTrailingZeros().toPlainString());
            confirmed.ifPresent(q -> withAttribute(cbc(lineItem, "Quantity", q), "unitCode", unit));
            Element delivery = cac(lineItem, "Delivery");
            cbc(delivery, "ID", "1");
            confirmed.ifPresent(q -> withAttribute(cbc(delivery, "Quantity", q), "unitCode", unit));
            LocalDate requested = Xml.text(in, "Delivery", "RequestedDeliveryPeriod", "EndDate").flatMap(Documents::date)
                    .orElse(today.plusDays(14));
            LocalDate promised = reply == SupplierReply.CHANGE_DELIVERY_DATE ? requested.plusDays(dateShiftDays) : requested;
            cbc(cac(delivery, "PromisedDeliveryPeriod"), "EndDate", promised.toString());
            Xml.child(in, "Price", "PriceAmount").ifPresent(price -> withAttribute(
                    cbc(cac(lineItem, "Price"), "PriceAmount", price.getTextContent().trim()),
                    "currencyID", price.getAttribute("currencyID")));
            Optional<String> name = Xml.text(in, "Item", "Name");
            Optional<String> buyersItem = Xml.text(in, "Item", "BuyersItemIdentification", "ID");
            if (name.isPresent() || buyersItem.isPresent()) {
                Element outItem = cac(lineItem, "Item");
                name.ifPresent(n -> cbc(outItem, "Name", n));
                buyersItem.ifPresent(id -> cbc(cac(outItem, "BuyersItemIdentification"), "ID", id));
            }
        }
        return Xml.serialize(doc);
    }

    /** A customer's Order (or OrderChange) as it reaches a supplier's sales-order queue. */
    static byte[] salesOrder(String customerOrderNumber, boolean change, LocalDate today) {
        Document doc = Xml.newDocument();
        Element root = change ? ublRoot(doc, Xml.NS_ORDER_CHANGE, "OrderChange") : ublRoot(doc, Xml.NS_ORDER, "Order");
        cbc(root, "UBLVersionID", "2.1");
        cbc(root, "CustomizationID", "Jakamo");
        cbc(root, "ID", customerOrderNumber);
        if (change) {
            cbc(root, "SequenceNumberID", "1");
        }
        cbc(root, "IssueDate", today.toString());
        cbc(root, "DocumentCurrencyCode", "EUR");
        Element buyer = party(root, "BuyerCustomerParty", "SANDBOX-CUSTOMER", "Sandbox Customer Oy");
        cbc(cac(buyer, "BuyerContact"), "ID", "buyer1");
        party(root, "SellerSupplierParty", "YOUR-COMPANY", null);
        line(root, "10", change ? "12" : "10", today.plusDays(21), "4.20", "Hex bolt M8", "HB-M8");
        line(root, "20", "2", today.plusDays(28), "129.00", "Mounting plate", "MP-200");
        return Xml.serialize(doc);
    }

    /** The supplier's reply to a claim. Root and element names are the sandbox's assumption (no documented schema). */
    static byte[] claimResponse(String claimNumber, String responseId, ClaimReply reply, LocalDate today) {
        Document doc = Xml.newDocument();
        Element root = doc.createElement("ClaimResponse");
        doc.appendChild(root);
        plain(root, "ID", responseId);
        plain(root, "ClaimID", claimNumber);
        plain(root, "IssueDate", today.toString());
        plain(root, "Status", reply == ClaimReply.REJECT ? "Rejected" : "Accepted");
        plain(root, "Note", reply == ClaimReply.REJECT ? "Rejected by the sandbox supplier" : "Accepted by the sandbox supplier");
        return Xml.serialize(doc);
    }

    /** The queue message announcing an attachment, in the shape Jakamo's connector reads. */
    static byte[] attachmentMessage(String downloadUri, String fileName, String orderNumber) {
        Document doc = Xml.newDocument();
        Element root = doc.createElement("attachment");
        doc.appendChild(root);
        root.setAttribute("Jakamo-Attachment-URI", downloadUri);
        plain(root, "Filename", fileName);
        plain(root, "OrderID", orderNumber);
        return Xml.serialize(doc);
    }

    private static void line(Element root, String id, String quantity, LocalDate date, String price, String name, String itemId) {
        Element item = cac(cac(root, "OrderLine"), "LineItem");
        cbc(item, "ID", id);
        withAttribute(cbc(item, "Quantity", quantity), "unitCode", "PCS");
        cbc(cac(cac(item, "Delivery"), "RequestedDeliveryPeriod"), "EndDate", date.toString());
        withAttribute(cbc(cac(item, "Price"), "PriceAmount", price), "currencyID", "EUR");
        Element outItem = cac(item, "Item");
        cbc(outItem, "Name", name);
        cbc(cac(outItem, "BuyersItemIdentification"), "ID", itemId);
    }

    private static Element party(Element root, String role, String id, String name) {
        Element roleElement = cac(root, role);
        Element party = cac(roleElement, "Party");
        cbc(cac(party, "PartyIdentification"), "ID", id);
        if (name != null) {
            cbc(cac(party, "PartyName"), "Name", name);
        }
        return roleElement;
    }

    private static BigDecimal changed(BigDecimal quantity) {
        return quantity.compareTo(BigDecimal.ONE) > 0 ? quantity.subtract(BigDecimal.ONE) : quantity.add(BigDecimal.ONE);
    }

    private static Optional<BigDecimal> decimal(String text) {
        try {
            return Optional.of(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<LocalDate> date(String text) {
        try {
            return Optional.of(LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Element ublRoot(Document doc, String namespace, String name) {
        Element root = doc.createElementNS(namespace, name);
        root.setAttributeNS(XMLNS, "xmlns:cbc", Xml.NS_CBC);
        root.setAttributeNS(XMLNS, "xmlns:cac", Xml.NS_CAC);
        doc.appendChild(root);
        return root;
    }

    private static Element cbc(Element parent, String name, String text) {
        Element element = parent.getOwnerDocument().createElementNS(Xml.NS_CBC, "cbc:" + name);
        element.setTextContent(text);
        parent.appendChild(element);
        return element;
    }

    private static Element cac(Element parent, String name) {
        Element element = parent.getOwnerDocument().createElementNS(Xml.NS_CAC, "cac:" + name);
        parent.appendChild(element);
        return element;
    }

    private static void plain(Element parent, String name, String text) {
        Element element = parent.getOwnerDocument().createElement(name);
        element.setTextContent(text);
        parent.appendChild(element);
    }

    private static Element withAttribute(Element element, String name, String value) {
        if (value != null && !value.isEmpty()) {
            element.setAttribute(name, value);
        }
        return element;
    }
}
