package io.jakamoconnector.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.model.auth.Fingerprint;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.testing.InMemoryAuditTrail;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What is audited while the database starts waits in memory, is written first, and is never dropped unsaid. */
class HoldingAuditTrailTest {
    private static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu.c2lnbmF0dXJl";
    private static final String SECRET = "client-secret-value-5f3c";

    private final HoldingAuditTrail trail = new HoldingAuditTrail();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(HoldingAuditTrail.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    private static AuditEvent token(String integration, int attempt) {
        return AuditEvent.builder(AuditAction.TOKEN_ACQUIRED, AuditOutcome.OK)
                .at(Instant.parse("2026-11-29T07:00:00Z")).node("node-1").actor("connector")
                .integration(new IntegrationName(integration)).attempt(attempt)
                .tokenFingerprint(Fingerprint.of(TOKEN)).credentialKeyId("kid-1")
                .reason("tenant=t clientId=c trigger=first note=" + SECRET)
                .build();
    }

    private static AuditEvent started() {
        return AuditEvent.builder(AuditAction.SERVICE_STARTED, AuditOutcome.OK)
                .at(Instant.parse("2026-11-29T07:00:05Z")).node("node-1").actor("connector").build();
    }

    @Test
    void heldEventsAreWrittenFirstAndInOrderWhenTheTrailIsReleasedThenAppendsPassStraightThrough() {
        AuditEvent first = token("orders", 1);
        AuditEvent second = token("sales", 1);
        trail.append(first);
        trail.append(second);
        assertThat(trail.held()).isEqualTo(2);
        InMemoryAuditTrail database = new InMemoryAuditTrail();
        assertThat(database.events()).isEmpty();

        trail.release(database);
        AuditEvent later = started();
        trail.append(later);

        assertThat(database.events()).containsExactly(first, second, later);
        assertThat(trail.held()).isZero();
        assertThat(trail.verify()).isInstanceOf(AuditVerification.Intact.class);
    }

    @Test
    void anAppendDuringTheReleaseWaitsForTheHeldEventsInsteadOfOvertakingThem() throws Exception {
        AuditEvent held = token("orders", 1);
        trail.append(held);
        CountDownLatch writingHeld = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        InMemoryAuditTrail database = new InMemoryAuditTrail();
        AuditTrailPort slowDatabase = new AuditTrailPort() {
            @Override
            public void append(AuditEvent event) {
                if (event == held) {
                    writingHeld.countDown();
                    try {
                        letGo.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                database.append(event);
            }

            @Override
            public AuditVerification verify() {
                return database.verify();
            }
        };
        Thread releasing = new Thread(() -> trail.release(slowDatabase), "release");
        releasing.start();
        assertThat(writingHeld.await(30, TimeUnit.SECONDS)).isTrue();
        AuditEvent meanwhile = started();
        Thread appending = new Thread(() -> trail.append(meanwhile), "append");
        appending.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> appending.getState() == Thread.State.BLOCKED);
        letGo.countDown();
        releasing.join(30_000);
        appending.join(30_000);

        assertThat(database.events()).containsExactly(held, meanwhile);
    }

    @Test
    void whenTheDatabaseNeverStartsTheHeldEventsAreLoggedByFingerprintAndLaterAppendsFail() {
        trail.append(token("orders", 1));
        trail.append(token("orders", 2));

        trail.abandon(new IllegalStateException("starting the database at /data failed: connection refused"));

        List<String> warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).hasSize(3);
        assertThat(warnings.get(0)).contains("2 audit event(s)", "connection refused");
        assertThat(warnings.subList(1, 3)).allSatisfy(line -> assertThat(line).contains("action=token_acquired",
                "integration=orders", "tokenFingerprint=" + Fingerprint.of(TOKEN).value(), "credentialKeyId=kid-1",
                "at=2026-11-29T07:00:00Z"));
        assertThat(warnings.get(1)).contains("attempt=1");
        assertThat(warnings.get(2)).contains("attempt=2");
        assertThat(String.join("\n", warnings)).doesNotContain(TOKEN).doesNotContain(SECRET);
        assertThat(trail.held()).isZero();

        assertThatThrownBy(() -> trail.append(token("orders", 3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("connection refused").hasMessageContaining("token_acquired");
        assertThatThrownBy(() -> trail.release(new InMemoryAuditTrail())).isInstanceOf(IllegalStateException.class);
        trail.abandon(new IllegalStateException("again"));
        assertThat(logs.list.stream().filter(e -> e.getLevel() == Level.WARN)).hasSize(3);
    }

    @Test
    void whenTheStartedTrailRefusesAHeldEventTheReleaseFailsAndTheUnwrittenRestIsLogged() {
        AuditEvent first = token("orders", 1);
        trail.append(first);
        trail.append(token("orders", 2));
        trail.append(token("orders", 3));
        InMemoryAuditTrail written = new InMemoryAuditTrail();
        AuditTrailPort refusingTheSecond = new AuditTrailPort() {
            @Override
            public void append(AuditEvent event) {
                if (event.attempt() == 2) {
                    throw new IllegalStateException("disk full");
                }
                written.append(event);
            }

            @Override
            public AuditVerification verify() {
                return written.verify();
            }
        };

        assertThatThrownBy(() -> trail.release(refusingTheSecond)).hasMessage("disk full");

        assertThat(written.events()).containsExactly(first);
        List<String> warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).hasSize(3);
        assertThat(warnings.get(1)).contains("attempt=2");
        assertThat(warnings.get(2)).contains("attempt=3");
        assertThatThrownBy(() -> trail.append(started())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void abandoningAfterTheReleaseChangesNothing() {
        InMemoryAuditTrail database = new InMemoryAuditTrail();
        trail.release(database);
        trail.abandon(new IllegalStateException("late"));
        trail.append(started());
        assertThat(database.events()).hasSize(1);
        assertThat(logs.list).noneMatch(e -> e.getLevel() == Level.WARN);
    }

    @Test
    void verifyBeforeTheDatabaseIsUpSaysSoAndTheHoldIsBounded() {
        assertThatThrownBy(trail::verify).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before the database has started");
        for (int i = 0; i < HoldingAuditTrail.MAX_HELD; i++) {
            trail.append(token("orders", i + 1));
        }
        assertThatThrownBy(() -> trail.append(token("orders", 0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not accepted");
        assertThat(trail.held()).isEqualTo(HoldingAuditTrail.MAX_HELD);
    }
}
