package io.jakamoconnector.adapter.auth;

import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason;
import io.jakamoconnector.domain.service.AuditWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token of one registration, coordinating its parts under one lock: the {@link TokenCache}, one request in flight
 * at a time (every caller that needs a token while one is being fetched waits for that one), the
 * {@link RefreshSchedule} that refreshes in the background and keeps the current token while it is valid if the
 * refresh fails, the {@link CredentialWatcher} that notices a rotated credential, the {@link FailureMemory} that keeps
 * requests from storming Entra, and the {@link TokenAttempts} of each acquisition (retries, audit).
 */
final class RegistrationClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MsalAccessTokenAdapter.class);

    /** Why a request is sent; recorded in the audit trail. */
    enum Trigger {
        FIRST, EXPIRED, REFRESH, RENEW, ROTATION;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final TokenRegistration registration;
    private final EntraErrorTranslator translator;
    private final TokenClientSettings settings;
    private final Clock clock;
    private final ExecutorService flights;

    private final Object lock = new Object();
    private final TokenCache cache;
    private final CredentialWatcher credentials;
    private final TokenAttempts attempts;
    // guarded by lock
    private final FailureMemory failures;
    private final RefreshSchedule refreshes;
    private CompletableFuture<AccessToken> flight;
    private boolean hadToken;
    private boolean closed;

    private final CredentialWatcher.Listener onCredential = new CredentialWatcher.Listener() {
        @Override
        public void readableAgain() {
            if (!failures.isEmpty()) {
                LOG.info("{}: the credential can be read again; trying it", registration.integration());
                failures.forget();
            }
        }

        @Override
        public void rotated(boolean news, boolean serving, Instant now) {
            if (news && !failures.isEmpty()) {
                LOG.info("{}: forgetting the earlier failure ({}) because the credential changed",
                        registration.integration(), failures.reason());
                failures.forget();
            }
            if (serving && flight == null && !closed && !failures.holdsAt(now)) {
                startFlight(Trigger.ROTATION);
            }
        }
    };

    RegistrationClient(TokenRegistration registration, TokenEndpoint endpoint, CredentialLoader loader,
                       TokenClientSettings settings, AuditWriter audit, Clock clock, ExecutorService flights,
                       ScheduledExecutorService scheduler) {
        this.registration = registration;
        this.translator = new EntraErrorTranslator(registration, settings, clock);
        this.settings = settings;
        this.clock = clock;
        this.flights = flights;
        this.cache = new TokenCache(settings.minimumValidity());
        this.credentials = new CredentialWatcher(registration, loader, settings.credentialCheckInterval(), clock, lock);
        this.attempts = new TokenAttempts(registration, endpoint, credentials, translator,
                new TokenAudit(registration, audit), settings, clock);
        this.failures = new FailureMemory(registration, settings, clock);
        this.refreshes = new RefreshSchedule(registration, settings.refreshRetryDelay(), scheduler, clock,
                this::refreshInBackground);
    }

    TokenRegistration registration() {
        return registration;
    }

    AccessToken token() {
        Instant now = clock.instant();
        if (credentials.due(now)) {
            AccessToken token = cache.current();
            credentials.check(now, token != null && cache.usable(token, now), onCredential);
        }
        TokenCache.Entry hit = cache.entry();
        if (hit != null && hit.usableAt(now)) {
            if (hit.refreshDueAt(now)) {
                nudgeRefresh(now);
            }
            return hit.token();
        }
        return await(join(null, now));
    }

    AccessToken renewedToken(AccessToken rejected) {
        synchronized (lock) {
            ensureOpen();
            TokenCache.Entry entry = cache.entry();
            if (entry != null && entry.token().value().equals(rejected.value())) {
                Instant now = clock.instant();
                if (now.isBefore(entry.acquiredAt().plus(settings.minimumRenewInterval()))) {
                    throw refusedWhileFresh(Duration.between(entry.acquiredAt(), now));
                }
                LOG.info("{}: the API refused token {}; requesting a new one", registration.integration(),
                        entry.token().fingerprint());
                cache.clear();
                refreshes.cancel();
            }
        }
        AccessToken renewed = await(join(rejected, clock.instant()));
        if (renewed.value().equals(rejected.value())) {
            throw new AccessTokenUnavailableException(registration.integration(), Reason.UNEXPECTED,
                    "the token service returned the refused token " + rejected.fingerprint() + " again", null, null, null);
        }
        return renewed;
    }

    /** Reads and parses the credential now; for start-up checks. */
    void checkCredentialReadable() {
        try {
            credentials.readNow();
        } catch (UnreadableSecretException e) {
            throw translator.unreadable(e).exception();
        }
    }

    @Override
    public void close() {
        CompletableFuture<AccessToken> pending;
        synchronized (lock) {
            closed = true;
            refreshes.cancel();
            pending = flight;
            flight = null;
            cache.clear();
            credentials.close();
        }
        if (pending != null) {
            pending.completeExceptionally(closedException(registration));
        }
    }

    /** What callers get once the adapter is closed. */
    static AccessTokenUnavailableException closedException(TokenRegistration registration) {
        return new AccessTokenUnavailableException(registration.integration(), Reason.UNEXPECTED,
                "the token adapter is closed (the connector is shutting down)", null, null, null);
    }

    // the single flight

    /** The flight to wait for: the current token, the one in flight, a new one, or the remembered failure. */
    private CompletableFuture<AccessToken> join(AccessToken rejected, Instant now) {
        synchronized (lock) {
            ensureOpen();
            AccessToken token = cache.current();
            if (token != null && cache.usable(token, now) && (rejected == null || !token.value().equals(rejected.value()))) {
                return CompletableFuture.completedFuture(token);
            }
            if (flight != null) {
                return flight;
            }
            if (failures.holdsAt(now)) {
                throw failures.replay();
            }
            Trigger trigger = rejected != null ? Trigger.RENEW : credentials.rotationPending() ? Trigger.ROTATION
                    : hadToken ? Trigger.EXPIRED : Trigger.FIRST;
            return startFlight(trigger);
        }
    }

    /** Starts a request in the background; the caller holds {@code lock}. */
    private CompletableFuture<AccessToken> startFlight(Trigger trigger) {
        CompletableFuture<AccessToken> started = new CompletableFuture<>();
        // MSAL's cache is only worth asking for the very first token: every later request is made because ours
        // decided a new token is needed, and MSAL's would hand back the old one while it has 5 minutes left
        boolean skipCache = hadToken || credentials.rotationPending() || trigger == Trigger.RENEW;
        flight = started;
        try {
            flights.execute(() -> fly(started, trigger, skipCache));
        } catch (RejectedExecutionException e) {
            flight = null;
            throw closedException(registration);
        }
        return started;
    }

    private void fly(CompletableFuture<AccessToken> flying, Trigger trigger, boolean skipCache) {
        try {
            TokenAttempts.Acquired acquired = attempts.acquire(trigger, skipCache, this::rotatedSinceLastToken);
            AccessToken token = acquired.token();
            synchronized (lock) {
                if (flight == flying) {
                    flight = null;
                }
                if (closed) {
                    throw closedException(registration);
                }
                cache.store(token, clock.instant());
                failures.forget();
                hadToken = true;
                // a rotation noticed while this request was under way still needs its own token
                boolean rotationPending = credentials.tokenMadeWith(acquired.used());
                refreshes.at(rotationPending ? clock.instant() : token.refreshAt());
            }
            flying.complete(token);
        } catch (AccessTokenUnavailableException e) {
            synchronized (lock) {
                if (flight == flying) {
                    flight = null;
                }
                if (!closed) {
                    failures.remember(e);
                    refreshes.retryLater(cache.current(), failures.heldUntil(), trigger.code());
                }
            }
            flying.completeExceptionally(e);
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                if (flight == flying) {
                    flight = null;
                }
            }
            LOG.error("{}: token acquisition failed unexpectedly", registration.integration(), e);
            flying.completeExceptionally(new AccessTokenUnavailableException(registration.integration(), Reason.UNEXPECTED,
                    "token acquisition failed unexpectedly (" + e.getClass().getSimpleName() + "); see the log", null,
                    null, Redaction.copy(e, null)));
        }
    }

    private AccessToken await(CompletableFuture<AccessToken> future) {
        Duration bound = settings.acquireTimeout().plus(settings.callTimeout()).plusSeconds(5);
        try {
            return future.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AccessTokenUnavailableException failure) {
                throw failure;
            }
            throw new AccessTokenUnavailableException(registration.integration(), Reason.UNEXPECTED,
                    "token acquisition failed unexpectedly; see the log", null, null, Redaction.copy(e.getCause(), null));
        } catch (TimeoutException e) {
            throw new AccessTokenUnavailableException(registration.integration(), Reason.NETWORK,
                    "no token within " + EntraErrorTranslator.seconds(bound) + " from " + registration.environment().tokenUrl(),
                    null, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccessTokenUnavailableException(registration.integration(), Reason.UNEXPECTED,
                    "interrupted while waiting for a token", null, null, null);
        }
    }

    private boolean rotatedSinceLastToken() {
        synchronized (lock) {
            return credentials.rotationPending() && hadToken;
        }
    }

    // background refresh

    /** Called by a caller that noticed the token is due: start the refresh unless one is under way or held back. */
    private void nudgeRefresh(Instant now) {
        synchronized (lock) {
            if (closed || flight != null || failures.holdsAt(now)) {
                return;
            }
            if (refreshes.pending()) {
                return;
            }
            startFlight(Trigger.REFRESH);
        }
    }

    private void refreshInBackground() {
        synchronized (lock) {
            refreshes.fired();
            if (closed || flight != null || cache.entry() == null) {
                return;
            }
            Instant now = clock.instant();
            if (failures.holdsAt(now)) {
                refreshes.at(failures.heldUntil());
                return;
            }
            startFlight(Trigger.REFRESH);
        }
    }

    private AccessTokenUnavailableException refusedWhileFresh(Duration age) {
        return new AccessTokenUnavailableException(registration.integration(), Reason.APP_NOT_APPROVED,
                "the Jakamo API refused a token issued " + age.toSeconds() + " s ago for application "
                        + registration.clientId() + "; a new token would be refused as well. Check in Jakamo that the"
                        + " application is approved (tokens work 5-10 minutes after approval) and mapped to this"
                        + " integration (Integrations → Map OAuth2 Application), and that " + registration.configKey("environment")
                        + " matches the Jakamo host the connector calls.", settings.minimumRenewInterval().minus(age), null, null);
    }

    private void ensureOpen() {
        if (closed) {
            throw closedException(registration);
        }
    }
}
