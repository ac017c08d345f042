package io.jakamoconnector.adapter.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.microsoft.aad.msal4j.MsalServiceException;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.auth.ClientId;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.service.AuditWriter;
import io.jakamoconnector.domain.testing.InMemoryAuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cache, single flight, failure memory and audit rules, with a scripted token endpoint in place of MSAL. */
class RegistrationClientTest {
    private static final IntegrationName ORDERS = new IntegrationName("orders");

    private final Map<String, String> environment = new ConcurrentHashMap<>(Map.of("ORDERS_SECRET", "abc8Q~first-secret"));
    private final InMemoryAuditTrail trail = new InMemoryAuditTrail();
    private final Scripted endpoint = new Scripted();
    private final List<MsalAccessTokenAdapter> adapters = new ArrayList<>();

    @AfterEach
    void close() {
        adapters.forEach(MsalAccessTokenAdapter::close);
    }

    @Test
    void aSuccessWithoutATokenIsAFailureAndIsRetried() {
        endpoint.answers.add(() -> new TokenEndpoint.Received(null, Duration.ofSeconds(3600), null, "IDENTITY_PROVIDER"));
        endpoint.answers.add(() -> new TokenEndpoint.Received(" ", Duration.ofSeconds(3600), null, "IDENTITY_PROVIDER"));
        MsalAccessTokenAdapter adapter = adapter(settings().maxAttempts(3).build(), trail);

        AccessToken token = adapter.token(ORDERS);

        assertThat(token.value()).startsWith("token-");
        assertThat(endpoint.calls).hasValue(3);
        assertThat(trail.events()).extracting(AuditEvent::action, AuditEvent::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AuditAction.TOKEN_FAILED, AuditOutcome.RETRY),
                org.assertj.core.groups.Tuple.tuple(AuditAction.TOKEN_FAILED, AuditOutcome.RETRY),
                org.assertj.core.groups.Tuple.tuple(AuditAction.TOKEN_ACQUIRED, AuditOutcome.OK));
        assertThat(trail.events().get(0).reason()).startsWith("EMPTY_TOKEN");
    }

    @Test
    void onlyNullTokensEndInEmptyToken() {
        for (int i = 0; i < 2; i++) {
            endpoint.answers.add(() -> new TokenEndpoint.Received(null, Duration.ZERO, null, null));
        }
        AccessTokenUnavailableException e = failure(adapter(settings().maxAttempts(2).build(), trail));

        assertThat(e.reason()).isEqualTo(Reason.EMPTY_TOKEN);
        assertThat(e.getMessage()).contains("without a usable access token");
    }

    @Test
    void callersArrivingDuringARequestWaitForIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        endpoint.answers.add(() -> {
            release.await();
            return endpoint.token();
        });
        MsalAccessTokenAdapter adapter = adapter(settings().build(), trail);
        List<Thread> callers = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(32, task -> {
            Thread caller = new Thread(task);
            callers.add(caller);
            return caller;
        });
        List<Future<AccessToken>> results = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            results.add(pool.submit(() -> adapter.token(ORDERS)));
        }
        // every caller has arrived while the request is out: one inside it, the others parked waiting
        await(() -> endpoint.calls.get() == 1 && callers.size() == 32 && callers.stream()
                .allMatch(c -> c.getState() == Thread.State.WAITING || c.getState() == Thread.State.TIMED_WAITING));
        release.countDown();
        for (Future<AccessToken> result : results) {
            assertThat(result.get(5, TimeUnit.SECONDS).value()).isEqualTo("token-1");
        }
        pool.shutdown();
        assertThat(endpoint.calls).hasValue(1);
    }

    @Test
    void aPermanentRefusalIsHeldBackUntilTheCredentialChanges() {
        endpoint.answers.add(() -> {
            throw new MsalServiceException("AADSTS7000215: Invalid client secret provided.", "invalid_client");
        });
        MsalAccessTokenAdapter adapter = adapter(settings().credentialCheckInterval(Duration.ZERO).build(), trail);

        for (int i = 0; i < 100; i++) {
            assertThat(failure(adapter).reason()).isEqualTo(Reason.INVALID_CLIENT);
        }
        assertThat(endpoint.calls).hasValue(1);

        environment.put("ORDERS_SECRET", "abc8Q~fixed-secret");
        await(() -> {
            try {
                return adapter.token(ORDERS) != null;
            } catch (AccessTokenUnavailableException stillHeld) {
                return false;
            }
        });
        assertThat(endpoint.calls).hasValue(2);
        assertThat(trail.events().get(1).credentialKeyId()).isEqualTo("secret:"
                + io.jakamoconnector.domain.model.auth.Fingerprint.of("abc8Q~fixed-secret"));
    }

    @Test
    void aTokenTheAuditTrailCouldNotRecordIsNotUsed() {
        AtomicBoolean auditDown = new AtomicBoolean(true);
        AuditTrailPort flaky = new AuditTrailPort() {
            @Override
            public void append(AuditEvent event) {
                if (auditDown.get()) {
                    throw new IllegalStateException("database down");
                }
                trail.append(event);
            }

            @Override
            public AuditVerification verify() {
                return trail.verify();
            }
        };
        MsalAccessTokenAdapter adapter = adapter(settings().maxAttempts(1).transientFailureBackoff(Duration.ZERO).build(), flaky);

        AccessTokenUnavailableException e = failure(adapter);
        auditDown.set(false);
        AccessToken token = adapter.token(ORDERS);

        assertThat(e.reason()).isEqualTo(Reason.UNEXPECTED);
        assertThat(e.getMessage()).contains("audit trail could not record");
        assertThat(token.value()).isEqualTo("token-2");   // the unrecorded token-1 was never handed out
        assertThat(trail.count(AuditAction.TOKEN_ACQUIRED)).isEqualTo(1);
    }

    @Test
    void aSecondRenewalForTheSameRefusedTokenIsServedFromTheFirst() {
        MsalAccessTokenAdapter adapter = adapter(settings().minimumRenewInterval(Duration.ZERO).build(), trail);
        AccessToken first = adapter.token(ORDERS);

        AccessToken renewed = adapter.renewedToken(ORDERS, first);
        AccessToken again = adapter.renewedToken(ORDERS, first);

        assertThat(renewed.value()).isEqualTo("token-2");
        assertThat(again).isEqualTo(renewed);
        assertThat(endpoint.calls).hasValue(2);
        assertThat(endpoint.skipCache).containsExactly(false, true);
    }

    private MsalAccessTokenAdapter adapter(TokenClientSettings settings, AuditTrailPort audit) {
        TokenRegistration registration = new TokenRegistration(ORDERS, Environment.demo(),
                new ClientId("3f0c2a9e-1b2c-4d5e-8f90-0123456789ab"),
                CredentialSource.clientSecret(SecretReference.environment("ORDERS_SECRET")));
        MsalAccessTokenAdapter adapter = new MsalAccessTokenAdapter(List.of(registration), settings,
                SecretSources.of(environment::get), new AuditWriter(audit, Clock.systemUTC(), "unit"), Clock.systemUTC(),
                (r, executor) -> endpoint);
        adapters.add(adapter);
        return adapter;
    }

    private static TokenClientSettings.Builder settings() {
        return TokenClientSettings.builder().retryBaseDelay(Duration.ofMillis(10)).retryMaxDelay(Duration.ofMillis(20));
    }

    private static AccessTokenUnavailableException failure(MsalAccessTokenAdapter adapter) {
        return catchThrowableOfType(AccessTokenUnavailableException.class, () -> adapter.token(ORDERS));
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                .until(condition::getAsBoolean);
    }

    /** Answers from a script, then with fresh tokens; counts calls and records skipCache. */
    private static final class Scripted implements TokenEndpoint {
        interface Answer {
            Received answer() throws Exception;
        }

        final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        final AtomicInteger calls = new AtomicInteger();
        final List<Boolean> skipCache = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Received request(LoadedCredential credential, boolean skip, String requestId, Duration timeout) throws Exception {
            calls.incrementAndGet();
            skipCache.add(skip);
            Answer next = answers.poll();
            return next != null ? next.answer() : token();
        }

        Received token() {
            return new Received("token-" + calls.get(), Duration.ofSeconds(3600), null, "IDENTITY_PROVIDER");
        }

        @Override
        public void close() {
        }
    }
}
