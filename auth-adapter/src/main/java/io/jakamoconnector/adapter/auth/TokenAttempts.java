package io.jakamoconnector.adapter.auth;

import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One acquisition of a registration's token: up to {@code maxAttempts} requests within {@code acquireTimeout}, each
 * translated and audited, with exponential backoff and jitter between them, or the server's {@code Retry-After}
 * (never earlier; a longer one than {@code maxRetryAfterWait} ends the acquisition at once). Runs on the flight
 * thread; it waits between attempts, which is its job, not synchronisation.
 */
final class TokenAttempts {
    private static final Logger LOG = LoggerFactory.getLogger(MsalAccessTokenAdapter.class);

    /** A token and the credential it was requested with. */
    record Acquired(AccessToken token, LoadedCredential used) {
    }

    private final TokenRegistration registration;
    private final TokenEndpoint endpoint;
    private final CredentialWatcher credentials;
    private final EntraErrorTranslator translator;
    private final TokenAudit audit;
    private final TokenClientSettings settings;
    private final Clock clock;

    TokenAttempts(TokenRegistration registration, TokenEndpoint endpoint, CredentialWatcher credentials,
                  EntraErrorTranslator translator, TokenAudit audit, TokenClientSettings settings, Clock clock) {
        this.registration = registration;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.translator = translator;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param skipCacheAsked             whether MSAL's cache is to be skipped from the first request on
     * @param rotatedSinceLastToken      whether the credential changed since the last token: then MSAL's cache, not
     *                                   keyed by the credential, is skipped too
     * @throws AccessTokenUnavailableException the last attempt's failure, already audited
     */
    Acquired acquire(RegistrationClient.Trigger trigger, boolean skipCacheAsked, BooleanSupplier rotatedSinceLastToken) {
        long deadline = System.nanoTime() + settings.acquireTimeout().toNanos();
        boolean skipCache = skipCacheAsked;
        for (int attempt = 1; ; attempt++) {
            LoadedCredential used;
            try {
                used = credentials.forRequest();
            } catch (UnreadableSecretException e) {
                Failure failure = translator.unreadable(e);
                audit.failed(failure, credentials.inUse(), attempt, 0, null, false, trigger);
                LOG.warn("{}", failure.exception().getMessage());
                throw failure.exception();
            }
            if (rotatedSinceLastToken.getAsBoolean()) {
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
                audit.acquired(token, used, attempt, millis, requestId, trigger, skipCache, received.source());
                LOG.info("{}: token {} acquired from {} in {} ms (attempt {}, {}), expires {}, refresh at {}",
                        registration.integration(), token.fingerprint(), TokenAudit.sourceName(received.source()), millis,
                        attempt, trigger.code(), token.expiresAt(), token.refreshAt());
                return new Acquired(token, used);
            }
            Duration wait = failure.retryNow() ? delayBefore(attempt + 1, failure) : null;
            boolean retry = wait != null && attempt < settings.maxAttempts()
                    && wait.compareTo(settings.maxRetryAfterWait()) <= 0
                    && System.nanoTime() + wait.toNanos() + 50_000_000L < deadline;
            audit.failed(failure, credentials.inUse(), attempt, millis, requestId, retry, trigger);
            if (!retry) {
                LOG.warn("{} [attempt {}, {} ms]", failure.exception().getMessage(), attempt, millis);
                throw failure.exception();
            }
            LOG.info("{}: token request failed ({}, attempt {} of {}); retrying in {} ms", registration.integration(),
                    failure.code(), attempt, settings.maxAttempts(), wait.toMillis());
            LOG.debug("{}: {}", registration.integration(), failure.exception().getMessage());
            pause(wait);
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

    private void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistrationClient.closedException(registration);
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
}
