package io.jakamoconnector.adapter.auth;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.auth.Fingerprint;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException.Reason;
import io.jakamoconnector.domain.service.AuditWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token of one registration: our cache over MSAL's, one request in flight at a time (every caller that needs a
 * token while one is being fetched waits for that one), background refresh at {@code refreshAt} that keeps the
 * current token while it is valid if the refresh fails, bounded retries with jitter and {@code Retry-After}, a
 * memory of failures that keeps requests from storming Entra, and an audit event for every request sent.
 */
final class RegistrationClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MsalAccessTokenAdapter.class);
    /** While no token can be had, the credential is re-read at most this often, to notice a fix quickly. */
    private static final Duration FAILING_CREDENTIAL_CHECK = Duration.ofSeconds(1);

    /** Why a request is sent; recorded in the audit trail. */
    enum Trigger {
        FIRST, EXPIRED, REFRESH, RENEW, ROTATION;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A failure held against the registration until {@code until}: callers without a token get it without a request. */
    private record Remembered(AccessTokenUnavailableException failure, Instant since, Instant until) {
    }

    private final TokenRegistration registration;
    private final TokenEndpoint endpoint;
    private final CredentialLoader loader;
    private final EntraErrorTranslator translator;
    private final TokenClientSettings settings;
    private final AuditWriter audit;
    private final Clock clock;
    private final ExecutorService flights;
    private final ScheduledExecutorService scheduler;

    private final Object lock = new Object();
    private final ReentrantLock checking = new ReentrantLock();
    /** The token in use with the instants the hot path compares against, computed once when it is stored. */
    private record Cached(AccessToken token, Instant usableUntil, Instant refreshAt) {
    }

    private volatile Cached cached;
    private volatile Instant nextCredentialCheck = Instant.MIN;
    // guarded by lock
    private Instant currentAcquiredAt;
    private CompletableFuture<AccessToken> flight;
    private Remembered remembered;
    private boolean hadToken;
    private boolean credentialChanged;
    private ScheduledFuture<?> refreshTask;
    private boolean closed;
    // touched by the flight thread and the credential check, under lock
    private LoadedCredential credential;
    private Fingerprint lastNoticedMaterial;
    private String lastCheckProblem;

    RegistrationClient(TokenRegistration registration, TokenEndpoint endpoint, CredentialLoader loader,
                       TokenClientSettings settings, AuditWriter audit, Clock clock, ExecutorService flights,
                       ScheduledExecutorService scheduler) {
        this.registration = registration;
        this.endpoint = endpoint;
        this.loader = loader;
        this.translator = new EntraErrorTranslator(registration, settings, clock);
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.flights = flights;
        this.scheduler = scheduler;
    }

    TokenRegistration registration() {
        return registration;
    }

    // ---- callers ---------------------------------------------------------------------------------------------------

    AccessToken token() {
        Instant now = clock.instant();
        if (!now.isBefore(nextCredentialCheck)) {
            checkCredential(now);
        }
        Cached hit = cached;
        if (hit != null && now.isBefore(hit.usableUntil())) {
            if (!now.isBefore(hit.refreshAt())) {
                nudgeRefresh(now);
            }
            return hit.token();
        }
        return await(join(null, now));
    }

    AccessToken renewedToken(AccessToken rejected) {
        synchronized (lock) {
            ensureOpen();
            AccessToken token = current();
            if (token != null && token.value().equals(rejected.value())) {
                Instant now = clock.instant();
                if (currentAcquiredAt != null && now.isBefore(currentAcquiredAt.plus(settings.minimumRenewInterval()))) {
                    throw refusedWhileFresh(Duration.between(currentAcquiredAt, now));
                }
                LOG.info("{}: the API refused token {}; requesting a new one", registration.integration(), token.fingerprint());
                cached = null;
                cancelRefresh();
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
        try (CredentialLoader.Material material = loader.read(registration.credential())) {
            LoadedCredential loaded = loader.parse(material);
            synchronized (lock) {
                if (credential == null) {
                    credential = loaded;
                    lastNoticedMaterial = loaded.material();
                }
            }
            warnAboutCertificate(loaded);
        } catch (UnreadableSecretException e) {
            throw translator.unreadable(e).exception();
        }
    }

    @Override
    public void close() {
        CompletableFuture<AccessToken> pending;
        synchronized (lock) {
            closed = true;
            cancelRefresh();
            pending = flight;
            flight = null;
            cached = null;
            if (credential != null && credential.secret() != null) {
                credential.secret().close();
            }
        }
        if (pending != null) {
            pending.completeExceptionally(closedException());
        }
    }

    // ---- cache and single flight ---------------------------------------------------------------------------------

    private AccessToken current() {
        Cached c = cached;
        return c == null ? null : c.token();
    }

    private boolean usable(AccessToken token, Instant now) {
        Cached c = cached;
        return c != null && c.token() == token && now.isBefore(c.usableUntil());
    }

    /** Caller holds {@code lock}. A token is handed out while it has the minimum validity left (at most a quarter of its life). */
    private void store(AccessToken token) {
        Duration margin = settings.minimumValidity();
        Duration quarter = token.lifetime().dividedBy(4);
        Instant usableUntil = token.expiresAt().minus(margin.compareTo(quarter) < 0 ? margin : quarter);
        cached = new Cached(token, usableUntil, token.refreshAt());
    }

    /** The flight to wait for: the current token, the one in flight, a new one, or the remembered failure. */
    private CompletableFuture<AccessToken> join(AccessToken rejected, Instant now) {
        synchronized (lock) {
            ensureOpen();
            AccessToken token = current();
            if (token != null && usable(token, now) && (rejected == null || !token.value().equals(rejected.value()))) {
                return CompletableFuture.completedFuture(token);
            }
            if (flight != null) {
                return flight;
            }
            if (remembered != null && now.isBefore(remembered.until())) {
                throw replay(remembered);
            }
            Trigger trigger = rejected != null ? Trigger.RENEW : credentialChanged ? Trigger.ROTATION
                    : hadToken ? Trigger.EXPIRED : Trigger.FIRST;
            return startFlight(trigger);
        }
    }

    /** Starts a request in the background; the caller holds {@code lock}. */
    private CompletableFuture<AccessToken> startFlight(Trigger trigger) {
        CompletableFuture<AccessToken> started = new CompletableFuture<>();
        // MSAL's cache is only worth asking for the very first token: every later request is made because ours
        // decided a new token is needed, and MSAL's would hand back the old one while it has 5 minutes left
        boolean skipCache = hadToken || credentialChanged || trigger == Trigger.RENEW;
        flight = started;
        try {
            flights.execute(() -> fly(started, trigger, skipCache));
        } catch (RejectedExecutionException e) {
            flight = null;
            throw closedException();
        }
        return started;
    }

    private void fly(CompletableFuture<AccessToken> flying, Trigger trigger, boolean skipCache) {
        try {
            Acquired acquired = acquire(trigger, skipCache);
            AccessToken token = acquired.token();
            synchronized (lock) {
                if (flight == flying) {
                    flight = null;
                }
                if (closed) {
                    throw closedException();
                }
                store(token);
                currentAcquiredAt = clock.instant();
                remembered = null;
                hadToken = true;
                // a rotation noticed while this request was under way still needs its own token
                credentialChanged = !acquired.used().material().equals(lastNoticedMaterial);
                scheduleRefresh(credentialChanged ? clock.instant() : token.refreshAt());
            }
            flying.complete(token);
        } catch (AccessTokenUnavailableException e) {
            synchronized (lock) {
                if (flight == flying) {
                    flight = null;
                }
                if (!closed) {
                    remember(e);
                    retryRefreshLater(trigger);
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

    // ---- one acquisition: attempts, retries, audit -----------------------------------------------------------------

    private record Acquired(AccessToken token, LoadedCredential used) {
    }

    private Acquired acquire(Trigger trigger, boolean skipCacheAsked) {
        long deadline = System.nanoTime() + settings.acquireTimeout().toNanos();
        boolean skipCache = skipCacheAsked;
        for (int attempt = 1; ; attempt++) {
            LoadedCredential used;
            try {
                used = credentialForRequest();
            } catch (UnreadableSecretException e) {
                Failure failure = translator.unreadable(e);
                auditFailure(failure, attempt, 0, null, false, trigger);
                LOG.warn("{}", failure.exception().getMessage());
                throw failure.exception();
            }
            if (credentialChangedSinceLastToken()) {
                skipCache = true;   // MSAL's cache is not keyed by the credential: it would return the old secret's token
            }
            String requestId = UUID.randomUUID().toString();
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            Duration timeout = settings.callTimeout().compareTo(left) < 0 ? settings.callTimeout() : left;
            long started = System.nanoTime();
            TokenEndpoint.Received received = null;
            Failure failure;
            try {
                received = endpoint.request(used, skipCache, requestId, timeout);
                failure = null;
            } catch (Exception e) {
                failure = translator.translate(e, requestId, used);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            AccessToken token = null;
            if (failure == null) {
                token = toToken(received);
                if (token == null) {
                    failure = translator.emptyToken(requestId, received.accessToken() == null || received.accessToken().isBlank()
                            ? "no access_token" : "expires_in is not positive");
                }
            }
            if (token != null) {
                auditSuccess(token, used, attempt, millis, requestId, trigger, skipCache, received.source());
                LOG.info("{}: token {} acquired from {} in {} ms (attempt {}, {}), expires {}, refresh at {}",
                        registration.integration(), token.fingerprint(), sourceName(received.source()), millis, attempt,
                        trigger.code(), token.expiresAt(), token.refreshAt());
                return new Acquired(token, used);
            }
            Duration wait = failure.retryNow() ? delayBefore(attempt + 1, failure) : null;
            boolean retry = wait != null && attempt < settings.maxAttempts()
                    && wait.compareTo(settings.maxRetryAfterWait()) <= 0
                    && System.nanoTime() + wait.toNanos() + 50_000_000L < deadline;
            auditFailure(failure, attempt, millis, requestId, retry, trigger);
            if (!retry) {
                LOG.warn("{} [attempt {}, {} ms]", failure.exception().getMessage(), attempt, millis);
                throw failure.exception();
            }
            LOG.info("{}: token request failed ({}, attempt {} of {}); retrying in {} ms", registration.integration(),
                    failure.code(), attempt, settings.maxAttempts(), wait.toMillis());
            LOG.debug("{}: {}", registration.integration(), failure.exception().getMessage());
            sleep(wait);
        }
    }

    /** Backoff with jitter, or the server's {@code Retry-After} plus up to 10% (never less: no request earlier). */
    private Duration delayBefore(int nextAttempt, Failure failure) {
        Duration retryAfter = failure.exception().retryAfter().orElse(null);
        if (retryAfter != null) {
            long extra = Math.min(1000, retryAfter.toMillis() / 10);
            return retryAfter.plusMillis(extra <= 0 ? 0 : ThreadLocalRandom.current().nextLong(extra + 1));
        }
        long base = settings.retryBaseDelay().toMillis();
        long ceiling = Math.min(settings.retryMaxDelay().toMillis(), base << Math.min(20, nextAttempt - 2));
        long half = ceiling / 2;
        return Duration.ofMillis(half + (ceiling - half <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling - half + 1)));
    }

    private void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw closedException();
        }
    }

    private AccessToken toToken(TokenEndpoint.Received received) {
        String value = received.accessToken();
        if (value == null || value.isBlank() || received.expiresIn() == null || received.expiresIn().toSeconds() <= 0) {
            return null;
        }
        Instant receivedAt = clock.instant();
        Instant expiresAt = receivedAt.plus(received.expiresIn());
        Instant refreshAt = null;
        if (received.refreshIn() != null && !received.refreshIn().isNegative()) {
            Instant at = receivedAt.plus(received.refreshIn());
            refreshAt = at.isBefore(expiresAt) ? at : null;
        }
        return new AccessToken(value, receivedAt, expiresAt, refreshAt);
    }

    // ---- the credential ---------------------------------------------------------------------------------------------

    /** Reads the credential; parses it again only when its bytes changed. */
    private LoadedCredential credentialForRequest() {
        try (CredentialLoader.Material material = loader.read(registration.credential())) {
            synchronized (lock) {
                if (credential != null && credential.material().equals(material.fingerprint)) {
                    return credential;
                }
            }
            LoadedCredential loaded = loader.parse(material);
            LoadedCredential previous;
            synchronized (lock) {
                previous = credential;
                credential = loaded;
                lastNoticedMaterial = loaded.material();
                lastCheckProblem = null;
                if (previous != null) {
                    credentialChanged = true;
                }
            }
            if (previous != null) {
                LOG.info("{}: credential changed ({} -> {}); the next token is requested with it",
                        registration.integration(), previous.keyId(), loaded.keyId());
                if (previous.secret() != null) {
                    previous.secret().close();
                }
            }
            warnAboutCertificate(loaded);
            return loaded;
        }
    }

    private boolean credentialChangedSinceLastToken() {
        synchronized (lock) {
            return credentialChanged && hadToken;
        }
    }

    /**
     * Re-reads the credential's reference (rate-limited) to notice rotation: a new secret lifts a remembered failure
     * and, if a token is cached, fetches the next one with it in the background while the old one stays in use.
     */
    private void checkCredential(Instant now) {
        if (!checking.tryLock()) {
            return;
        }
        try {
            AccessToken token = current();
            boolean serving = token != null && usable(token, now);
            Duration interval = settings.credentialCheckInterval();
            if (!serving && FAILING_CREDENTIAL_CHECK.compareTo(interval) < 0) {
                interval = FAILING_CREDENTIAL_CHECK;
            }
            nextCredentialCheck = now.plus(interval);
            Fingerprint seen;
            try (CredentialLoader.Material material = loader.read(registration.credential())) {
                seen = material.fingerprint;
            } catch (UnreadableSecretException e) {
                synchronized (lock) {
                    if (!e.getMessage().equals(lastCheckProblem)) {
                        lastCheckProblem = e.getMessage();
                        LOG.warn("{}: the credential cannot be read now ({}); {}", registration.integration(), e.getMessage(),
                                serving ? "the cached token stays in use" : "no token can be requested until it can");
                    }
                }
                return;
            }
            synchronized (lock) {
                lastCheckProblem = null;
                if (credential != null && credential.material().equals(seen)) {
                    return;   // the credential in use
                }
                boolean news = !seen.equals(lastNoticedMaterial);
                lastNoticedMaterial = seen;
                if (credential == null) {
                    if (news && remembered != null) {
                        LOG.info("{}: the credential can be read again; trying it", registration.integration());
                        remembered = null;
                    }
                    return;
                }
                credentialChanged = true;
                if (news) {
                    LOG.info("{}: the credential in {} changed; {}", registration.integration(),
                            registration.configKey(registration.credential().configKey()),
                            serving ? "fetching a token with it in the background" : "trying it now");
                    if (remembered != null) {
                        LOG.info("{}: forgetting the earlier failure ({}) because the credential changed",
                                registration.integration(), remembered.failure().reason());
                        remembered = null;
                    }
                }
                boolean heldBack = remembered != null && now.isBefore(remembered.until());
                if (serving && flight == null && !closed && !heldBack) {
                    startFlight(Trigger.ROTATION);
                }
            }
        } finally {
            checking.unlock();
        }
    }

    private void warnAboutCertificate(LoadedCredential loaded) {
        Instant notAfter = loaded.certificateNotAfter();
        if (notAfter == null) {
            return;
        }
        Instant now = clock.instant();
        if (!notAfter.isAfter(now)) {
            LOG.warn("{}: the client certificate (SHA-256 {}) expired at {}; Entra ID may refuse it",
                    registration.integration(), loaded.sha256Thumbprint(), notAfter);
        } else if (notAfter.isBefore(now.plus(Duration.ofDays(30)))) {
            LOG.warn("{}: the client certificate (SHA-256 {}) expires at {}; register its successor in time",
                    registration.integration(), loaded.sha256Thumbprint(), notAfter);
        }
    }

    // ---- background refresh and failure memory --------------------------------------------------------------------

    /** Called by a caller that noticed the token is due: start the refresh unless one is under way or held back. */
    private void nudgeRefresh(Instant now) {
        synchronized (lock) {
            if (closed || flight != null || (remembered != null && now.isBefore(remembered.until()))) {
                return;
            }
            if (refreshTask != null && !refreshTask.isDone()) {
                return;
            }
            startFlight(Trigger.REFRESH);
        }
    }

    /** Caller holds {@code lock}. */
    private void scheduleRefresh(Instant at) {
        cancelRefresh();
        long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        try {
            refreshTask = scheduler.schedule(this::refreshInBackground, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            refreshTask = null;   // shutting down
        }
    }

    private void cancelRefresh() {
        if (refreshTask != null) {
            refreshTask.cancel(false);
            refreshTask = null;
        }
    }

    private void refreshInBackground() {
        synchronized (lock) {
            refreshTask = null;
            if (closed || flight != null || cached == null) {
                return;
            }
            Instant now = clock.instant();
            if (remembered != null && now.isBefore(remembered.until())) {
                scheduleRefresh(remembered.until());
                return;
            }
            startFlight(Trigger.REFRESH);
        }
    }

    /** After a failed flight, while the current token is still valid, try again before it runs out. Holds {@code lock}. */
    private void retryRefreshLater(Trigger trigger) {
        AccessToken token = current();
        Instant now = clock.instant();
        if (token == null || !now.isBefore(token.expiresAt())) {
            return;
        }
        Duration half = Duration.between(now, token.expiresAt()).dividedBy(2);
        Instant at = now.plus(settings.refreshRetryDelay().compareTo(half) < 0 ? settings.refreshRetryDelay() : half);
        if (remembered != null && at.isBefore(remembered.until())) {
            at = remembered.until();
        }
        if (at.isBefore(token.expiresAt())) {
            LOG.warn("{}: {} failed; token {} stays in use until {}; next try at {}", registration.integration(),
                    trigger.code(), token.fingerprint(), token.expiresAt(), at);
            scheduleRefresh(at);
        }
    }

    /** Holds {@code lock}. */
    private void remember(AccessTokenUnavailableException failure) {
        Duration hold = switch (failure.reason()) {
            case INVALID_CLIENT, SECRET_EXPIRED, UNKNOWN_CLIENT, INVALID_SCOPE, CERTIFICATE_REJECTED,
                 CREDENTIAL_UNREADABLE -> settings.permanentFailureBackoff();
            case APP_NOT_APPROVED -> settings.notApprovedBackoff();
            default -> failure.retryAfter().orElse(settings.transientFailureBackoff());
        };
        Instant now = clock.instant();
        remembered = hold.isZero() ? null : new Remembered(failure, now, now.plus(hold));
    }

    private AccessTokenUnavailableException replay(Remembered held) {
        AccessTokenUnavailableException failure = held.failure();
        Duration left = Duration.between(clock.instant(), held.until());
        String message = failure.getMessage();
        String prefix = registration.integration() + ": ";
        if (message.startsWith(prefix)) {
            message = message.substring(prefix.length());
        }
        return new AccessTokenUnavailableException(registration.integration(), failure.reason(),
                message + " [failed at " + held.since() + "; no new request before " + held.until() + "]",
                failure.retryAfter().isPresent() || failure.retryable() ? left : null,
                failure.remoteCorrelationId(), failure);
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
            throw closedException();
        }
    }

    private AccessTokenUnavailableException closedException() {
        return new AccessTokenUnavailableException(registration.integration(), Reason.UNEXPECTED,
                "the token adapter is closed (the connector is shutting down)", null, null, null);
    }

    // ---- audit -------------------------------------------------------------------------------------------------------

    private void auditSuccess(AccessToken token, LoadedCredential used, int attempt, long millis, String requestId,
                              Trigger trigger, boolean skipCache, String source) {
        AuditEvent.Builder event = AuditEvent.builder(AuditAction.TOKEN_ACQUIRED, AuditOutcome.OK)
                .integration(registration.integration())
                .attempt(attempt)
                .durationMillis(millis)
                .remoteCorrelationId(requestId)
                .tokenFingerprint(token.fingerprint())
                .credentialKeyId(used.keyId())
                .reason(facts(used) + " expiresAt=" + token.expiresAt() + " refreshAt=" + token.refreshAt()
                        + " trigger=" + trigger.code() + " skipCache=" + skipCache + " source=" + sourceName(source));
        try {
            audit.write(event);
        } catch (RuntimeException e) {
            // fail closed: a token whose acquisition is not on record is not used
            LOG.error("{}: the audit trail refused the token_acquired event; the token is discarded",
                    registration.integration(), e);
            throw new AccessTokenUnavailableException(registration.integration(), Reason.UNEXPECTED,
                    "the audit trail could not record the token acquisition, so the token is not used ("
                            + e.getClass().getSimpleName() + "); check the database", null, requestId, e);
        }
    }

    private void auditFailure(Failure failure, int attempt, long millis, String requestId, boolean retrying,
                              Trigger trigger) {
        LoadedCredential used;
        synchronized (lock) {
            used = credential;
        }
        AccessTokenUnavailableException e = failure.exception();
        AuditEvent.Builder event = AuditEvent.builder(AuditAction.TOKEN_FAILED, retrying ? AuditOutcome.RETRY : failure.outcome())
                .integration(registration.integration())
                .attempt(attempt)
                .durationMillis(millis)
                .remoteCorrelationId(requestId != null ? requestId : e.remoteCorrelationId())
                .reason(e.reason() + " " + failure.code() + " " + facts(used) + " trigger=" + trigger.code()
                        + e.retryAfter().map(d -> " retryAfter=" + d.toMillis() + "ms").orElse(""));
        if (used != null) {
            event = event.credentialKeyId(used.keyId());   // the builder may be immutable: keep what it returns
        }
        try {
            audit.write(event);
        } catch (RuntimeException auditFailure) {
            LOG.error("{}: the audit trail refused the token_failed event", registration.integration(), auditFailure);
            e.addSuppressed(auditFailure);
        }
    }

    private String facts(LoadedCredential used) {
        return "tenant=" + registration.environment().tenantId() + " clientId=" + registration.clientId()
                + " environment=" + registration.environment().name() + " scope=" + registration.environment().scope()
                + " credential=" + registration.credential().kind() + (used == null ? "" : " keyId=" + used.keyId());
    }

    private static String sourceName(String source) {
        return source == null ? "identity_provider" : source.toLowerCase(Locale.ROOT);
    }
}
