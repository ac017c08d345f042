package io.jakamoconnector.adapter.auth;

import io.jakamoconnector.domain.model.auth.Fingerprint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credential of one registration and its rotation: the credential in use (parsed again only when its bytes
 * change), and a rate-limited re-read of its reference that notices new bytes, so a rotated secret is used without a
 * restart. It shares the registration's lock, so that noticing a change and what the registration does about it (a
 * lifted hold, a request with the new credential) are one step.
 */
final class CredentialWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(MsalAccessTokenAdapter.class);
    /** While no token can be had, the credential is re-read at most this often, to notice a fix quickly. */
    static final Duration FAILING_CREDENTIAL_CHECK = Duration.ofSeconds(1);

    /** What the registration does about what a check noticed; called with the shared lock held. */
    interface Listener {
        /** No credential was ever in use, and its reference now reads with bytes not seen before. */
        void readableAgain();

        /** The reference's bytes differ from the credential in use; {@code news}: these bytes were not seen before. */
        void rotated(boolean news, boolean serving, Instant now);
    }

    private final TokenRegistration registration;
    private final CredentialLoader loader;
    private final Duration checkInterval;
    private final Clock clock;
    private final Object lock;
    private final ReentrantLock checking = new ReentrantLock();
    private volatile Instant nextCheck = Instant.MIN;
    // guarded by lock
    private LoadedCredential credential;
    private Fingerprint lastNoticedMaterial;
    private String lastCheckProblem;
    private boolean rotationPending;

    /**
     * @param checkInterval how often the reference is re-read while a token is served
     * @param lock          the registration's lock
     */
    CredentialWatcher(TokenRegistration registration, CredentialLoader loader, Duration checkInterval, Clock clock,
                      Object lock) {
        this.registration = registration;
        this.loader = loader;
        this.checkInterval = checkInterval;
        this.clock = clock;
        this.lock = lock;
    }

    /** Whether the reference is due to be read again. */
    boolean due(Instant now) {
        return !now.isBefore(nextCheck);
    }

    /**
     * Re-reads the credential's reference (only one caller at a time; others go on at once) and tells
     * {@code listener} what changed. While no token is served ({@code serving} false), the next check comes after at
     * most {@link #FAILING_CREDENTIAL_CHECK}, to notice a fix quickly.
     */
    void check(Instant now, boolean serving, Listener listener) {
        if (!checking.tryLock()) {
            return;
        }
        try {
            Duration interval = checkInterval;
            if (!serving && FAILING_CREDENTIAL_CHECK.compareTo(interval) < 0) {
                interval = FAILING_CREDENTIAL_CHECK;
            }
            nextCheck = now.plus(interval);
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
                    if (news) {
                        listener.readableAgain();
                    }
                    return;
                }
                rotationPending = true;
                if (news) {
                    LOG.info("{}: the credential in {} changed; {}", registration.integration(),
                            registration.configKey(registration.credential().configKey()),
                            serving ? "fetching a token with it in the background" : "trying it now");
                }
                listener.rotated(news, serving, now);
            }
        } finally {
            checking.unlock();
        }
    }

    /** Reads and parses the credential now, keeping it if none is in use yet; for start-up checks. */
    void readNow() {
        try (CredentialLoader.Material material = loader.read(registration.credential())) {
            LoadedCredential loaded = loader.parse(material);
            synchronized (lock) {
                if (credential == null) {
                    credential = loaded;
                    lastNoticedMaterial = loaded.material();
                }
            }
            warnAboutCertificate(loaded);
        }
    }

    /**
     * The credential for the next request: the one in use while its bytes are unchanged, else the new bytes parsed
     * (a rotation: the old secret is wiped).
     *
     * @throws UnreadableSecretException when the reference cannot be read or parsed
     */
    LoadedCredential forRequest() {
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
                    rotationPending = true;
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

    /** The credential in use; null before the first was read. */
    LoadedCredential inUse() {
        synchronized (lock) {
            return credential;
        }
    }

    /** Caller holds the lock. Whether a credential other than the one the current token was made with was noticed. */
    boolean rotationPending() {
        return rotationPending;
    }

    /**
     * Caller holds the lock. A token was made with {@code used}: the rotation is over unless yet other bytes were
     * noticed while it was requested.
     *
     * @return whether a rotation is still pending
     */
    boolean tokenMadeWith(LoadedCredential used) {
        rotationPending = !used.material().equals(lastNoticedMaterial);
        return rotationPending;
    }

    /** Caller holds the lock. Wipes the secret in use. */
    void close() {
        if (credential != null && credential.secret() != null) {
            credential.secret().close();
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
}
