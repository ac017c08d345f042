package io.jakamoconnector.domain.testing;

/** Small, realistic Jakamo documents for tests. */
public final class Documents {
    public static final String UBL_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    public static final String UBL_CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";

    private Documents() {
    }

    public static String order(String orderNumber) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2" xmlns:cbc="%s" xmlns:cac="%s">
                  <cbc:UBLVersionID>2.1</cbc:UBLVersionID>
                  <cbc:CustomizationID>Jakamo</cbc:CustomizationID>
                  <cbc:ID>%s</cbc:ID>
                  <cbc:IssueDate>2026-11-29</cbc:IssueDate>
                  <cac:BuyerCustomerParty><cac:Party><cac:PartyIdentification><cbc:ID>BUYER-1</cbc:ID></cac:PartyIdentification></cac:Party></cac:BuyerCustomerParty>
                  <cac:SellerSupplierParty><cac:Party><cac:PartyIdentification><cbc:ID>SUPPLIER-1</cbc:ID></cac:PartyIdentification></cac:Party></cac:SellerSupplierParty>
                  <cac:OrderLine><cac:LineItem><cbc:ID>1</cbc:ID><cbc:Quantity unitCode="PCE">10</cbc:Quantity><cac:Item><cbc:Name>Bracket</cbc:Name></cac:Item></cac:LineItem></cac:OrderLine>
                </Order>
                """.formatted(UBL_CBC, UBL_CAC, orderNumber);
    }

    /** An OrderChange whose first ID-named elements belong to a party and a line, not the order. */
    public static String orderChange(String orderNumber, int sequence) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <OrderChange xmlns="urn:oasis:names:specification:ubl:schema:xsd:OrderChange-2" xmlns:cbc="%s" xmlns:cac="%s">
                  <cbc:UBLVersionID>2.1</cbc:UBLVersionID>
                  <cac:OrderReference><cbc:ID>REF-%d</cbc:ID></cac:OrderReference>
                  <cbc:ID>%s</cbc:ID>
                  <cbc:SequenceNumberID>%d</cbc:SequenceNumberID>
                  <cbc:IssueDate>2026-11-30</cbc:IssueDate>
                  <cac:BuyerCustomerParty><cac:Party><cac:PartyIdentification><cbc:ID>BUYER-1</cbc:ID></cac:PartyIdentification></cac:Party></cac:BuyerCustomerParty>
                  <cac:SellerSupplierParty><cac:Party><cac:PartyIdentification><cbc:ID>SUPPLIER-1</cbc:ID></cac:PartyIdentification></cac:Party></cac:SellerSupplierParty>
                  <cac:OrderLine><cac:LineItem><cbc:ID>1</cbc:ID><cbc:Quantity unitCode="PCE">12</cbc:Quantity><cac:Item><cbc:Name>Bracket</cbc:Name></cac:Item></cac:LineItem></cac:OrderLine>
                </OrderChange>
                """.formatted(UBL_CBC, UBL_CAC, sequence, orderNumber, sequence);
    }

    public static String statusMessage(String orderNumber, String status) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <StatusMessage><OrderID>%s</OrderID><Status>%s</Status></StatusMessage>
                """.formatted(orderNumber, status);
    }

    /** The supplier's answer: its own number in cbc:ID, the buyer's order number in cac:OrderReference/cbc:ID. */
    public static String orderResponse(String orderNumber, String supplierNumber) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <OrderResponse xmlns="urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2" xmlns:cbc="%s" xmlns:cac="%s">
                  <cbc:UBLVersionID>2.1</cbc:UBLVersionID>
                  <cbc:ID>%s</cbc:ID>
                  <cbc:IssueDate>2026-11-29</cbc:IssueDate>
                  <cac:OrderReference><cbc:ID>%s</cbc:ID></cac:OrderReference>
                  <cac:OrderLine><cac:LineItem><cbc:ID>1</cbc:ID><cbc:Quantity unitCode="PCE">10</cbc:Quantity></cac:LineItem></cac:OrderLine>
                </OrderResponse>
                """.formatted(UBL_CBC, UBL_CAC, supplierNumber, orderNumber);
    }

    /** The connector's instruction to accept all changes of a sales order; {@code id} makes each one unique. */
    public static String confirmAllChanges(String orderNumber, String id) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <ConfirmAllChanges xmlns="urn:jakamo-connector:instruction:1">
                  <ID>%s</ID>
                  <OrderID>%s</OrderID>
                </ConfirmAllChanges>
                """.formatted(id, orderNumber);
    }

    public static String attachmentMessage(String uri, String fileName, String orderNumber) {
        return "<attachment Jakamo-Attachment-URI=\"" + uri + "\"><Filename>" + fileName + "</Filename><OrderID>"
                + orderNumber + "</OrderID></attachment>";
    }
}
