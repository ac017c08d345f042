package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jakamoconnector.domain.model.exchange.AckHandle;
import io.jakamoconnector.domain.model.exchange.ConfirmUrl;
import io.jakamoconnector.domain.model.exchange.InboundMessage;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesCommand;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesResult;
import io.jakamoconnector.domain.port.out.JakamoExchangeException;
import io.jakamoconnector.domain.port.out.JakamoExchangeException.Reason;
import io.jakamoconnector.domain.service.AuditWriter;
import io.jakamoconnector.domain.service.ReceiveInboundMessagesService;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.domain.testing.InMemoryAuditTrail;
import io.jakamoconnector.domain.testing.InMemoryErpInbox;
import io.jakamoconnector.domain.testing.InMemoryQueueLeases;
import io.jakamoconnector.domain.testing.InMemorySyncState;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The token goes to the configured Jakamo host only: acknowledgement, confirmation and attachment URIs that point
 * anywhere else (another port, another host name for the same machine, plain http, user info) are refused before any
 * connection, and the other server sees nothing.
 */
class ForeignHostIT {
    private static Testbed bed;
    private static Canary other;
    private static StubJakamo stub;
    private static HttpInboundQueueAdapter queue;
    private static HttpOutboundExchangeAdapter outbound;

    @BeforeAll
    static void start() {
        bed = new Testbed();
        other = bed.closeLater(new Canary());
        stub = bed.closeLater(new StubJakamo());
        JakamoApiClient api = bed.api(Testbed.fastOptions(), stub.baseUri());
        queue = new HttpInboundQueueAdapter(api);
        outbound = new HttpOutboundExchangeAdapter(api);
    }

    @AfterAll
    static void stop() throws Exception {
        bed.close();
    }

    @BeforeEach
    void reset() {
        stub.ackUri(null);
        stub.clearQueue();
        stub.clearRequests();
        bed.journal().clear();
    }

    @Test
    void uriElsewhereAreRefusedBeforeAnyConnection() {
        int port = bed.sandbox.apiBaseUri().getPort();
        List<String> elsewhere = List.of(
                "https://127.0.0.1:" + other.port() + "/api/order/response/1",
                "https://localhost:" + port + "/api/order/response/1",
                "https://127.0.0.1:" + port + "@127.0.0.1:" + other.port() + "/api/order/response/1",
                "https://jakamo@127.0.0.1:" + port + "/api/order/response/1",
                "//127.0.0.1:" + other.port() + "/api/order/response/1",
                "https://127.0.0.1/api/order/response/1",
                "file:///etc/passwd",
                "api/order/response/1");

        for (String uri : elsewhere) {
            assertForeign(() -> queue.acknowledge(Testbed.PO, new AckHandle(uri)), uri);
            assertForeign(() -> queue.downloadAttachment(Testbed.PO, uri), uri);
            assertForeign(() -> outbound.confirmAllChanges(Testbed.SO, new ConfirmUrl(uri)), uri);
        }
        assertThat(other.connections()).isZero();
        assertThat(bed.journal().requests()).isEmpty();
    }

    @Test
    void aMessageWhoseAcknowledgementUriPointsElsewhereIsReadButNeverAcknowledgedThere() {
        stub.ackUri("https://127.0.0.1:" + other.port() + "/api/order/response/1");
        stub.enqueue(Documents.orderResponse("PO-FH", "SO-FH").getBytes(StandardCharsets.UTF_8));

        InboundMessage message = queue.next(Testbed.STUB).orElseThrow();

        assertForeign(() -> queue.acknowledge(Testbed.STUB, message.ackHandle()), message.ackHandle().value());
        assertThat(other.connections()).isZero();
        assertThat(stub.queued()).isEqualTo(1);
    }

    @Test
    void anAttachmentAnnouncedOnAnUntrustedHostBlocksTheQueueAndNothingIsFetched() {
        stub.enqueue(Documents.attachmentMessage("https://127.0.0.1:" + other.port() + "/steal", "x.pdf", "PO-1")
                .getBytes(StandardCharsets.UTF_8));
        InMemoryAuditTrail trail = new InMemoryAuditTrail();
        ReceiveInboundMessagesService service = new ReceiveInboundMessagesService(queue, new InMemorySyncState(trail),
                new InMemoryErpInbox(), bed.reader, new AuditWriter(trail, Clock.systemUTC(), "it"), Clock.systemUTC());

        ReceiveInboundMessagesResult result = service.receive(new ReceiveInboundMessagesCommand(Testbed.STUB,
                new InMemoryQueueLeases().tryAcquire(Testbed.STUB, "it").orElseThrow(), 5));

        // the host may be Jakamo's (a person decides and trusts it), so the announcement waits at the head
        assertThat(result.stoppedBecause()).isEqualTo(ReceiveInboundMessagesResult.StopReason.BLOCKED);
        assertThat(result.quarantined()).isZero();
        assertThat(result.acknowledged()).isZero();
        assertThat(stub.queued()).isEqualTo(1);
        assertThat(trail.events()).anySatisfy(e -> assertThat(e.reason())
                .contains("refused to call the attachment URI", "integrations[stub].jakamo.trustedHosts")
                .doesNotContain("eyJ"));
        assertThat(other.connections()).isZero();
    }

    @Test
    void aRefusedUrisQueryAndFragmentReachNeitherTheErrorNorTheLogNorTheAuditTrail() {
        String elsewhere = "https://127.0.0.1:" + other.port() + "/steal";
        String signed = elsewhere + "?token=SECRET123#SECRET123";
        InMemoryAuditTrail trail = new InMemoryAuditTrail();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger logger = (Logger) LoggerFactory.getLogger("io.jakamoconnector");
        logger.addAppender(logs);
        List<Throwable> refusals;
        InboundMessage message;
        try {
            stub.ackUri(signed);
            stub.enqueue(Documents.orderResponse("PO-Q", "SO-Q").getBytes(StandardCharsets.UTF_8));
            message = queue.next(Testbed.STUB).orElseThrow();   // warns that it cannot be acknowledged there
            refusals = List.of(
                    catchThrowable(() -> queue.acknowledge(Testbed.STUB, message.ackHandle())),
                    catchThrowable(() -> outbound.confirmAllChanges(Testbed.SO, new ConfirmUrl(signed))),
                    catchThrowable(() -> queue.downloadAttachment(Testbed.PO, signed)));

            stub.ackUri(null);
            stub.clearQueue();
            stub.enqueue(Documents.attachmentMessage(signed, "x.pdf", "PO-Q").getBytes(StandardCharsets.UTF_8));
            new ReceiveInboundMessagesService(queue, new InMemorySyncState(trail), new InMemoryErpInbox(), bed.reader,
                    new AuditWriter(trail, Clock.systemUTC(), "it"), Clock.systemUTC())
                    .receive(new ReceiveInboundMessagesCommand(Testbed.STUB,
                            new InMemoryQueueLeases().tryAcquire(Testbed.STUB, "it").orElseThrow(), 5));
        } finally {
            logger.detachAppender(logs);
        }

        assertThat(refusals).allSatisfy(e -> assertThat(e).isInstanceOf(JakamoExchangeException.class)
                .hasMessageContaining(elsewhere).hasMessageNotContaining("SECRET123"));
        assertThat(trail.events()).anySatisfy(e -> assertThat(e.reason())
                .contains("refused to call the attachment URI " + elsewhere + ":"));
        assertThat(trail.events()).allSatisfy(e -> assertThat(e.toString()).doesNotContain("SECRET123"));
        assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .contains("acknowledgement URI is not on the Jakamo host", elsewhere));
        assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain("SECRET123"));
        assertThat(message.ackHandle().toString()).isEqualTo(elsewhere);
        assertThat(new ConfirmUrl(signed).toString()).isEqualTo(elsewhere);
        assertThat(other.connections()).isZero();
    }

    @Test
    void aPathOnlyAcknowledgementUriIsTakenOnTheJakamoHost() {
        int id = stub.enqueue(Documents.orderResponse("PO-REL", "SO-REL").getBytes(StandardCharsets.UTF_8));
        stub.ackUri("/api/order/response/" + id);

        InboundMessage message = queue.next(Testbed.STUB).orElseThrow();
        queue.acknowledge(Testbed.STUB, message.ackHandle());

        assertThat(message.ackHandle().value()).isEqualTo("/api/order/response/" + id);
        assertThat(stub.queued()).isZero();
        assertThat(stub.requests()).filteredOn(r -> r.method().equals("POST")).singleElement()
                .satisfies(r -> assertThat(r.authorized()).isTrue());
    }

    private static void assertForeign(ThrowingCallable call, String uri) {
        assertThatThrownBy(call).as(uri).isInstanceOfSatisfying(JakamoExchangeException.class, e -> {
            assertThat(e.reason()).isIn(Reason.FOREIGN_URI, Reason.UNTRUSTED_HOST);
            assertThat(e.retryable()).isFalse();
            assertThat(e.status()).isZero();
            assertThat(e.getMessage()).containsAnyOf("the token is only ever sent to the configured Jakamo API host",
                    "is not a trusted Jakamo host");
        });
    }
}
