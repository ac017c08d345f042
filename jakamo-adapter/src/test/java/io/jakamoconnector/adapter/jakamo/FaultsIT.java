package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.jakamoconnector.domain.model.exchange.ConfirmUrl;
import io.jakamoconnector.domain.model.exchange.InboundMessage;
import io.jakamoconnector.domain.model.exchange.MessageHeaders;
import io.jakamoconnector.domain.model.exchange.SendOutcome;
import io.jakamoconnector.domain.port.out.JakamoExchangeException;
import io.jakamoconnector.domain.port.out.JakamoExchangeException.Reason;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.Fault;
import io.jakamoconnector.sandbox.QueueMessage;
import io.jakamoconnector.sandbox.RepeatedAck;
import io.jakamoconnector.sandbox.RequestRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each fault the sandbox can inject, on a read (repeatable: retried), an acknowledgement (repeatable) and a document
 * (not repeatable: retried only when it certainly did not arrive, else in doubt). Request timeout 1.5 s, 3 attempts.
 */
class FaultsIT {
    /** Just past the 1.5 s request timeout, so a hung request is over (and journaled) soon after the client gave up. */
    private static final Duration HANG = Duration.ofMillis(1800);

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
        bed.sandbox.jakamo().clearQueue("po");
        bed.sandbox.jakamo().clearQueue("so");
        bed.sandbox.jakamo().repeatedAck(RepeatedAck.OK);
        bed.journal().clear();
    }

    // ---- queue reads: repeatable ----

    @Test
    void latencyWithinTheTimeoutIsWaitedFor() {
        QueueMessage waiting = enqueue();
        bed.sandbox.faults().failNext(1, Endpoint.QUEUE_READ, Fault.latency(Duration.ofMillis(400)));

        long started = System.nanoTime();
        InboundMessage message = queue.next(Testbed.PO).orElseThrow();

        assertThat(millisSince(started)).isGreaterThanOrEqualTo(400);
        assertThat(message.body()).isEqualTo(waiting.body());
        assertThat(bed.journal().count(Endpoint.QUEUE_READ)).isEqualTo(1);
    }

    @Test
    void aReadThatHangsTimesOutAndIsRetried() {
        QueueMessage waiting = enqueue();
        bed.sandbox.faults().failNext(1, Endpoint.QUEUE_READ, Fault.hang(HANG));

        long started = System.nanoTime();
        InboundMessage message = queue.next(Testbed.PO).orElseThrow();

        assertThat(millisSince(started)).isBetween(1500L, 2900L);
        assertThat(message.body()).isEqualTo(waiting.body());
        letHungRequestsEnd();
    }

    @Test
    void aReadThatAlwaysHangsEndsTransientAfterTheAttemptBudget() {
        enqueue();
        bed.sandbox.faults().always(Endpoint.QUEUE_READ, Fault.hang(HANG));

        long started = System.nanoTime();
        assertThatThrownBy(() -> queue.next(Testbed.PO)).isInstanceOfSatisfying(JakamoExchangeException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.TRANSIENT);
            assertThat(e.retryable()).isTrue();
            assertThat(e.status()).isZero();
            assertThat(e.getMessage()).contains("no answer within 1500 ms");
        });
        assertThat(millisSince(started)).isBetween(4500L, 6000L);
        letHungRequestsEnd();
    }

    @Test
    void aResetReadIsRetried() {
        QueueMessage waiting = enqueue();
        bed.sandbox.faults().failNext(1, Endpoint.QUEUE_READ, Fault.connectionReset());

        assertThat(queue.next(Testbed.PO).orElseThrow().body()).isEqualTo(waiting.body());
        assertThat(statuses(Endpoint.QUEUE_READ)).containsExactly(0, 200);
    }

    @Test
    void aReadThatIsAlwaysResetEndsTransient() {
        enqueue();
        bed.sandbox.faults().always(Endpoint.QUEUE_READ, Fault.connectionReset());

        assertThatThrownBy(() -> queue.next(Testbed.PO)).isInstanceOfSatisfying(JakamoExchangeException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.TRANSIENT));
        assertThat(bed.journal().count(Endpoint.QUEUE_READ)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void anEmptyAnswerWithoutHeadersIsAnErrorNotAnEmptyQueue() {
        QueueMessage waiting = enqueue();
        bed.sandbox.faults().failNext(1, Endpoint.QUEUE_READ, Fault.emptyResponse());

        assertThatThrownBy(() -> queue.next(Testbed.PO)).isInstanceOfSatisfying(JakamoExchangeException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.UNREADABLE_RESPONSE);
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("empty body and no X-Acknowledge-Uri");
        });
        assertThat(queue.next(Testbed.PO).orElseThrow().body()).isEqualTo(waiting.body());
        assertThat(bed.sandbox.jakamo().queue("po")).hasSize(1);
    }

    @Test
    void aMalformedBodyIsFetchedOnceMoreAndTheIntactMessageHandedOver() {
        QueueMessage waiting = enqueue();
        bed.sandbox.faults().failNext(1, Endpoint.QUEUE_READ, Fault.malformedBody());

        InboundMessage message = queue.next(Testbed.PO).orElseThrow();

        assertThat(message.body()).isEqualTo(waiting.body());
        assertThat(bed.journal().deliveries(waiting.id())).isEqualTo(2);
    }

    @Test
    void aMessageMalformedTheSameWayTwiceIsHandedOverAsIsForQuarantine() {
        QueueMessage waiting = enqueue();
        bed.sandbox.faults().always(Endpoint.QUEUE_READ, Fault.malformedBody());

        InboundMessage message = queue.next(Testbed.PO).orElseThrow();

        assertThat(message.body()).hasSize(waiting.body().length / 2);
        assertThatThrownBy(() -> bed.reader.read(message.body()))
                .hasMessageContaining("not well-formed");
        assertThat(bed.journal().deliveries(waiting.id())).isEqualTo(2);
    }

    @Test
    void aTruncatedBodyIsRetried() {
        QueueMessage waiting = enqueue();
        bed.sandbox.faults().failNext(1, Endpoint.QUEUE_READ, Fault.truncatedBody());

        assertThat(queue.next(Testbed.PO).orElseThrow().body()).isEqualTo(waiting.body());
        assertThat(bed.journal().deliveries(waiting.id())).isEqualTo(2);
    }

    @Test
    void tooManyRequestsIsRetriedNoEarlierThanRetryAfter() {
        QueueMessage waiting = enqueue();
        bed.sandbox.faults().failNext(1, Endpoint.QUEUE_READ, Fault.tooManyRequests(2));

        assertThat(queue.next(Testbed.PO).orElseThrow().body()).isEqualTo(waiting.body());

        List<RequestRecord> reads = bed.journal().requests(Endpoint.QUEUE_READ);
        assertThat(reads).extracting(RequestRecord::status).containsExactly(429, 200);
        assertThat(Duration.between(reads.get(0).endedAt(), reads.get(1).startedAt()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aRetryAfterLongerThanACallWaitsIsHandedBackAndNothingIsSentBeforeIt() {
        HttpInboundQueueAdapter own = new HttpInboundQueueAdapter(bed.api(Testbed.fastOptions()));
        enqueue();
        bed.sandbox.faults().failNext(1, Endpoint.QUEUE_READ, Fault.tooManyRequests(60));

        assertThatThrownBy(() -> own.next(Testbed.PO)).isInstanceOfSatisfying(JakamoExchangeException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.TRANSIENT);
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d.toSeconds()).isBetween(58L, 60L));
        });
        assertThatThrownBy(() -> own.next(Testbed.PO)).isInstanceOfSatisfying(JakamoExchangeException.class,
                e -> assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d.toSeconds()).isBetween(55L, 60L)));
        assertThatThrownBy(() -> own.acknowledge(Testbed.PO,
                new io.jakamoconnector.domain.model.exchange.AckHandle(bed.sandbox.apiBaseUri() + "/api/order/response/x")))
                .isInstanceOf(JakamoExchangeException.class);
        assertThat(bed.journal().requests()).singleElement().extracting(RequestRecord::status).isEqualTo(429);
    }

    @Test
    void aServerErrorOnAReadIsRetried() {
        QueueMessage waiting = enqueue();
        bed.sandbox.faults().failNext(1, Endpoint.QUEUE_READ, Fault.serverError(503));

        assertThat(queue.next(Testbed.PO).orElseThrow().body()).isEqualTo(waiting.body());
        assertThat(statuses(Endpoint.QUEUE_READ)).containsExactly(503, 200);
    }

    @Test
    void persistentServerErrorsEndTransientWithJakamosMessage() {
        bed.sandbox.faults().always(Endpoint.QUEUE_READ, Fault.serverError(500));

        assertThatThrownBy(() -> queue.next(Testbed.PO)).isInstanceOfSatisfying(JakamoExchangeException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.TRANSIENT);
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.remoteMessages()).containsExactly("An error has occurred.");
        });
        assertThat(statuses(Endpoint.QUEUE_READ)).containsExactly(500, 500, 500);
    }

    @Test
    void aProxysHtmlPageBecomesItsTitle() {
        bed.sandbox.faults().always(Endpoint.QUEUE_READ, Fault.serverError(502));

        assertThatThrownBy(() -> queue.next(Testbed.PO)).isInstanceOfSatisfying(JakamoExchangeException.class, e -> {
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.remoteMessages()).containsExactly("502");
            assertThat(e.getMessage()).contains("502 Bad Gateway");
        });
    }

    // ---- acknowledgements: repeatable ----

    @Test
    void aResetAcknowledgementIsRetried() {
        QueueMessage waiting = enqueue();
        InboundMessage message = queue.next(Testbed.PO).orElseThrow();
        bed.sandbox.faults().failNext(1, Endpoint.QUEUE_ACK, Fault.connectionReset());

        queue.acknowledge(Testbed.PO, message.ackHandle());

        assertThat(bed.journal().acknowledgement(waiting.id())).isPresent();
        assertThat(bed.sandbox.jakamo().queue("po")).isEmpty();
    }

    @Test
    void anAcknowledgementWhoseAnswerWasLostIsNotAnErrorWhenTheRetrySaysAlreadyCleared() {
        bed.sandbox.jakamo().repeatedAck(RepeatedAck.NOT_FOUND);
        enqueue();
        InboundMessage message = queue.next(Testbed.PO).orElseThrow();
        bed.sandbox.faults().failNext(1, Endpoint.QUEUE_ACK, Fault.connectionReset().afterProcessing());

        queue.acknowledge(Testbed.PO, message.ackHandle());

        assertThat(statuses(Endpoint.QUEUE_ACK)).containsExactly(0, 404);
        assertThat(bed.journal().acknowledgements("po")).extracting(a -> a.alreadyCleared())
                .containsExactly(false, true);
    }

    @Test
    void confirmAllIsRepeatableAndRetriedAfterAReset() {
        bed.sandbox.jakamo().placeSalesOrder("so", "CUST-F1");
        String url = queue.next(Testbed.SO).orElseThrow().headers().get(MessageHeaders.CONFIRM_URL).orElseThrow();
        bed.sandbox.faults().failNext(1, Endpoint.CONFIRM_ALL, Fault.connectionReset().afterProcessing());

        assertThat(outbound.confirmAllChanges(Testbed.SO, new ConfirmUrl(url))).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(statuses(Endpoint.CONFIRM_ALL)).containsExactly(0, 200);
    }

    // ---- documents: never repeated once they may have arrived ----

    @Test
    void aSlowButTimelyAnswerIsAccepted() {
        bed.sandbox.faults().failNext(1, Endpoint.ORDER_POST, Fault.latency(Duration.ofMillis(400)));

        assertThat(outbound.send(Testbed.PO, order("PO-F1"))).isInstanceOf(SendOutcome.Accepted.class);
    }

    @Test
    void aPostThatHangsIsInDoubtAndNotRepeated() {
        bed.sandbox.faults().failNext(1, Endpoint.ORDER_POST, Fault.hang(Duration.ofSeconds(2)).afterProcessing());

        SendOutcome outcome = outbound.send(Testbed.PO, order("PO-F2"));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.InDoubt.class,
                d -> assertThat(d.detail()).contains("no answer within 1500 ms").contains("may have received it"));
        // the hung request is journaled when the sandbox lets it go
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.sandbox.journal().count(Endpoint.ORDER_POST) >= 1);
        assertThat(bed.journal().count(Endpoint.ORDER_POST)).isEqualTo(1);
        assertThat(bed.journal().timesAccepted("Order", "PO-F2")).isEqualTo(1);
    }

    @Test
    void aPostReadAndDroppedIsInDoubtWhetherOrNotJakamoProcessedIt() {
        outbound.send(Testbed.PO, order("PO-F3b"));
        bed.sandbox.faults().failNext(1, Endpoint.ORDER_POST, Fault.connectionReset());
        bed.sandbox.faults().failNext(1, Endpoint.ORDER_CHANGE, Fault.connectionReset().afterProcessing());

        SendOutcome notProcessed = outbound.send(Testbed.PO, order("PO-F3"));
        SendOutcome processed = outbound.send(Testbed.PO, OutboundExchangeITDocuments.of(bed,
                Documents.orderChange("PO-F3b", 1)));

        assertThat(notProcessed).isInstanceOf(SendOutcome.InDoubt.class);
        assertThat(processed).isInstanceOf(SendOutcome.InDoubt.class);
        assertThat(bed.journal().timesAccepted("Order", "PO-F3")).isZero();
        assertThat(bed.journal().timesAccepted("OrderChange", "PO-F3b")).isEqualTo(1);
        assertThat(statuses(Endpoint.ORDER_CHANGE)).containsExactly(0);
    }

    @Test
    void anAttachmentUploadThatIsResetIsInDoubt() {
        outbound.send(Testbed.PO, order("PO-F4"));
        bed.sandbox.faults().failNext(1, Endpoint.ATTACHMENT_UPLOAD, Fault.connectionReset());

        SendOutcome outcome = outbound.send(Testbed.PO, OutboundExchangeITDocuments.attachment("PO-F4"));

        assertThat(outcome).isInstanceOf(SendOutcome.InDoubt.class);
        assertThat(bed.journal().count(Endpoint.ATTACHMENT_UPLOAD)).isEqualTo(1);
    }

    @Test
    void anAnswerEmptiedOrDamagedAfterProcessingIsStillAnAcceptance() {
        bed.sandbox.faults().failNext(1, Endpoint.ORDER_POST, Fault.emptyResponse());
        SendOutcome empty = outbound.send(Testbed.PO, order("PO-F5"));
        bed.sandbox.faults().failNext(1, Endpoint.ORDER_POST, Fault.malformedBody());
        SendOutcome malformed = outbound.send(Testbed.PO, order("PO-F6"));
        bed.sandbox.faults().failNext(1, Endpoint.ORDER_POST, Fault.truncatedBody());
        SendOutcome truncated = outbound.send(Testbed.PO, order("PO-F7"));

        assertThat(List.of(empty, malformed, truncated))
                .allSatisfy(o -> assertThat(o).isInstanceOf(SendOutcome.Accepted.class));
        assertThat(bed.journal().count(Endpoint.ORDER_POST)).isEqualTo(3);
    }

    @Test
    void tooManyRequestsOnAPostIsRetriedNoEarlierThanRetryAfter() {
        bed.sandbox.faults().failNext(1, Endpoint.ORDER_POST, Fault.tooManyRequests(1));

        SendOutcome outcome = outbound.send(Testbed.PO, order("PO-F8"));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        List<RequestRecord> posts = bed.journal().requests(Endpoint.ORDER_POST);
        assertThat(posts).extracting(RequestRecord::status).containsExactly(429, 200);
        assertThat(Duration.between(posts.get(0).endedAt(), posts.get(1).startedAt()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(bed.journal().timesAccepted("Order", "PO-F8")).isEqualTo(1);
    }

    @Test
    void aLongRetryAfterOnAPostDefersTheDocumentWithTheAdvice() {
        HttpOutboundExchangeAdapter own = new HttpOutboundExchangeAdapter(bed.api(Testbed.fastOptions()));
        bed.sandbox.faults().failNext(1, Endpoint.ORDER_POST, Fault.tooManyRequests(90));

        SendOutcome first = own.send(Testbed.PO, order("PO-F9"));
        SendOutcome second = own.send(Testbed.PO, order("PO-F9"));

        assertThat(first).isInstanceOfSatisfying(SendOutcome.Deferred.class, d -> assertThat(d.retryAfter())
                .hasValueSatisfying(r -> assertThat(r.toSeconds()).isCloseTo(90, within(2L))));
        assertThat(second).isInstanceOfSatisfying(SendOutcome.Deferred.class,
                d -> assertThat(d.reason()).contains("Retry-After"));
        assertThat(bed.journal().count(Endpoint.ORDER_POST)).isEqualTo(1);
    }

    @Test
    void aDayLongRetryAfterHoldsTheIntegrationOnlyAsLongAsConfigured() {
        JakamoApiClient byDefault = bed.api(Testbed.fastOptions());
        bed.sandbox.faults().failNext(1, Endpoint.ORDER_POST, Fault.tooManyRequests(86_400));
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(JakamoApiClient.class);
        logger.addAppender(logs);
        SendOutcome first;
        try {
            first = new HttpOutboundExchangeAdapter(byDefault).send(Testbed.PO, order("PO-F9a"));
        } finally {
            logger.detachAppender(logs);
        }
        Instant until = byDefault.heldUntil(Testbed.PO).orElseThrow();
        assertThat(logs.list).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
            assertThat(e.getFormattedMessage()).contains("held by Jakamo until " + until);
        });
        assertThat(first).isInstanceOfSatisfying(SendOutcome.Deferred.class, d -> assertThat(d.retryAfter())
                .contains(Duration.ofHours(1)));
        assertThat(byDefault.heldUntil(Testbed.PO)).hasValueSatisfying(held -> assertThat(held)
                .isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofHours(1))));
        assertThat(byDefault.heldUntil(Testbed.SO)).as("another integration is not held").isEmpty();

        JakamoApiClient fiveMinutes = bed.api(Testbed.fastOptions().withLongestRetryAfter(Duration.ofMinutes(5)));
        bed.sandbox.faults().failNext(1, Endpoint.ORDER_POST, Fault.tooManyRequests(86_400));
        SendOutcome second = new HttpOutboundExchangeAdapter(fiveMinutes).send(Testbed.PO, order("PO-F9b"));
        assertThat(second).isInstanceOfSatisfying(SendOutcome.Deferred.class, d -> assertThat(d.retryAfter())
                .contains(Duration.ofMinutes(5)));
    }

    @Test
    void serviceUnavailableIsRetriedThenDeferred() {
        bed.sandbox.faults().always(Endpoint.ORDER_POST, Fault.serverError(503));

        SendOutcome outcome = outbound.send(Testbed.PO, order("PO-F10"));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Deferred.class,
                d -> assertThat(d.reason()).contains("503"));
        assertThat(statuses(Endpoint.ORDER_POST)).containsExactly(503, 503, 503);
    }

    @Test
    void otherServerErrorsOnAPostAreInDoubtAndNotRepeated() {
        bed.sandbox.faults().failNext(1, Endpoint.ORDER_POST, Fault.serverError(500));
        SendOutcome internal = outbound.send(Testbed.PO, order("PO-F11"));
        bed.sandbox.faults().failNext(1, Endpoint.ORDER_POST, Fault.serverError(504));
        SendOutcome gateway = outbound.send(Testbed.PO, order("PO-F12"));

        assertThat(internal).isInstanceOfSatisfying(SendOutcome.InDoubt.class,
                d -> assertThat(d.detail()).contains("500").contains("An error has occurred."));
        assertThat(gateway).isInstanceOfSatisfying(SendOutcome.InDoubt.class,
                d -> assertThat(d.detail()).contains("504 Gateway Timeout"));
        assertThat(statuses(Endpoint.ORDER_POST)).containsExactly(500, 504);
    }

    // ---- nothing listening ----

    @Test
    void aRefusedConnectionIsSafeToRetryAndDefersADocument() throws Exception {
        URI nowhere = closedPort();
        JakamoApiClient api = bed.api(Testbed.fastOptions(), nowhere);

        SendOutcome outcome = new HttpOutboundExchangeAdapter(api).send(Testbed.STUB, order("PO-F13"));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Deferred.class,
                d -> assertThat(d.reason()).contains("before the request was sent"));
        assertThatThrownBy(() -> new HttpInboundQueueAdapter(api).next(Testbed.STUB))
                .isInstanceOfSatisfying(JakamoExchangeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TRANSIENT);
                    assertThat(e.getMessage()).contains("ConnectException");
                });
    }

    /** A hung request is journaled when the sandbox lets it go; it must not land in the next test's journal. */
    private static void letHungRequestsEnd() {
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.sandbox.journal().queueReadersInFlight("po") == 0);
        bed.journal();
    }

    private static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("https://127.0.0.1:" + socket.getLocalPort());
        }
    }

    private static QueueMessage enqueue() {
        return bed.sandbox.jakamo().enqueue("po", Documents.orderResponse("PO-Q", "SO-Q"));
    }

    private static io.jakamoconnector.domain.model.exchange.OutgoingDocument order(String number) {
        return OutboundExchangeITDocuments.of(bed, Documents.order(number));
    }

    private static List<Integer> statuses(Endpoint endpoint) {
        return bed.journal().requests(endpoint).stream().map(RequestRecord::status).toList();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
