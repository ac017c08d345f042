package io.jakamoconnector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a standalone user (or another process's test) can do over HTTP under /_sandbox/. */
class ControlApiIT {
    private static Sandbox sandbox;
    private static TestHttp http;
    private static String so;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        http = new TestHttp(sandbox);
        sandbox.addIntegration(IntegrationSpec.salesOrders("sales"));
        so = TestHttp.bearer(sandbox.entra().issueToken(sandbox.registerApp(AppSpec.orders("sales").integration("sales")).clientId()));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static HttpResponse<String> control(String method, String pathAndQuery) throws Exception {
        return http.send(http.request("/_sandbox" + pathAndQuery, null).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void statusShowsWhereThingsAreButNoSecrets() throws Exception {
        HttpResponse<String> status = control("GET", "/");
        assertThat(status.statusCode()).isEqualTo(200);
        Map<String, Object> json = JSONObjectUtils.parse(status.body());
        assertThat(json).containsEntry("authority", sandbox.authority()).containsEntry("scope", sandbox.scope())
                .containsEntry("apiBaseUrl", sandbox.apiBaseUri().toString());
        assertThat(status.body()).contains("\"sales\"").doesNotContain("clientSecret");
    }

    @Test
    void injectsAndClearsFaults() throws Exception {
        assertThat(control("POST", "/faults?endpoint=QUEUE_READ&fault=503&times=1&retryAfter=4").statusCode()).isEqualTo(200);
        HttpResponse<String> faulted = http.get("/api/order/response", so);
        assertThat(faulted.statusCode()).isEqualTo(503);
        assertThat(faulted.headers().firstValue("Retry-After")).hasValue("4");
        assertThat(http.get("/api/order/response", so).statusCode()).isEqualTo(200);

        control("POST", "/faults?endpoint=queue_read&fault=latency&ms=1");
        assertThat(JSONObjectUtils.parse(control("GET", "/faults").body()).get("rules")).asList().hasSize(1);
        control("DELETE", "/faults");
        assertThat(sandbox.faults().rules()).isEmpty();
        assertThat(control("POST", "/faults?endpoint=NOPE&fault=reset").statusCode()).isEqualTo(400);
    }

    @Test
    void enqueuesSalesOrdersAndShowsTheQueueAndJournal() throws Exception {
        HttpResponse<String> placed = control("POST", "/integrations/sales/sales-orders?orderNumber=CUST-900");
        assertThat(placed.statusCode()).isEqualTo(200);
        assertThat(sandbox.jakamo().queue("sales")).extracting(QueueMessage::documentNumber).contains("CUST-900");
        assertThat(control("GET", "/integrations/sales/queue").body()).contains("CUST-900");
        HttpResponse<String> message = http.get("/api/order/response", so);
        assertThat(message.body()).contains("CUST-900");

        http.post("/api/orderresponse", so, Samples.orderResponse("CUST-900"));
        Map<String, Object> journal = JSONObjectUtils.parse(control("GET", "/journal").body());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> documents = (List<Map<String, Object>>) journal.get("documents");
        Map<String, Object> document = documents.stream().filter(d -> "CUST-900".equals(d.get("documentNumber"))).findFirst().orElseThrow();
        assertThat(document).containsEntry("rootElement", "OrderResponse").containsKey("sha256");
        HttpResponse<String> bytes = http.get((String) document.get("content"), null);
        assertThat(bytes.body()).isEqualTo(Samples.orderResponse("CUST-900"));
    }

    @Test
    void switchesVariantsAtRunTime() throws Exception {
        control("POST", "/settings?emptyQueue=204&changeVerb=PUT&supplierReply=CHANGE_QUANTITY&supplierDelayMs=250");
        try {
            assertThat(sandbox.jakamo().emptyQueueAnswer()).isEqualTo(EmptyQueueAnswer.NO_CONTENT_204);
            assertThat(sandbox.jakamo().changeVerb()).isEqualTo(ChangeVerb.PUT_ONLY);
            assertThat(sandbox.jakamo().supplierReply()).isEqualTo(SupplierReply.CHANGE_QUANTITY);
            assertThat(sandbox.jakamo().supplierDelay().toMillis()).isEqualTo(250);
            assertThat(control("POST", "/settings?emptyQueue=999").statusCode()).isEqualTo(400);
        } finally {
            control("POST", "/settings?emptyQueue=200&changeVerb=EITHER&supplierReply=CONFIRM_AS_IS&supplierDelayMs=0");
        }
    }

    @Test
    void controlApiCanBeSwitchedOff() throws Exception {
        try (Sandbox quiet = Sandbox.builder().controlApi(false).start()) {
            assertThat(new TestHttp(quiet).get("/_sandbox/", null).statusCode()).isEqualTo(404);
        }
    }
}
