package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.document.DocumentFacts;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.exchange.AckHandle;
import io.jakamoconnector.domain.model.exchange.ConfirmUrl;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.InboundMessage;
import io.jakamoconnector.domain.model.exchange.MessageHeaders;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.exchange.SendOutcome;
import io.jakamoconnector.domain.port.out.JakamoExchangeException;
import io.jakamoconnector.domain.port.out.JakamoExchangeException.Reason;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.sandbox.DocumentRecord;
import io.jakamoconnector.sandbox.EmptyQueueAnswer;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.QueueMessage;
import io.jakamoconnector.sandbox.RequestRecord;
import io.jakamoconnector.sandbox.RepeatedAck;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The queue side against the sandbox: reading, redelivery, acknowledgement, attachments, confirm-all, permissions. */
class InboundQueueIT {
    private static Testbed bed;
    private static HttpInboundQueueAdapter queue;
    private static HttpOutboundExchangeAdapter outbound;

    @BeforeAll
    static void start() {
        bed = new Testbed();
        JakamoApiClient api = bed.api(Testbed.fastOptions());
        queue = new HttpInboundQueueAdapter(api);
        outbound = new HttpOutboundExchangeAdapter(api);
    }

    @AfterAll
    static void stop() throws Exception {
        bed.close();
    }

    @BeforeEach
    void reset() {
        bed.sandbox.faults().clear();
        bed.sandbox.jakamo().emptyQueueAnswer(EmptyQueueAnswer.STATUS_BODY_200).repeatedAck(RepeatedAck.OK);
        for (String name : List.of("po", "so", "claims", "ro")) {
            bed.sandbox.jakamo().clearQueue(name);
        }
        bed.journal().clear();
    }

    @ParameterizedTest
    @EnumSource(EmptyQueueAnswer.class)
    void everyDocumentedFormOfTheEmptyQueueIsEmpty(EmptyQueueAnswer answer) {
        bed.sandbox.jakamo().emptyQueueAnswer(answer);

        assertThat(queue.next(Testbed.PO)).isEmpty();
        assertThat(bed.journal().count(Endpoint.QUEUE_READ)).isEqualTo(1);
    }

    @Test
    void theSameHeadComesBackUntilItIsAcknowledgedWithItsExactBytes() {
        QueueMessage status = bed.sandbox.jakamo().enqueue("po", Documents.statusMessage("PO-1", "Cancelled"));
        bed.sandbox.jakamo().enqueue("po", Documents.orderResponse("PO-2", "SO-2"));

        InboundMessage first = queue.next(Testbed.PO).orElseThrow();
        InboundMessage again = queue.next(Testbed.PO).orElseThrow();

        assertThat(first.body()).isEqualTo(status.body());
        assertThat(again).isEqualTo(first);
        assertThat(again.dedupKey(Testbed.PO)).isEqualTo(first.dedupKey(Testbed.PO));
        assertThat(bed.journal().deliveries(status.id())).isEqualTo(2);

        queue.acknowledge(Testbed.PO, first.ackHandle());

        assertThat(bed.journal().acknowledgement(status.id())).isPresent();
        InboundMessage second = queue.next(Testbed.PO).orElseThrow();
        assertThat(bed.reader.read(second.body()).type()).isEqualTo(DocumentType.ORDER_RESPONSE);
        queue.acknowledge(Testbed.PO, second.ackHandle());
        assertThat(queue.next(Testbed.PO)).isEmpty();
    }

    @Test
    void anOrderWhoseNoteSaysNoMoreMessagesAvailableStillArrives() {
        String order = Documents.order("SO-NOTE").replace("<cbc:IssueDate>",
                "<cbc:Note>&lt;status&gt;No more messages available.&lt;/status&gt; No more messages available.</cbc:Note>"
                        + "<cbc:IssueDate>");
        bed.sandbox.jakamo().enqueue("so", order);

        Optional<InboundMessage> message = queue.next(Testbed.SO);

        assertThat(message).isPresent();
        assertThat(new String(message.get().body(), StandardCharsets.UTF_8)).contains("No more messages available.");
        assertThat(bed.reader.read(message.get().body()).businessKey().orElseThrow().value()).isEqualTo("SO-NOTE");
    }

    @Test
    void headersAreReadWhateverTheirCase() {
        QueueMessage order = bed.sandbox.jakamo().placeSalesOrder("so", "CUST-7");

        InboundMessage message = queue.next(Testbed.SO).orElseThrow();

        // the JDK server sends "X-acknowledge-uri", "Jakamo-order-number"; the documentation spells them otherwise
        MessageHeaders headers = message.headers();
        assertThat(headers.get("x-acknowledge-uri")).contains(message.ackHandle().value());
        assertThat(headers.get("X-ACKNOWLEDGE-URI")).contains(message.ackHandle().value());
        assertThat(headers.get(MessageHeaders.ORDER_NUMBER)).contains("CUST-7");
        assertThat(headers.get("jakamo-order-number")).contains("CUST-7");
        assertThat(headers.get(MessageHeaders.CONFIRM_URL)).hasValueSatisfying(url -> assertThat(url)
                .startsWith(bed.sandbox.apiBaseUri().toString()).endsWith("/api/order/CUST-7/confirm"));
        assertThat(headers.asMap().keySet()).allSatisfy(name -> assertThat(name.toLowerCase())
                .matches("x-acknowledge-uri|jakamo-.*|content-type"));
        assertThat(bed.journal().deliveries(order.id())).isEqualTo(1);
    }

    @Test
    void confirmAllChangesPostsToTheConfirmUrlOfASalesOrder() {
        bed.sandbox.jakamo().placeSalesOrderChange("so", "CUST-8");
        InboundMessage message = queue.next(Testbed.SO).orElseThrow();
        String confirmUrl = message.headers().get(MessageHeaders.CONFIRM_URL).orElseThrow();

        SendOutcome outcome = outbound.confirmAllChanges(Testbed.SO, new ConfirmUrl(confirmUrl));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(bed.journal().documents("so")).anySatisfy(d -> {
            assertThat(d.kind()).isEqualTo(DocumentRecord.Kind.CONFIRM_ALL);
            assertThat(d.documentNumber()).isEqualTo("CUST-8");
        });
        RequestRecord confirm = bed.journal().requests(Endpoint.CONFIRM_ALL).get(0);
        assertThat(confirm.method()).isEqualTo("POST");
        assertThat(confirm.tokenFingerprint()).isEqualTo(bed.tokens.token(Testbed.SO).fingerprint().value());
    }

    @Test
    void confirmAllOfAnUnknownOrderIsRejectedWithJakamosMessage() {
        String url = bed.sandbox.apiBaseUri() + "/api/order/NOPE-1/confirm";

        SendOutcome outcome = outbound.confirmAllChanges(Testbed.SO, new ConfirmUrl(url));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
            assertThat(r.answer()).isEqualTo("HTTP 422");
            assertThat(r.messages()).containsExactly("Order NOPE-1 not found.");
        });
    }

    @Test
    void anAttachmentMessageLeadsToItsFileOnTheJakamoHost() {
        byte[] file = {0x25, 0x50, 0x44, 0x46, 0x00, (byte) 0xff, 0x0a};
        bed.sandbox.jakamo().enqueueAttachment("po", "PO-9", "drawing.pdf", file);

        InboundMessage message = queue.next(Testbed.PO).orElseThrow();
        DocumentFacts facts = bed.reader.read(message.body());
        byte[] downloaded = queue.downloadAttachment(Testbed.PO, facts.rootAttributes().get("Jakamo-Attachment-URI"));

        assertThat(facts.type()).isEqualTo(DocumentType.ATTACHMENT);
        assertThat(downloaded).isEqualTo(file);
        assertThat(bed.journal().count(Endpoint.ATTACHMENT_DOWNLOAD)).isEqualTo(1);
    }

    @Test
    void aMissingAttachmentIsRefusedForGood() {
        assertThatThrownBy(() -> queue.downloadAttachment(Testbed.PO, bed.sandbox.apiBaseUri() + "/api/attachment/none"))
                .isInstanceOfSatisfying(JakamoExchangeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REFUSED);
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.remoteMessages()).containsExactly("Attachment none was not found.");
                });
    }

    @Test
    void anAttachmentOverTheLimitIsRefusedForGoodWithoutReadingIt() {
        JakamoApiClient small = bed.api(Testbed.fastOptions().withMaxAttachmentBytes(1024));
        bed.sandbox.jakamo().enqueueAttachment("po", "PO-10", "big.bin", new byte[64 * 1024]);
        HttpInboundQueueAdapter smallQueue = new HttpInboundQueueAdapter(small);
        DocumentFacts facts = bed.reader.read(smallQueue.next(Testbed.PO).orElseThrow().body());

        assertThatThrownBy(() -> smallQueue.downloadAttachment(Testbed.PO,
                facts.rootAttributes().get("Jakamo-Attachment-URI")))
                .isInstanceOfSatisfying(JakamoExchangeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REFUSED);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("larger than 1024 bytes");
                });
        assertThat(bed.journal().count(Endpoint.ATTACHMENT_DOWNLOAD)).isEqualTo(1);
    }

    @Test
    void theClaimQueueIsReadAndAcknowledgedForAClaimsIntegration() throws Exception {
        SendOutcome posted = outbound.send(Testbed.CLAIMS, document(ClaimDocuments.claim("CL-1")));
        assertThat(posted).isInstanceOf(SendOutcome.Accepted.class);

        InboundMessage reply = queue.next(Testbed.CLAIMS).orElseThrow();
        queue.acknowledge(Testbed.CLAIMS, reply.ackHandle());

        assertThat(bed.reader.read(reply.body()).rootLocalName()).isEqualTo("ClaimResponse");
        assertThat(bed.journal().count(Endpoint.CLAIM_QUEUE_READ)).isEqualTo(1);
        assertThat(bed.journal().acknowledgements("claims")).hasSize(1);
        assertThat(queue.next(Testbed.CLAIMS)).isEmpty();
    }

    @Test
    void anOrdersTokenIsRefusedOnTheClaimQueueAsAPermissionProblem() {
        assertThatThrownBy(() -> queue.next(Testbed.WRONG))
                .isInstanceOfSatisfying(JakamoExchangeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.PERMISSION);
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.remoteMessages()).singleElement().asString().contains("Claims.Read");
                    assertThat(e.getMessage()).contains("claims permission");
                });
        assertThat(bed.journal().requests(Endpoint.CLAIM_QUEUE_READ)).singleElement()
                .extracting(RequestRecord::status).isEqualTo(403);
    }

    @Test
    void acknowledgingTwiceIsHarmlessWhereJakamoSaysSo() {
        bed.sandbox.jakamo().enqueue("po", Documents.statusMessage("PO-3", "Received"));
        InboundMessage message = queue.next(Testbed.PO).orElseThrow();
        queue.acknowledge(Testbed.PO, message.ackHandle());

        queue.acknowledge(Testbed.PO, message.ackHandle());

        assertThat(bed.journal().acknowledgements("po")).extracting(a -> a.alreadyCleared())
                .containsExactly(false, true);
    }

    @Test
    void aRepeatedAcknowledgementJakamoAnswers404IsAnError() {
        bed.sandbox.jakamo().repeatedAck(RepeatedAck.NOT_FOUND);
        bed.sandbox.jakamo().enqueue("po", Documents.statusMessage("PO-4", "Received"));
        InboundMessage message = queue.next(Testbed.PO).orElseThrow();
        queue.acknowledge(Testbed.PO, message.ackHandle());

        assertThatThrownBy(() -> queue.acknowledge(Testbed.PO, message.ackHandle()))
                .isInstanceOfSatisfying(JakamoExchangeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REFUSED);
                    assertThat(e.status()).isEqualTo(404);
                });
    }

    @Test
    void anAcknowledgementWithAnUnknownIdIsRefused() {
        AckHandle unknown = new AckHandle(bed.sandbox.apiBaseUri() + "/api/order/response/no-such-message");

        assertThatThrownBy(() -> queue.acknowledge(Testbed.PO, unknown))
                .isInstanceOfSatisfying(JakamoExchangeException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    private static OutgoingDocument document(String xml) {
        return new OutgoingDocument(new ErpDocumentRef("doc.xml"),
                bed.reader.readDocument(xml.getBytes(StandardCharsets.UTF_8)), "doc.xml");
    }
}
