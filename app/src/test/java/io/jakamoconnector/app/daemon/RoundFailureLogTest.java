package io.jakamoconnector.app.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsResult;
import io.jakamoconnector.domain.port.in.SendOutboundDocumentsResult;
import io.jakamoconnector.domain.model.validation.ValidationMode;
import io.jakamoconnector.domain.port.out.StateStoreException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RoundFailureLogTest {
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");
    private static final RuntimeException DATABASE_DOWN = new StateStoreException(
            "claiming a document failed: connection refused", true, null);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger loopLogger = (Logger) LoggerFactory.getLogger(OutboundLoop.class);
    private final Logger outageLogger = (Logger) LoggerFactory.getLogger(StorageOutage.class);
    private final StorageOutage outage = new StorageOutage();

    @BeforeEach
    void capture() {
        appender.start();
        loopLogger.addAppender(appender);
        outageLogger.addAppender(appender);
    }

    @AfterEach
    void release() {
        loopLogger.detachAppender(appender);
        outageLogger.detachAppender(appender);
    }

    private List<Level> levels() {
        return appender.list.stream().map(ILoggingEvent::getLevel).toList();
    }

    private RoundFailureLog loop(String name) {
        return new RoundFailureLog(loopLogger, name, outage);
    }

    /** Through the loop itself: the first failed round is INFO, the second in a row WARN, never per round WARN. */
    @Test
    void theOutboundLoopLogsAHealedFailedRoundAtInfoAndAFailureThatLastsOnceAtWarn() {
        AtomicInteger failing = new AtomicInteger(1);
        OutboundLoop loop = new OutboundLoop(ORDERS, IntegrationKind.PURCHASE_ORDERS, ValidationMode.ENFORCE,
                Duration.ofSeconds(30), 1,
                command -> {
                    if (failing.getAndDecrement() > 0) {
                        throw new StateStoreException("registering a document failed: connection reset", true, null);
                    }
                    return new PickUpErpDocumentsResult(0, 0, 0);
                },
                command -> new SendOutboundDocumentsResult(0, 0, 0, 0, 0, 0), "test", null,
                new ServiceMetrics(new SimpleMeterRegistry()), Clock.fixed(T0, ZoneOffset.UTC), () -> false, outage);

        loop.run();
        loop.run();
        assertThat(levels()).as("one failed round the next healed").containsExactly(Level.INFO);

        failing.set(2);
        loop.run();
        loop.run();
        assertThat(levels()).as("then two in a row").containsExactly(Level.INFO, Level.INFO, Level.WARN);
    }

    @Test
    void aFailedRoundTheNextHealsIsNormalWork() {
        RoundFailureLog outbound = loop("outbound");
        outbound.failed(T0, new IllegalStateException("the ERP folder was briefly unavailable"));
        outbound.succeeded(T0.plusSeconds(30));

        assertThat(levels()).containsExactly(Level.INFO);
        assertThat(appender.list.get(0).getFormattedMessage()).contains("outbound round failed")
                .contains("the next round tries again");
    }

    @Test
    void aFailureTheNextRoundDoesNotHealIsOneWarningAndTheRecoveryIsTold() {
        RoundFailureLog outbound = loop("outbound");
        RuntimeException broken = new IllegalStateException("to_jakamo is not readable");
        outbound.failed(T0, broken);
        outbound.failed(T0.plusSeconds(30), broken);
        outbound.failed(T0.plusSeconds(60), broken);
        outbound.succeeded(T0.plusSeconds(90));

        assertThat(levels()).containsExactly(Level.INFO, Level.WARN, Level.INFO, Level.INFO);
        assertThat(appender.list.get(1).getFormattedMessage()).contains("failed 2 times in a row since " + T0)
                .contains("jakamo-connector doctor");
        assertThat(appender.list.get(3).getFormattedMessage()).contains("work again after 3 failed in a row");
    }

    @Test
    void theDatabaseUnreachableForAFewRoundsIsOneErrorForTheWholeServiceWithWhatToDoAndAnInfoWhenItIsBack() {
        RoundFailureLog outbound = loop("outbound");
        RoundFailureLog inbound = loop("inbound");
        for (int round = 0; round < 4; round++) {
            outbound.failed(T0.plusSeconds(30L * round), DATABASE_DOWN);
            inbound.failed(T0.plusSeconds(30L * round + 1), DATABASE_DOWN);
        }

        List<ILoggingEvent> errors = appender.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                .contains("the database cannot be reached: 3 rounds of the outbound loop failed since " + T0)
                .contains("the service cannot send or receive").contains("jakamo-connector doctor"));

        inbound.succeeded(T0.plusSeconds(150));
        outbound.succeeded(T0.plusSeconds(151));
        assertThat(appender.list.stream().filter(e -> e.getFormattedMessage().contains("reachable again")))
                .singleElement().satisfies(e -> {
                    assertThat(e.getLevel()).isEqualTo(Level.INFO);
                    assertThat(e.getFormattedMessage()).contains("after 150 s");
                });
    }

    @Test
    void aRefusalByTheDatabaseThatRetryingCannotFixIsNoOutage() {
        RoundFailureLog outbound = loop("outbound");
        for (int round = 0; round < 4; round++) {
            outbound.failed(T0.plusSeconds(30L * round), new StateStoreException("permission denied for table "
                    + "outbound_document", false, null));
        }
        assertThat(levels()).doesNotContain(Level.ERROR).contains(Level.WARN);
    }
}
