package io.jakamoconnector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue is head-of-line and at-least-once: the same message until it is acknowledged. */
class QueueIT {
    private static Sandbox sandbox;
    private static TestHttp http;
    private static String ordersToken;
    private static String salesToken;
    private static String claimsToken;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        http = new TestHttp(sandbox);
        ordersToken = TestHttp.bearer(sandbox.entra().issueToken(sandbox.registerApp(AppSpec.orders("po").integration("po")).clientId()));
        sandbox.addIntegration(IntegrationSpec.salesOrders("so"));
        salesToken = TestHttp.bearer(sandbox.entra().issueToken(sandbox.registerApp(AppSpec.orders("so").integration("so")).clientId()));
        claimsToken = TestHttp.bearer(sandbox.entra().issueToken(sandbox.registerApp(AppSpec.claims("cl").integration("cl")).clientId()));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.jakamo().clearQueue("po").clearQueue("so").clearQueue("cl")
                .emptyQueueAnswer(EmptyQueueAnswer.STATUS_BODY_200).repeatedAck(RepeatedAck.OK);
        sandbox.faults().clear();
    }

    @Test
    void theHeadIsRedeliveredUntilAcknowledgedThenTheNextFollows() throws Exception {
        QueueMessage first = sandbox.jakamo().enqueue("po", Samples.statusMessage("PO-1", "Delivered"));
        QueueMessage second = sandbox.jakamo().enqueue("po", Samples.orderResponse("PO-2"));

        HttpResponse<String> a = http.get("/api/order/response", ordersToken);
        HttpResponse<String> b = http.get("/api/order/response", ordersToken);
        assertThat(a.statusCode()).isEqualTo(200);
        assertThat(b.body()).isEqualTo(a.body()).contains("<OrderID>PO-1</OrderID>");
        String ackUri = a.headers().firstValue("X-Acknowledge-Uri").orElseThrow();
        assertThat(ackUri).startsWith(sandbox.apiBaseUri() + "/").endsWith(first.id());
        assertThat(a.headers().firstValue("Jakamo-Order-Number")).hasValue("PO-1");
        assertThat(sandbox.journal().deliveries(first.id())).isEqualTo(2);

        HttpResponse<String> ack = http.post(ackUri, ordersToken, null);
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).contains("<Info>Message cleared from the queue</Info>");
        assertThat(sandbox.journal().acknowledgement(first.id())).hasValueSatisfying(r -> {
            assertThat(r.deliveries()).isEqualTo(2);
            assertThat(r.alreadyCleared()).isFalse();
            assertThat(r.integration()).isEqualTo("po");
        });

        HttpResponse<String> next = http.get("/api/order/response", ordersToken);
        assertThat(next.body()).contains("OrderResponse").contains("PO-2");
        assertThat(next.headers().firstValue("X-Acknowledge-Uri")).hasValueSatisfying(v -> assertThat(v).endsWith(second.id()));
        assertThat(next.headers().firstValue("Jakamo-Confirm-Url")).isEmpty();
    }

    @Test
    void eachEmptyQueueVariant() throws Exception {
        HttpResponse<String> status = http.get("/api/order/response", ordersToken);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).isEqualTo("<status>No more messages available.</status>");
        assertThat(status.headers().firstValue("X-Acknowledge-Uri")).isEmpty();

        sandbox.jakamo().emptyQueueAnswer(EmptyQueueAnswer.NO_CONTENT_204);
        HttpResponse<String> noContent = http.get("/api/order/response", ordersToken);
        assertThat(noContent.statusCode()).isEqualTo(204);
        assertThat(noContent.body()).isEmpty();

        sandbox.jakamo().emptyQueueAnswer(EmptyQueueAnswer.NOT_FOUND_404);
        HttpResponse<String> notFound = http.get("/api/order/response", ordersToken);
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body()).contains("No more messages available.");
    }

    @Test
    void repeatedAcknowledgementIsIdempotentOrNotFoundAsSwitched() throws Exception {
        QueueMessage message = sandbox.jakamo().enqueue("po", Samples.orderResponse("PO-3"));
        String ackUri = http.get("/api/order/response", ordersToken).headers().firstValue("X-Acknowledge-Uri").orElseThrow();
        assertThat(http.post(ackUri, ordersToken, null).statusCode()).isEqualTo(200);
        assertThat(http.post(ackUri, ordersToken, null).statusCode()).isEqualTo(200);
        sandbox.jakamo().repeatedAck(RepeatedAck.NOT_FOUND);
        assertThat(http.post(ackUri, ordersToken, null).statusCode()).isEqualTo(404);
        assertThat(sandbox.journal().acknowledgements()).filteredOn(a -> a.messageId().equals(message.id()))
                .extracting(AckRecord::alreadyCleared).containsExactly(false, true, true);
        assertThat(http.post("/api/order/response/no-such-message", ordersToken, null).statusCode()).isEqualTo(404);
    }

    @Test
    void anotherIntegrationCannotAcknowledgeOrSeeTheMessage() throws Exception {
        QueueMessage message = sandbox.jakamo().enqueue("po", Samples.orderResponse("PO-4"));
        assertThat(http.get("/api/order/response", salesToken).body()).contains("No more messages");
        assertThat(http.post("/api/order/response/" + message.id(), salesToken, null).statusCode()).isEqualTo(404);
        assertThat(sandbox.jakamo().queue("po")).extracting(QueueMessage::id).containsExactly(message.id());
    }

    @Test
    void salesOrdersCarryConfirmUrlAndOrderNumber() throws Exception {
        QueueMessage placed = sandbox.jakamo().placeSalesOrder("so", "CUST-77");
        HttpResponse<String> response = http.get("/api/order/response", salesToken);
        assertThat(response.body()).contains("<cbc:ID>CUST-77</cbc:ID>").contains("urn:oasis:names:specification:ubl:schema:xsd:Order-2");
        assertThat(response.headers().firstValue("Jakamo-Order-Number")).hasValue("CUST-77");
        String confirmUrl = response.headers().firstValue("Jakamo-Confirm-Url").orElseThrow();
        assertThat(confirmUrl).isEqualTo(sandbox.apiBaseUri() + "/api/order/CUST-77/confirm");

        assertThat(http.post(confirmUrl, salesToken, null).statusCode()).isEqualTo(200);
        assertThat(sandbox.journal().documents("so")).filteredOn(d -> d.kind() == DocumentRecord.Kind.CONFIRM_ALL)
                .singleElement().satisfies(d -> assertThat(d.documentNumber()).isEqualTo("CUST-77"));
        assertThat(http.post(response.headers().firstValue("X-Acknowledge-Uri").orElseThrow(), salesToken, null).statusCode()).isEqualTo(200);
        assertThat(sandbox.journal().acknowledgement(placed.id())).isPresent();
    }

    @Test
    void claimsHaveTheirOwnQueueAndAckPath() throws Exception {
        sandbox.jakamo().enqueue("cl", "<ClaimResponse><ID>CR-1</ID><ClaimID>CL-9</ClaimID></ClaimResponse>");
        HttpResponse<String> response = http.get("/api/claim/response", claimsToken);
        assertThat(response.body()).contains("<ClaimID>CL-9</ClaimID>");
        String ackUri = response.headers().firstValue("X-Acknowledge-Uri").orElseThrow();
        assertThat(ackUri).contains("/api/claim/response/");
        assertThat(response.headers().firstValue("Jakamo-Claim-Number")).hasValue("CL-9");
        assertThat(http.post(ackUri, claimsToken, null).statusCode()).isEqualTo(200);
        assertThat(sandbox.jakamo().queue("cl")).isEmpty();
    }

    @Test
    void concurrentReadersAllSeeTheSameHeadAndAreCounted() throws Exception {
        QueueMessage head = sandbox.jakamo().enqueue("po", Samples.orderResponse("PO-5"));
        sandbox.faults().always(Endpoint.QUEUE_READ, Fault.latency(Duration.ofMillis(400)));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<HttpResponse<String>>> reads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                reads.add(pool.submit(() -> new TestHttp(sandbox).get("/api/order/response", ordersToken)));
            }
            for (Future<HttpResponse<String>> read : reads) {
                assertThat(read.get().headers().firstValue("X-Acknowledge-Uri")).hasValueSatisfying(v -> assertThat(v).endsWith(head.id()));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sandbox.journal().maxConcurrentQueueReaders("po")).isEqualTo(3);
        assertThat(sandbox.journal().queueReadersInFlight("po")).isZero();
        assertThat(sandbox.journal().maxConcurrentQueueReaders("so")).isLessThanOrEqualTo(1);
    }
}
