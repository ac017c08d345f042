package io.jakamoconnector.adapter.auth;

import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AccessTokenPort;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import io.jakamoconnector.domain.service.AuditWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access-token port over MSAL4J: Entra ID client credentials, one application registration per integration,
 * one {@code ConfidentialClientApplication} per registration for the life of the process.
 * <p>
 * On top of MSAL it keeps its own cache per registration: one token request at a time (callers arriving meanwhile
 * wait for it), a background refresh at the token's {@code refresh_in} or half its lifetime that keeps the current
 * token while it is valid if the refresh fails, bounded retries with jitter that honour {@code Retry-After}, a
 * backoff window after a failure so a misconfiguration does not storm Entra, and {@code skipCache} whenever the
 * credential changed or the API refused a token. Every request sent to Entra is an audit event; no secret or token
 * value ever reaches a log line, a message or the audit trail.
 * <p>
 * Lifecycle: the constructor does no I/O; {@link #start()} reads every credential so a bad one stops start-up with
 * its reason; {@link #close()} stops the background work and its threads.
 */
public final class MsalAccessTokenAdapter implements AccessTokenPort, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MsalAccessTokenAdapter.class);

    private final Map<IntegrationName, RegistrationClient> clients = new LinkedHashMap<>();
    private final ThreadPoolExecutor msalExecutor;
    private final ThreadPoolExecutor flightExecutor;
    private final ScheduledThreadPoolExecutor scheduler;
    private volatile boolean closed;

    /**
     * @param registrations one per integration; integration names must be unique
     * @param settings      timeouts, retries, trust and proxy for the token service
     * @param secrets       where secret references are resolved (the process environment in production)
     * @param audit         records every token request
     * @param clock         the time tokens are judged by
     */
    public MsalAccessTokenAdapter(List<TokenRegistration> registrations, TokenClientSettings settings,
                                  SecretSources secrets, AuditWriter audit, Clock clock) {
        this(registrations, settings, secrets, audit, clock, null);
    }

    /** For tests: {@code endpoints} replaces MSAL with a token endpoint of the test's making. */
    MsalAccessTokenAdapter(List<TokenRegistration> registrations, TokenClientSettings settings, SecretSources secrets,
                           AuditWriter audit, Clock clock,
                           BiFunction<TokenRegistration, ExecutorService, TokenEndpoint> endpoints) {
        Objects.requireNonNull(registrations, "registrations");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(clock, "clock");
        int n = Math.max(1, registrations.size());
        this.msalExecutor = new ThreadPoolExecutor(0, Math.max(8, 4 * n), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), new NamedThreads("msal-token"));
        this.flightExecutor = new ThreadPoolExecutor(0, Math.max(4, 2 * n), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), new NamedThreads("token-acquire"));
        this.scheduler = new ScheduledThreadPoolExecutor(1, new NamedThreads("token-refresh"));
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        CredentialLoader loader = new CredentialLoader(secrets);
        for (TokenRegistration registration : registrations) {
            Objects.requireNonNull(registration, "registration");
            if (clients.containsKey(registration.integration())) {
                throw new IllegalArgumentException("integration " + registration.integration()
                        + " is registered twice; each integration has exactly one application registration");
            }
            TokenEndpoint endpoint = endpoints != null ? endpoints.apply(registration, msalExecutor)
                    : new MsalTokenEndpoint(registration, settings, msalExecutor);
            clients.put(registration.integration(), new RegistrationClient(registration, endpoint, loader, settings,
                    audit, clock, flightExecutor, scheduler));
        }
    }

    /**
     * Reads and parses every registration's credential, so a missing file, a loose file mode or a wrong PKCS#12
     * password stops start-up rather than the first exchange. Sends nothing to Entra.
     *
     * @throws AccessTokenUnavailableException {@code CREDENTIAL_UNREADABLE} for the first bad credential, the others
     *                                         attached as suppressed
     */
    public void start() {
        List<AccessTokenUnavailableException> problems = new ArrayList<>();
        for (RegistrationClient client : clients.values()) {
            try {
                client.checkCredentialReadable();
            } catch (AccessTokenUnavailableException e) {
                problems.add(e);
            }
        }
        if (!problems.isEmpty()) {
            AccessTokenUnavailableException first = problems.get(0);
            problems.subList(1, problems.size()).forEach(first::addSuppressed);
            throw first;
        }
        LOG.info("token adapter ready for {}", clients.keySet());
    }

    @Override
    public AccessToken token(IntegrationName integration) {
        return client(integration).token();
    }

    @Override
    public AccessToken renewedToken(IntegrationName integration, AccessToken rejected) {
        Objects.requireNonNull(rejected, "rejected");
        return client(integration).renewedToken(rejected);
    }

    /** The integrations this adapter has registrations for, in configuration order. */
    public Set<IntegrationName> integrations() {
        return java.util.Collections.unmodifiableSet(clients.keySet());
    }

    /** The registration of an integration: environment, client id, credential source, configuration path. */
    public TokenRegistration registration(IntegrationName integration) {
        return client(integration).registration();
    }

    /** Stops the background refreshes, fails waiting callers, and shuts the adapter's threads down. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        clients.values().forEach(RegistrationClient::close);
        scheduler.shutdownNow();
        flightExecutor.shutdownNow();
        msalExecutor.shutdownNow();
        try {
            if (!flightExecutor.awaitTermination(2, TimeUnit.SECONDS) || !msalExecutor.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("token requests still running after close; they end at their read timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Threads the adapter runs right now (for tests and diagnostics). */
    int liveThreads() {
        return msalExecutor.getPoolSize() + flightExecutor.getPoolSize() + scheduler.getPoolSize();
    }

    private RegistrationClient client(IntegrationName integration) {
        Objects.requireNonNull(integration, "integration");
        RegistrationClient client = clients.get(integration);
        if (client == null) {
            throw new AccessTokenUnavailableException(integration, AccessTokenUnavailableException.Reason.UNKNOWN_CLIENT,
                    "no application registration is configured for this integration; add integrations[" + integration
                            + "].clientId and its credential to the configuration", null, null, null);
        }
        return client;
    }
}
