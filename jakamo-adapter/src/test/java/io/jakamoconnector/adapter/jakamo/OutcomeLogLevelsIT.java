package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.exchange.SendOutcome;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.Fault;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The level of what the adapter logs about a document means something to an operator: WARN when a person must look
 * (Jakamo refused it, it was refused before sending, it may have been sent), nothing above INFO when a failed attempt
 * was healed by the next one.
 */
class OutcomeLogLevelsIT {
    private static Testbed bed;
    private static HttpOutboundExchangeAdapter outbound;

    @BeforeAll
    static void start() {
        bed = new Testbed();
        outbound = new HttpOutboundExchangeAdapter(bed.api(Testbed.fastOptions()));
    }

    @AfterAll
    static void stop() throws Exception {
        bed.close();
    }

    @BeforeEach
    void reset() {
        bed.sandbox.faults().clear();
        bed.sandbox.jakamo().clearQueue("po");
        bed.journal().clear();
    }

    @Test
    void aRefusalByJakamoIsAWarning() {
        List<ILoggingEvent> logs = captured(() -> outbound.send(Testbed.PO, of(Documents.orderChange("PO-L404", 1))),
                SendOutcome.Rejected.class);

        assertThat(logs).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("PO-L404").contains("rejected (HTTP 422)");
        });
    }

    @Test
    void aDocumentRefusedBeforeSendingIsAWarning() {
        List<ILoggingEvent> logs = captured(() -> outbound.send(Testbed.PO,
                of(Documents.confirmAllChanges("PO-L1", "c-1"))), SendOutcome.Rejected.class);

        assertThat(logs).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("refused locally, not sent to Jakamo");
        });
    }

    @Test
    void aDocumentInDoubtIsAWarning() {
        bed.sandbox.faults().failNext(1, Endpoint.ORDER_POST, Fault.connectionReset().afterProcessing());

        List<ILoggingEvent> logs = captured(() -> outbound.send(Testbed.PO, of(Documents.order("PO-L2"))),
                SendOutcome.InDoubt.class);

        assertThat(logs).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("PO-L2").contains("IN DOUBT");
        });
    }

    @Test
    void aServiceUnavailableHealedByTheNextAttemptIsNoWarning() {
        bed.sandbox.faults().failNext(1, Endpoint.ORDER_POST, Fault.serverError(503));

        List<ILoggingEvent> logs = captured(() -> outbound.send(Testbed.PO, of(Documents.order("PO-L3"))),
                SendOutcome.Accepted.class);

        assertThat(logs).as("the failed attempt is logged").anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.INFO);
            assertThat(e.getFormattedMessage()).contains("503");
        });
        assertThat(logs).allSatisfy(e -> assertThat(e.getLevel().isGreaterOrEqual(Level.WARN))
                .as("%s: %s", e.getLevel(), e.getFormattedMessage()).isFalse());
    }

    @Test
    void aTimedOutReadHealedByTheNextAttemptIsNoWarning() {
        HttpInboundQueueAdapter queue = new HttpInboundQueueAdapter(bed.api(Testbed.fastOptions()));
        bed.sandbox.jakamo().enqueue("po", Documents.orderResponse("PO-L4", "SO-L4"));
        // a network failure the client sees itself (a reset on a pooled connection is retried inside the JDK client)
        bed.sandbox.faults().failNext(1, Endpoint.QUEUE_READ, Fault.hang(Duration.ofMillis(1800)));

        ListAppender<ILoggingEvent> appender = listening();
        try {
            assertThat(queue.next(Testbed.PO)).isPresent();
        } finally {
            stopListening(appender);
        }
        List<ILoggingEvent> logs = appender.list;

        assertThat(logs).as("the timed-out attempt is logged").anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.INFO);
            assertThat(e.getFormattedMessage()).contains("queue read").contains("attempt 1");
        });
        assertThat(logs).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("attempt 2"));
        assertThat(logs).allSatisfy(e -> assertThat(e.getLevel().isGreaterOrEqual(Level.WARN))
                .as("%s: %s", e.getLevel(), e.getFormattedMessage()).isFalse());
    }

    private static OutgoingDocument of(String xml) {
        return OutboundExchangeITDocuments.of(bed, xml);
    }

    /** Everything the adapter's package logs while {@code send} runs, after checking the outcome's kind. */
    private static List<ILoggingEvent> captured(Supplier<SendOutcome> send, Class<? extends SendOutcome> expected) {
        ListAppender<ILoggingEvent> appender = listening();
        try {
            assertThat(send.get()).isInstanceOf(expected);
        } finally {
            stopListening(appender);
        }
        return List.copyOf(appender.list);
    }

    private static ListAppender<ILoggingEvent> listening() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        adapterLogger().addAppender(appender);
        return appender;
    }

    private static void stopListening(ListAppender<ILoggingEvent> appender) {
        adapterLogger().detachAppender(appender);
    }

    private static Logger adapterLogger() {
        return (Logger) LoggerFactory.getLogger(JakamoApiClient.class.getPackageName());
    }
}
