package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.InboundMessage;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.exchange.SendOutcome;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesCommand;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesResult;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesResult.StopReason;
import io.jakamoconnector.domain.port.out.JakamoExchangeException;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.service.AuditWriter;
import io.jakamoconnector.domain.service.ReceiveInboundMessagesService;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.domain.testing.InMemoryAuditTrail;
import io.jakamoconnector.domain.testing.InMemoryErpInbox;
import io.jakamoconnector.domain.testing.InMemoryQueueLeases;
import io.jakamoconnector.domain.testing.InMemorySyncState;
import io.jakamoconnector.domain.testing.MutableClock;
import io.jakamoconnector.sandbox.AckUris;
import io.jakamoconnector.sandbox.ChangeVerb;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.Fault;
import io.jakamoconnector.sandbox.RequestRecord;
import io.jakamoconnector.sandbox.UnknownPathAnswer;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The adapter against the sandbox's strict variants (issue 15), one sandbox for the class: callbacks on a second host
 * (trusted or not) and over http, an acknowledgement URI that changes on every read, changes and status messages by
 * POST only and by PUT only, and a bare 404 for an unknown path. Each variant is one the real Jakamo may have; the
 * lenient default sandbox agrees with the adapter whichever way Jakamo behaves.
 */
class StrictSandboxVariantsIT {
    private static Testbed bed;
    private static String port;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        bed = new Testbed();
        port = String.valueOf(bed.sandbox.apiBaseUri().getPort());
        http = JakamoApiClient.newHttpClient(Duration.ofSeconds(2), StubTls.get().clientContext(bed.sandbox.trustStore()));
    }

    @AfterAll
    static void stop() throws Exception {
        bed.close();
    }

    @BeforeEach
    void reset() {
        bed.sandbox.faults().clear();
        bed.sandbox.jakamo().callbackBase(null).ackUris(AckUris.STABLE).changeVerb(ChangeVerb.EITHER)
                .unknownPathAnswer(UnknownPathAnswer.ERRORS_BODY_404);
        bed.sandbox.jakamo().clearQueue("po");
        bed.journal().clear();
    }

    @AfterEach
    void lenientAgain() {
        bed.sandbox.jakamo().callbackBase(null);
    }

    /** The purchase-orders integration, trusting its API host and {@code extra}. */
    private static JakamoApiClient api(JakamoOptions options, String... extra) {
        return api(Clock.systemUTC(), options, extra);
    }

    private static JakamoApiClient api(Clock clock, JakamoOptions options, String... extra) {
        JakamoIntegration po = new JakamoIntegration(Testbed.PO, IntegrationKind.PURCHASE_ORDERS,
                bed.sandbox.apiBaseUri(), options).withTrustedHosts(List.of(extra));
        return new JakamoApiClient(http, bed.tokens, bed.reader, List.of(po), clock);
    }

    // ---- callbacks on another host ------------------------------------------------------------------------------

    @Test
    void anAcknowledgementOnAnUntrustedHostIsRefusedBeforeAnyRequestAndNamesTheKeyThatWouldTrustIt() {
        bed.sandbox.jakamo().callbackBase("https://localhost:" + port);
        bed.sandbox.jakamo().enqueue("po", Documents.orderResponse("PO-1", "SO-1"));
        HttpInboundQueueAdapter queue = new HttpInboundQueueAdapter(api(Testbed.fastOptions()));
        InboundMessage head = queue.next(Testbed.PO).orElseThrow();

        assertThatThrownBy(() -> queue.acknowledge(Testbed.PO, head.ackHandle()))
                .isInstanceOfSatisfying(JakamoExchangeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(JakamoExchangeException.Reason.UNTRUSTED_HOST);
                    assertThat(e.getMessage()).contains("localhost:" + port, "'localhost:" + port + "'",
                            "integrations[po].jakamo.trustedHosts");
                });
        // the sandbox also answers as localhost: any request there would be in its journal
        assertThat(bed.journal().count(Endpoint.QUEUE_ACK)).isZero();
        assertThat(bed.sandbox.jakamo().queue("po")).hasSize(1);
    }

    @Test
    void anAcknowledgementOnASecondTrustedHostIsMade() {
        bed.sandbox.jakamo().callbackBase("https://localhost:" + port);
        bed.sandbox.jakamo().enqueue("po", Documents.orderResponse("PO-1", "SO-1"));
        HttpInboundQueueAdapter queue = new HttpInboundQueueAdapter(api(Testbed.fastOptions(), "LOCALHOST:" + port));

        queue.acknowledge(Testbed.PO, queue.next(Testbed.PO).orElseThrow().ackHandle());

        assertThat(bed.journal().acknowledgements("po")).hasSize(1);
        assertThat(bed.sandbox.jakamo().queue("po")).isEmpty();
    }

    @Test
    void anHttpCallbackOnATrustedHostIsCalledOverHttpsOnTheSameHost() {
        bed.sandbox.jakamo().callbackBase("http://127.0.0.1:" + port);
        bed.sandbox.jakamo().enqueue("po", Documents.orderResponse("PO-1", "SO-1"));
        HttpInboundQueueAdapter queue = new HttpInboundQueueAdapter(api(Testbed.fastOptions()));
        InboundMessage head = queue.next(Testbed.PO).orElseThrow();
        assertThat(head.ackHandle().value()).startsWith("http://127.0.0.1:");

        queue.acknowledge(Testbed.PO, head.ackHandle());

        // the sandbox speaks only TLS: a plain-http request would not have reached the acknowledgement endpoint
        assertThat(bed.journal().acknowledgements("po")).hasSize(1);
    }

    @Test
    void anAttachmentFromASecondTrustedHostIsDownloaded() {
        bed.sandbox.jakamo().callbackBase("https://localhost:" + port);
        bed.sandbox.jakamo().enqueueAttachment("po", "PO-1", "a.pdf", new byte[] {1, 2, 3});
        Drain drain = new Drain(api(Testbed.fastOptions(), "localhost:" + port));

        ReceiveInboundMessagesResult result = drain.run();

        assertThat(result.delivered()).isEqualTo(1);
        assertThat(drain.erp.files().values()).singleElement().satisfies(b -> assertThat(b).containsExactly(1, 2, 3));
    }

    @Test
    void anAttachmentFromAnUntrustedHostBlocksTheQueueAndNoRequestGoesThere() {
        bed.sandbox.jakamo().callbackBase("https://localhost:" + port);
        bed.sandbox.jakamo().enqueueAttachment("po", "PO-1", "a.pdf", new byte[] {1, 2, 3});
        Drain drain = new Drain(api(Testbed.fastOptions()));

        ReceiveInboundMessagesResult first = drain.run();
        ReceiveInboundMessagesResult second = drain.run();

        for (ReceiveInboundMessagesResult r : List.of(first, second)) {
            assertThat(r.stoppedBecause()).isEqualTo(StopReason.BLOCKED);
            assertThat(r.detail()).contains("localhost:" + port, "integrations[po].jakamo.trustedHosts");
        }
        assertThat(drain.erp.files()).isEmpty();
        assertThat(bed.journal().count(Endpoint.ATTACHMENT_DOWNLOAD)).isZero();
        assertThat(bed.journal().count(Endpoint.QUEUE_ACK)).isZero();
        assertThat(bed.sandbox.jakamo().queue("po")).hasSize(1);
    }

    // ---- a new acknowledgement URI on every read ----------------------------------------------------------------

    @Test
    void aMessageRedeliveredUnderANewAcknowledgementUriAfterAFailedAcknowledgementReachesTheErpOnce() {
        bed.sandbox.jakamo().ackUris(AckUris.NEW_PER_READ);
        bed.sandbox.jakamo().enqueue("po", Documents.orderResponse("PO-1", "SO-1"));
        bed.sandbox.jakamo().enqueue("po", Documents.orderResponse("PO-2", "SO-2"));
        // every attempt of the first acknowledgement fails before it is processed: the message stays at the head
        bed.sandbox.faults().failNext(3, Endpoint.QUEUE_ACK, Fault.serverError(503));
        Drain drain = new Drain(api(Testbed.fastOptions()));

        assertThat(drain.run().stoppedBecause()).isEqualTo(StopReason.FAILED);
        ReceiveInboundMessagesResult second = drain.run();

        assertThat(second.duplicates()).isEqualTo(1);
        assertThat(second.delivered()).isEqualTo(1);
        assertThat(drain.erp.writes()).isEqualTo(2);
        assertThat(bed.sandbox.jakamo().queue("po")).isEmpty();
        List<String> ackPaths = bed.journal().requests().stream().filter(r -> r.endpoint() == Endpoint.QUEUE_ACK)
                .map(RequestRecord::path).distinct().toList();
        assertThat(ackPaths).hasSizeGreaterThanOrEqualTo(3);   // ~1 (refused three times), ~2, then the next message's
    }

    // ---- the verb for changes and status messages ---------------------------------------------------------------

    @Test
    void aChangeRefusedWith405IsSentOnceWithTheAllowedVerbAndTheLogNamesTheKey() {
        bed.sandbox.jakamo().changeVerb(ChangeVerb.PUT_ONLY);
        ListAppender<ILoggingEvent> log = capture();
        HttpOutboundExchangeAdapter outbound = new HttpOutboundExchangeAdapter(api(Testbed.fastOptions()));
        assertThat(outbound.send(Testbed.PO, document("o.xml", Documents.order("PO-405")))).isInstanceOf(
                SendOutcome.Accepted.class);

        SendOutcome change = outbound.send(Testbed.PO, document("c.xml", Documents.orderChange("PO-405", 1)));
        SendOutcome status = outbound.send(Testbed.PO, document("s.xml", Documents.statusMessage("PO-405", "Received")));

        assertThat(change).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(status).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(bed.journal().timesAccepted("OrderChange", "PO-405")).isEqualTo(1);
        assertThat(bed.journal().timesAccepted("StatusMessage", "PO-405")).isEqualTo(1);
        assertThat(bed.journal().requests().stream().filter(r -> r.endpoint() == Endpoint.ORDER_CHANGE)
                .map(r -> r.method() + " " + r.status())).containsExactly("POST 405", "PUT 200", "POST 405", "PUT 200");
        assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .contains("405", "accepted with PUT", "integrations[po].jakamo.changeMethod: PUT"));
    }

    @Test
    void aPostOnlyJakamoTakesTheChangesOfAnAdapterConfiguredForPut() {
        bed.sandbox.jakamo().changeVerb(ChangeVerb.POST_ONLY);
        HttpOutboundExchangeAdapter outbound = new HttpOutboundExchangeAdapter(api(Testbed.fastOptions()
                .withChangeMethod(JakamoOptions.ChangeMethod.PUT)));
        outbound.send(Testbed.PO, document("o.xml", Documents.order("PO-406")));

        assertThat(outbound.send(Testbed.PO, document("c.xml", Documents.orderChange("PO-406", 1))))
                .isInstanceOf(SendOutcome.Accepted.class);
        assertThat(bed.journal().requests().stream().filter(r -> r.endpoint() == Endpoint.ORDER_CHANGE)
                .map(r -> r.method() + " " + r.status())).containsExactly("PUT 405", "POST 200");
    }

    @Test
    void theConfiguredVerbNeedsOneRequest() {
        bed.sandbox.jakamo().changeVerb(ChangeVerb.PUT_ONLY);
        HttpOutboundExchangeAdapter outbound = new HttpOutboundExchangeAdapter(api(Testbed.fastOptions()
                .withChangeMethod(JakamoOptions.ChangeMethod.PUT)));
        outbound.send(Testbed.PO, document("o.xml", Documents.order("PO-407")));

        assertThat(outbound.send(Testbed.PO, document("c.xml", Documents.orderChange("PO-407", 1))))
                .isInstanceOf(SendOutcome.Accepted.class);
        assertThat(bed.journal().count(Endpoint.ORDER_CHANGE)).isEqualTo(1);
    }

    // ---- a bare 404 for an unknown path -------------------------------------------------------------------------

    @Test
    void aQueuePathThatOnlyEverAnswersABare404IsReportedAfterADayAndNamesItsKey() {
        bed.sandbox.jakamo().unknownPathAnswer(UnknownPathAnswer.EMPTY_404);
        MutableClock clock = MutableClock.at("2026-12-07T08:00:00Z");
        JakamoApiClient api = api(clock, Testbed.fastOptions().withPaths(
                JakamoPaths.defaults().withOrderQueue("/api/orders/response")));
        HttpInboundQueueAdapter queue = new HttpInboundQueueAdapter(api);

        assertThat(queue.next(Testbed.PO)).as("a bare 404 may be an empty queue").isEmpty();
        clock.advance(Duration.ofHours(23));
        assertThat(queue.next(Testbed.PO)).isEmpty();
        assertThat(api.queuePathUnconfirmed(Testbed.PO)).as("not yet a day").isEmpty();
        clock.advance(Duration.ofHours(1));

        assertThat(api.queuePathUnconfirmed(Testbed.PO)).hasValueSatisfying(why -> assertThat(why)
                .contains("GET /api/orders/response", "never answered like a Jakamo queue",
                        "integrations[po].jakamo.paths.orderQueue"));
        assertThat(bed.journal().requests()).allSatisfy(r -> {
            assertThat(r.endpoint()).isEqualTo(Endpoint.UNKNOWN);
            assertThat(r.status()).isEqualTo(404);
        });
    }

    @Test
    void aQueueThatHasAnsweredLikeAQueueIsNeverInDoubt() {
        bed.sandbox.jakamo().unknownPathAnswer(UnknownPathAnswer.EMPTY_404);
        MutableClock clock = MutableClock.at("2026-12-07T08:00:00Z");
        JakamoApiClient api = api(clock, Testbed.fastOptions());
        HttpInboundQueueAdapter queue = new HttpInboundQueueAdapter(api);

        assertThat(queue.next(Testbed.PO)).isEmpty();   // the sandbox's documented empty answer: 200 <status>
        clock.advance(Duration.ofDays(2));

        assertThat(api.queuePathUnconfirmed(Testbed.PO)).isEmpty();
    }

    @Test
    void doctorsQueuePathProbeTellsABare404FromAQueueAndLeavesTheHeadAlone() {
        bed.sandbox.jakamo().unknownPathAnswer(UnknownPathAnswer.EMPTY_404);
        bed.sandbox.jakamo().enqueue("po", Documents.orderResponse("PO-P", "SO-P"));
        HttpJakamoProbeAdapter probe = new HttpJakamoProbeAdapter(Duration.ofSeconds(2), Duration.ofSeconds(2),
                StubTls.get().clientContext(bed.sandbox.trustStore()));
        String token = bed.tokens.token(Testbed.PO).value();
        JakamoIntegration right = new JakamoIntegration(Testbed.PO, IntegrationKind.PURCHASE_ORDERS,
                bed.sandbox.apiBaseUri(), JakamoOptions.defaults());
        JakamoIntegration wrong = new JakamoIntegration(Testbed.PO, IntegrationKind.PURCHASE_ORDERS,
                bed.sandbox.apiBaseUri(), JakamoOptions.defaults().withPaths(JakamoPaths.defaults()
                .withOrderQueue("/api/orders/response")));

        assertThat(probe.probeQueuePath(wrong, token).verdict()).isEqualTo(QueuePathAnswer.Verdict.BARE_404);
        assertThat(probe.probeQueuePath(right, token).verdict()).isEqualTo(QueuePathAnswer.Verdict.LIKE_A_QUEUE);
        bed.sandbox.jakamo().clearQueue("po");
        assertThat(probe.probeQueuePath(right, token).verdict()).as("the documented empty answer")
                .isEqualTo(QueuePathAnswer.Verdict.LIKE_A_QUEUE);
        assertThat(bed.journal().count(Endpoint.QUEUE_ACK)).isZero();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static OutgoingDocument document(String file, String xml) {
        return new OutgoingDocument(new ErpDocumentRef(file), bed.reader.readDocument(xml.getBytes(
                StandardCharsets.UTF_8)), file);
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(HttpOutboundExchangeAdapter.class)).addAppender(appender);
        return appender;
    }

    /** The domain's receive use case over the adapter, with fakes for the database and the ERP. */
    private static final class Drain {
        final InMemoryErpInbox erp = new InMemoryErpInbox();
        private final ReceiveInboundMessagesService service;
        private final QueueLease lease = new InMemoryQueueLeases().tryAcquire(Testbed.PO, "it").orElseThrow();

        Drain(JakamoApiClient api) {
            InMemoryAuditTrail trail = new InMemoryAuditTrail();
            service = new ReceiveInboundMessagesService(new HttpInboundQueueAdapter(api), new InMemorySyncState(trail),
                    erp, bed.reader, new AuditWriter(trail, Clock.systemUTC(), "it"), Clock.systemUTC());
        }

        ReceiveInboundMessagesResult run() {
            return service.receive(new ReceiveInboundMessagesCommand(Testbed.PO, lease, 10));
        }
    }
}
