package io.jakamoconnector.adapter.auth;

import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.NETWORK;
import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.SERVICE_UNAVAILABLE;
import static io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason.THROTTLED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import io.jakamoconnector.sandbox.AppRegistration;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.Fault;
import io.jakamoconnector.sandbox.RequestRecord;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our own retries: bounded, with jitter, never earlier than {@code Retry-After} (checked against the sandbox journal's
 * timestamps), passing failures retried and a hung token service given up on within the configured time.
 */
class RetriesAndTimeoutsIT {
    private static final Logger LOG = LoggerFactory.getLogger(RetriesAndTimeoutsIT.class);
    private static SandboxFixture fx;

    @BeforeAll
    static void startSandbox() {
        fx = new SandboxFixture();
    }

    @AfterAll
    static void stopSandbox() {
        fx.close();
    }

    @AfterEach
    void reset() {
        fx.closeAdapters();
        fx.sandbox.faults().clear();
    }

    @Test
    void a429WithRetryAfterIsRetriedNoEarlierThanAsked() {
        AppRegistration app = fx.registerOrders("throttled");
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build(), fx.secretRegistration("throttled", app));
        long mark = fx.mark();
        fx.sandbox.faults().failNext(2, Endpoint.TOKEN, Fault.tooManyRequests(2));

        AccessToken token = adapter.token(new IntegrationName("throttled"));

        List<RequestRecord> requests = fx.tokenRequestsSince(mark);
        assertThat(requests).extracting(RequestRecord::status).containsExactly(429, 429, 200);
        assertNoRequestBeforeRetryAfter(requests, Duration.ofSeconds(2));
        assertThat(token.value()).isNotBlank();
        List<AuditEvent> failed = fx.audit(AuditAction.TOKEN_FAILED, "throttled");
        assertThat(failed).extracting(AuditEvent::outcome).containsExactly(AuditOutcome.RETRY, AuditOutcome.RETRY);
        assertThat(failed.get(0).reason()).contains("THROTTLED", "AADSTS90055", "retryAfter=2000ms");
        assertThat(fx.audit(AuditAction.TOKEN_ACQUIRED, "throttled").get(0).attempt()).isEqualTo(3);
    }

    @Test
    void a503WithRetryAfterIsRetriedNoEarlierThanAsked() {
        AppRegistration app = fx.registerOrders("unavailable");
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().build(), fx.secretRegistration("unavailable", app));
        long mark = fx.mark();
        fx.sandbox.faults().failNext(1, Endpoint.TOKEN, Fault.serverError(503, 1));

        adapter.token(new IntegrationName("unavailable"));

        List<RequestRecord> requests = fx.tokenRequestsSince(mark);
        assertThat(requests).extracting(RequestRecord::status).containsExactly(503, 200);
        assertNoRequestBeforeRetryAfter(requests, Duration.ofSeconds(1));
        assertThat(fx.audit(AuditAction.TOKEN_FAILED, "unavailable").get(0).reason()).contains("SERVICE_UNAVAILABLE");
    }

    @Test
    void a500WithoutRetryAfterIsRetriedWithBackoffAndAResetToo() {
        AppRegistration app = fx.registerOrders("flaky");
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().maxAttempts(4).build(), fx.secretRegistration("flaky", app));
        long mark = fx.mark();
        fx.sandbox.faults().failNext(2, Endpoint.TOKEN, Fault.serverError(500));
        fx.sandbox.faults().failNext(2, Endpoint.TOKEN, Fault.connectionReset());

        adapter.token(new IntegrationName("flaky"));

        // MSAL's own retry is off, so each 500 is one attempt of ours. A reset is different: the JDK's
        // HttpURLConnection silently sends a POST again once when the connection closes without an answer
        // (sun.net.http.retryPost), so two resets make one failed attempt of ours
        assertThat(fx.tokenRequestsSince(mark)).extracting(RequestRecord::status).containsExactly(500, 500, 0, 0, 200);
        assertThat(fx.audit(AuditAction.TOKEN_FAILED, "flaky")).extracting(AuditEvent::reason)
                .satisfiesExactly(r -> assertThat(r).contains("SERVICE_UNAVAILABLE"),
                        r -> assertThat(r).contains("SERVICE_UNAVAILABLE"),
                        r -> assertThat(r).contains("NETWORK connection_reset"));
        assertThat(fx.audit(AuditAction.TOKEN_ACQUIRED, "flaky").get(0).attempt()).isEqualTo(4);
    }

    @Test
    void retriesAreBoundedAndThenHeldBack() {
        AppRegistration app = fx.registerOrders("down");
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().maxAttempts(3)
                .transientFailureBackoff(Duration.ofSeconds(30)).build(), fx.secretRegistration("down", app));
        long mark = fx.mark();
        fx.sandbox.faults().always(Endpoint.TOKEN, Fault.serverError(500));

        AccessTokenUnavailableException e = failure(adapter, "down");
        for (int i = 0; i < 50; i++) {
            failure(adapter, "down");
        }

        assertThat(e.reason()).isEqualTo(SERVICE_UNAVAILABLE);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("temporarily unavailable", "AADSTS50000", "HTTP 500");
        assertThat(fx.tokenRequestsSince(mark)).hasSize(3);
    }

    @Test
    void aRetryAfterLongerThanWeWaitFailsAtOnceAndHoldsBackUntilThen() {
        AppRegistration app = fx.registerOrders("long-wait");
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().maxRetryAfterWait(Duration.ofSeconds(5)).build(),
                fx.secretRegistration("long-wait", app));
        long mark = fx.mark();
        fx.sandbox.faults().failNext(1, Endpoint.TOKEN, Fault.tooManyRequests(60));

        long started = System.nanoTime();
        AccessTokenUnavailableException e = failure(adapter, "long-wait");
        AccessTokenUnavailableException again = failure(adapter, "long-wait");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(e.reason()).isEqualTo(THROTTLED);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
        assertThat(e.getMessage()).contains("throttling", "60 s");
        assertThat(again.retryAfter()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60)));
        assertThat(fx.tokenRequestsSince(mark)).hasSize(1);
    }

    @Test
    void aHangingTokenEndpointFailsWithinTheReadTimeout() {
        AppRegistration app = fx.registerOrders("hang-read");
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().readTimeout(Duration.ofSeconds(1))
                .callTimeout(Duration.ofSeconds(5)).acquireTimeout(Duration.ofSeconds(3)).maxAttempts(2).build(),
                fx.secretRegistration("hang-read", app));
        fx.sandbox.faults().always(Endpoint.TOKEN, Fault.hang(Duration.ofSeconds(20)));
        int threadsBefore = Thread.activeCount();

        long started = System.nanoTime();
        AccessTokenUnavailableException e = failure(adapter, "hang-read");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        LOG.warn("MEASURED hanging token endpoint, read timeout 1 s, 2 attempts, acquire timeout 3 s: failed after {} ms",
                took.toMillis());
        assertThat(took).isLessThan(Duration.ofSeconds(4));   // acquire timeout + 1 s
        assertThat(e.reason()).isEqualTo(NETWORK);
        assertThat(e.getMessage()).contains("did not answer within the read timeout of 1 s");
        assertThat(fx.audit(AuditAction.TOKEN_FAILED, "hang-read")).extracting(AuditEvent::reason)
                .allSatisfy(r -> assertThat(r).contains("read_timeout"));
        assertThat(Thread.activeCount() - threadsBefore).isLessThan(10);
    }

    @Test
    void aHangingCallIsCutByTheCallTimeoutEvenWithALongReadTimeout() {
        AppRegistration app = fx.registerOrders("hang-call");
        MsalAccessTokenAdapter adapter = fx.adapter(fx.settings().readTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(1)).acquireTimeout(Duration.ofSeconds(2)).maxAttempts(1).build(),
                fx.secretRegistration("hang-call", app));
        fx.sandbox.faults().always(Endpoint.TOKEN, Fault.hang(Duration.ofSeconds(20)));

        long started = System.nanoTime();
        AccessTokenUnavailableException e = failure(adapter, "hang-call");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(e.reason()).isEqualTo(NETWORK);
        assertThat(e.getMessage()).contains("no answer from the token service", "within 1 s");
    }

    private static void assertNoRequestBeforeRetryAfter(List<RequestRecord> requests, Duration retryAfter) {
        for (int i = 1; i < requests.size(); i++) {
            RequestRecord refused = requests.get(i - 1);
            RequestRecord next = requests.get(i);
            Duration gap = Duration.between(refused.endedAt(), next.startedAt());
            LOG.warn("MEASURED Retry-After {} s: next request {} ms after the refusal", retryAfter.toSeconds(), gap.toMillis());
            assertThat(gap).as("gap after request %d", refused.sequence()).isGreaterThanOrEqualTo(retryAfter);
        }
    }

    private static AccessTokenUnavailableException failure(MsalAccessTokenAdapter adapter, String integration) {
        return catchThrowableOfType(AccessTokenUnavailableException.class, () -> adapter.token(new IntegrationName(integration)));
    }
}
