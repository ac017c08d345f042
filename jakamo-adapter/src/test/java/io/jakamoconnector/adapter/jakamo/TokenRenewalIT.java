package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.exchange.SendOutcome;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import io.jakamoconnector.domain.port.out.JakamoExchangeException;
import io.jakamoconnector.domain.port.out.JakamoExchangeException.Reason;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.RequestRecord;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A 401 gets one renewed token and one more try; a second 401 is an authentication error. No token is ever logged. */
class TokenRenewalIT {
    private Testbed bed;
    private HttpInboundQueueAdapter queue;
    private HttpOutboundExchangeAdapter outbound;
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void start() {
        bed = new Testbed();
        JakamoApiClient api = bed.api(Testbed.fastOptions());
        queue = new HttpInboundQueueAdapter(api);
        outbound = new HttpOutboundExchangeAdapter(api);
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger("io.jakamoconnector.adapter")).addAppender(logs);
    }

    @AfterEach
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger("io.jakamoconnector.adapter")).detachAppender(logs);
        bed.close();
    }

    @Test
    void aTokenRefusedAfterKeyRotationIsRenewedOnceAndTheReadSucceeds() {
        AccessToken before = bed.tokens.token(Testbed.PO);
        bed.sandbox.entra().rotateSigningKey();

        assertThat(queue.next(Testbed.PO)).isEmpty();

        List<RequestRecord> reads = bed.journal().requests(Endpoint.QUEUE_READ);
        assertThat(reads).extracting(RequestRecord::status).containsExactly(401, 200);
        assertThat(reads.get(0).tokenFingerprint()).isEqualTo(before.fingerprint().value());
        assertThat(reads.get(1).tokenFingerprint()).isNotEqualTo(before.fingerprint().value());
        assertThat(bed.tokens.renewedFrom()).containsExactly(before);
        assertNoTokenLogged(before, bed.tokens.token(Testbed.PO));
    }

    @Test
    void anExpiredTokenIsRenewedAndTheDocumentSentOnce() {
        AccessToken shortLived = bed.tokens.expired("po");
        bed.tokens.cache("po", shortLived);

        SendOutcome outcome = outbound.send(Testbed.PO, OutboundExchangeITDocuments.of(bed, Documents.order("PO-T1")));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(bed.journal().requests(Endpoint.ORDER_POST)).extracting(RequestRecord::status)
                .containsExactly(401, 200);
        assertThat(bed.journal().timesAccepted("Order", "PO-T1")).isEqualTo(1);
        assertNoTokenLogged(shortLived, bed.tokens.token(Testbed.PO));
    }

    @Test
    void aRenewedTokenThatIsRefusedTooIsAnAuthenticationErrorAfterExactlyTwoRequests() {
        AccessToken stale = bed.tokens.issue("po", Duration.ofHours(1));
        AccessToken first = bed.tokens.token(Testbed.PO);
        bed.sandbox.entra().rotateSigningKey();
        bed.tokens.renewWith(name -> stale);

        assertThatThrownBy(() -> queue.next(Testbed.PO)).isInstanceOfSatisfying(JakamoExchangeException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION);
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("not mapped to this integration");
            assertThat(e.remoteMessages()).containsExactly("Authorization has been denied for this request.");
        });
        assertThatThrownBy(() -> outbound.send(Testbed.PO, OutboundExchangeITDocuments.of(bed, Documents.order("PO-T2"))))
                .isInstanceOfSatisfying(JakamoExchangeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION));

        assertThat(bed.journal().requests(Endpoint.QUEUE_READ)).extracting(RequestRecord::status)
                .containsExactly(401, 401);
        assertThat(bed.journal().requests(Endpoint.ORDER_POST)).extracting(RequestRecord::status)
                .containsExactly(401, 401);
        assertNoTokenLogged(first, stale);
    }

    @Test
    void anApplicationUnmappedFromItsIntegrationIsRefusedWithoutRetries() {
        bed.sandbox.jakamo().unmapApp(bed.ordersApp.clientId());

        assertThatThrownBy(() -> queue.next(Testbed.PO)).isInstanceOfSatisfying(JakamoExchangeException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.PERMISSION);
            assertThat(e.remoteMessages()).singleElement().asString().contains("is not mapped to any integration");
        });
        assertThat(bed.journal().count(Endpoint.QUEUE_READ)).isEqualTo(1);
    }

    @Test
    void whenNoTokenCanBeHadTheTokenPortsErrorComesThroughUnchanged() {
        bed.tokens.token(Testbed.PO);
        bed.sandbox.entra().rotateSigningKey();
        AccessTokenUnavailableException unavailable = new AccessTokenUnavailableException(Testbed.PO,
                AccessTokenUnavailableException.Reason.SECRET_EXPIRED, "the client secret expired", null, null, null);
        bed.tokens.renewWith(name -> {
            throw unavailable;
        });

        assertThatThrownBy(() -> queue.next(Testbed.PO)).isSameAs(unavailable);
        assertThat(bed.journal().count(Endpoint.QUEUE_READ)).isEqualTo(1);
    }

    private void assertNoTokenLogged(AccessToken... tokens) {
        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent event : logs.list) {
            String text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            // a token is a JWT ("eyJ…"); the challenge "Bearer realm=…" Jakamo sends back may be logged
            assertThat(text).doesNotContain("Bearer ey").doesNotContain("eyJ");
            for (AccessToken token : tokens) {
                assertThat(text).doesNotContain(token.value());
            }
        }
    }
}
