package io.jakamoconnector.sandbox;

/** Documents as an ERP would drop them (shapes from the API notes, section 3.3). */
final class Samples {
    private Samples() {
    }

    static String order(String number) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"
                       xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
                       xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">
                  <cbc:UBLVersionID>2.1</cbc:UBLVersionID>
                  <cbc:CustomizationID>Jakamo</cbc:CustomizationID>
                  <cbc:ID>%s</cbc:ID>
                  <cbc:IssueDate>2025-03-01</cbc:IssueDate>
                  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
                  <cac:BuyerCustomerParty>
                    <cac:BuyerContact><cbc:ID>jbond</cbc:ID></cac:BuyerContact>
                    <cac:Party><cac:PartyIdentification><cbc:ID>OWN-CO</cbc:ID></cac:PartyIdentification></cac:Party>
                  </cac:BuyerCustomerParty>
                  <cac:SellerSupplierParty>
                    <cac:Party><cac:PartyIdentification><cbc:ID>VENDOR-123</cbc:ID></cac:PartyIdentification></cac:Party>
                  </cac:SellerSupplierParty>
                  <cac:OrderLine>
                    <cac:LineItem>
                      <cbc:ID>10</cbc:ID>
                      <cbc:Quantity unitCode="PCS">5</cbc:Quantity>
                      <cac:Delivery><cac:RequestedDeliveryPeriod><cbc:EndDate>2025-04-01</cbc:EndDate></cac:RequestedDeliveryPeriod></cac:Delivery>
                      <cac:Price><cbc:PriceAmount currencyID="EUR">12.50</cbc:PriceAmount></cac:Price>
                      <cac:Item><cbc:Name>Bracket</cbc:Name><cac:BuyersItemIdentification><cbc:ID>55-554354</cbc:ID></cac:BuyersItemIdentification></cac:Item>
                    </cac:LineItem>
                  </cac:OrderLine>
                  <cac:OrderLine>
                    <cac:LineItem>
                      <cbc:ID>20</cbc:ID>
                      <cbc:Quantity unitCode="PCS">1</cbc:Quantity>
                      <cac:Delivery><cac:RequestedDeliveryPeriod><cbc:EndDate>2025-04-15</cbc:EndDate></cac:RequestedDeliveryPeriod></cac:Delivery>
                      <cac:Price><cbc:PriceAmount currencyID="EUR">99.00</cbc:PriceAmount></cac:Price>
                      <cac:Item><cbc:Name>Plate</cbc:Name></cac:Item>
                    </cac:LineItem>
                  </cac:OrderLine>
                </Order>
                """.formatted(number);
    }

    static String orderChange(String number) {
        return order(number).replace("<Order xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Order-2\"",
                "<OrderChange xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:OrderChange-2\"")
                .replace("</Order>", "</OrderChange>")
                .replace("<cbc:Quantity unitCode=\"PCS\">5</cbc:Quantity>", "<cbc:Quantity unitCode=\"PCS\">7</cbc:Quantity>");
    }

    static String statusMessage(String number, String status) {
        return "<StatusMessage><OrderID>" + number + "</OrderID><Status>" + status + "</Status></StatusMessage>";
    }

    static String orderResponse(String customerOrderNumber) {
        return """
                <OrderResponse xmlns="urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2"
                  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
                  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">
                  <cbc:UBLVersionID>2.1</cbc:UBLVersionID><cbc:CustomizationID>Jakamo</cbc:CustomizationID>
                  <cbc:ID>SO-9001</cbc:ID>
                  <cbc:IssueDate>2025-03-02</cbc:IssueDate>
                  <cac:OrderReference><cbc:ID>%s</cbc:ID></cac:OrderReference>
                  <cac:OrderLine><cac:LineItem><cbc:ID>10</cbc:ID><cbc:Quantity unitCode="PCS">10</cbc:Quantity></cac:LineItem></cac:OrderLine>
                </OrderResponse>
                """.formatted(customerOrderNumber);
    }

    static String claim(String number) {
        return "<Claim><ID>" + number + "</ID><OrderID>PO-1</OrderID><Description>Broken on arrival</Description></Claim>";
    }

    static String claimChange(String number) {
        return "<ClaimChange><ID>" + number + "</ID><Description>Two broken, not one</Description></ClaimChange>";
    }
}
