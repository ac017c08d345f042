package io.jakamoconnector.app.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AttentionLogTest {
    private static final IntegrationName ORDERS = new IntegrationName("orders");

    private static AuditEvent event(AuditAction action, AuditOutcome outcome) {
        return AuditEvent.builder(action, outcome).integration(ORDERS).businessKey(new BusinessKey("4500012345"))
                .reason("503 Service Unavailable").at(Instant.parse("2026-12-01T10:00:00Z")).node("n1")
                .actor("connector").build();
    }

    private static List<ILoggingEvent> logged(AuditEvent event) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger logger = (Logger) LoggerFactory.getLogger(AttentionLog.class);
        logger.addAppender(appender);
        try {
            new AttentionLog().accept(event);
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list;
    }

    @Test
    void aDeadDocumentIsAWarningThatSaysWhatToDo() {
        assertThat(logged(event(AuditAction.DOCUMENT_FAILED, AuditOutcome.FAIL))).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("orders: order 4500012345 could not be sent after every "
                    + "attempt").contains("messages retry ID --reason");
        });
    }

    @Test
    void aQuarantinedMessageIsAWarning() {
        assertThat(logged(event(AuditAction.MESSAGE_QUARANTINED, AuditOutcome.DENIED))).singleElement()
                .satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
    }

    @Test
    void aFileRefusedLocallyAtPickUpIsAWarning() {
        AuditEvent refused = AuditEvent.builder(AuditAction.INPUT_REJECTED, AuditOutcome.DENIED).integration(ORDERS)
                .fileName("PO1.xml").reason("not well-formed XML at line 3").at(Instant.parse("2026-12-01T10:00:00Z"))
                .node("n1").actor("connector").build();
        assertThat(logged(refused)).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("orders: PO1.xml refused locally, not sent to Jakamo: not "
                    + "well-formed XML at line 3");
        });
        AuditEvent duplicate = AuditEvent.builder(AuditAction.INPUT_REJECTED, AuditOutcome.DUPLICATE_SKIPPED)
                .integration(ORDERS).fileName("PO1.xml").at(Instant.parse("2026-12-01T10:00:00Z")).node("n1")
                .actor("connector").build();
        assertThat(logged(duplicate)).isEmpty();
    }

    @Test
    void aSentDocumentOrARefusalLoggedElsewhereIsNotLoggedAgain() {
        assertThat(logged(event(AuditAction.DOCUMENT_FAILED, AuditOutcome.DENIED))).isEmpty();
        assertThat(logged(event(AuditAction.DOCUMENT_IN_DOUBT, AuditOutcome.IN_DOUBT))).isEmpty();
    }
}
