package io.jakamoconnector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** A posted Order comes back as the simulated supplier's OrderResponse on the buyer's own queue. */
class SupplierIT {
    private static Sandbox sandbox;
    private static TestHttp http;
    private static String po;
    private static String claims;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        http = new TestHttp(sandbox);
        po = TestHttp.bearer(sandbox.entra().issueToken(sandbox.registerApp(AppSpec.orders("po").integration("po")).clientId()));
        claims = TestHttp.bearer(sandbox.entra().issueToken(sandbox.registerApp(AppSpec.claims("cl").integration("cl")).clientId()));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.jakamo().clearQueue("po").clearQueue("cl").supplierDelay(Duration.ZERO)
                .supplierReply(SupplierReply.CONFIRM_AS_IS).claimReply(ClaimReply.ACCEPT);
    }

    private static Element responseFromQueue() throws Exception {
        var response = http.get("/api/order/response", po);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Acknowledge-Uri")).isPresent();
        Document document = Xml.parse(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return document.getDocumentElement();
    }

    @Test
    void confirmsAsOrderedWithTheBuyersOrderNumberInTheUblNamespace() throws Exception {
        http.post("/api/order", po, Samples.order("PO-4711"));

        Element response = responseFromQueue();
        assertThat(response.getLocalName()).isEqualTo("OrderResponse");
        assertThat(response.getNamespaceURI()).isEqualTo("urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2");
        assertThat(Xml.text(response, "OrderReference", "ID")).hasValue("PO-4711");
        assertThat(Xml.text(response, "ID")).hasValueSatisfying(id -> assertThat(id).startsWith("SO-"));
        assertThat(Xml.children(response, "OrderLine")).hasSize(2);
        Element first = Xml.child(response, "OrderLine", "LineItem").orElseThrow();
        assertThat(Xml.text(first, "Quantity")).hasValue("5");
        assertThat(Xml.text(first, "Delivery", "PromisedDeliveryPeriod", "EndDate")).hasValue("2025-04-01");
        assertThat(Xml.child(first, "Quantity").orElseThrow().getAttribute("unitCode")).isEqualTo("PCS");
        assertThat(sandbox.jakamo().queue("po")).singleElement().satisfies(m -> assertThat(m.documentNumber()).isEqualTo("PO-4711"));
    }

    @Test
    void canChangeQuantitiesOrDates() throws Exception {
        sandbox.jakamo().supplierReply(SupplierReply.CHANGE_QUANTITY);
        http.post("/api/order", po, Samples.order("PO-Q"));
        Element changed = responseFromQueue();
        assertThat(Xml.children(changed, "OrderLine")).extracting(l -> Xml.text(l, "LineItem", "Quantity").orElseThrow())
                .containsExactly("4", "2");
        sandbox.jakamo().clearQueue("po");

        sandbox.jakamo().supplierReply(SupplierReply.CHANGE_DELIVERY_DATE).supplierDateShift(10);
        http.post("/api/order", po, Samples.order("PO-D"));
        Element later = responseFromQueue();
        assertThat(Xml.text(later, "OrderLine", "LineItem", "Delivery", "PromisedDeliveryPeriod", "EndDate")).hasValue("2025-04-11");
        assertThat(Xml.text(later, "OrderLine", "LineItem", "Quantity")).hasValue("5");
        sandbox.jakamo().supplierDateShift(7);
    }

    @Test
    void answersAfterTheConfiguredDelayAndNotAtAllWhenTold() throws Exception {
        sandbox.jakamo().supplierDelay(Duration.ofMillis(700));
        http.post("/api/order", po, Samples.order("PO-LATE"));
        assertThat(sandbox.jakamo().queue("po")).isEmpty();
        Optional<QueueMessage> arrived = sandbox.jakamo().awaitMessage("po", Duration.ofSeconds(10));
        assertThat(arrived).hasValueSatisfying(m -> assertThat(m.documentNumber()).isEqualTo("PO-LATE"));

        sandbox.jakamo().clearQueue("po").supplierDelay(Duration.ZERO).supplierReply(SupplierReply.NONE);
        http.post("/api/order", po, Samples.order("PO-SILENT"));
        assertThat(sandbox.jakamo().queue("po")).isEmpty();
    }

    @Test
    void anOrderChangeIsConfirmedAgainAndReconfirmationsCanBeTriggered() throws Exception {
        http.post("/api/order", po, Samples.order("PO-C"));
        http.put("/api/order/PO-C", po, Samples.orderChange("PO-C"));
        assertThat(sandbox.jakamo().queue("po")).hasSize(2);
        QueueMessage again = sandbox.jakamo().confirmOrder("po", "PO-C", SupplierReply.CHANGE_DELIVERY_DATE);
        assertThat(again.bodyText()).contains("PO-C").contains("<cbc:Quantity unitCode=\"PCS\">7</cbc:Quantity>");
        assertThat(sandbox.jakamo().queue("po")).hasSize(3);
    }

    @Test
    void aClaimGetsAReplyOnTheClaimsQueue() throws Exception {
        http.post("/api/claim", claims, Samples.claim("CL-42"));
        var response = http.get("/api/claim/response", claims);
        assertThat(response.body()).contains("<ClaimResponse>").contains("<ClaimID>CL-42</ClaimID>").contains("<Status>Accepted</Status>");

        sandbox.jakamo().clearQueue("cl").claimReply(ClaimReply.REJECT);
        http.post("/api/claim", claims, Samples.claim("CL-43"));
        assertThat(http.get("/api/claim/response", claims).body()).contains("<Status>Rejected</Status>");
    }
}
