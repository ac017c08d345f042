package io.jakamoconnector.adapter.auth;

import io.jakamoconnector.domain.model.auth.EnvironmentKind;
import java.net.Proxy;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;

/**
 * How the adapter talks to Entra ID and how patient it is. Every duration has a bound: MSAL's own HTTP timeouts
 * are infinite unless set, so they are always set here. Build with {@link #builder()}; {@link #defaults()} suits
 * production.
 */
public final class TokenClientSettings {
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration callTimeout;
    private final Duration acquireTimeout;
    private final int maxAttempts;
    private final Duration retryBaseDelay;
    private final Duration retryMaxDelay;
    private final Duration maxRetryAfterWait;
    private final Duration longestRetryAfter;
    private final Duration permanentFailureBackoff;
    private final Duration notApprovedBackoff;
    private final Duration transientFailureBackoff;
    private final Duration minimumValidity;
    private final Duration credentialCheckInterval;
    private final Duration refreshRetryDelay;
    private final Duration minimumRenewInterval;
    private final SSLSocketFactory sslSocketFactory;
    private final SSLSocketFactory sandboxSslSocketFactory;
    private final Proxy proxy;
    private final Boolean instanceDiscovery;
    private final boolean oidcAuthority;

    private TokenClientSettings(Builder b) {
        this.connectTimeout = positive("connectTimeout", b.connectTimeout);
        this.readTimeout = positive("readTimeout", b.readTimeout);
        this.callTimeout = positive("callTimeout", b.callTimeout);
        this.acquireTimeout = positive("acquireTimeout", b.acquireTimeout);
        if (b.maxAttempts < 1 || b.maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts: 1 to 10, not " + b.maxAttempts);
        }
        this.maxAttempts = b.maxAttempts;
        this.retryBaseDelay = notNegative("retryBaseDelay", b.retryBaseDelay);
        this.retryMaxDelay = notNegative("retryMaxDelay", b.retryMaxDelay);
        this.maxRetryAfterWait = notNegative("maxRetryAfterWait", b.maxRetryAfterWait);
        this.longestRetryAfter = positive("longestRetryAfter", b.longestRetryAfter);
        if (longestRetryAfter.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("longestRetryAfter: at most a day, not " + longestRetryAfter);
        }
        this.permanentFailureBackoff = notNegative("permanentFailureBackoff", b.permanentFailureBackoff);
        this.notApprovedBackoff = notNegative("notApprovedBackoff", b.notApprovedBackoff);
        this.transientFailureBackoff = notNegative("transientFailureBackoff", b.transientFailureBackoff);
        this.minimumValidity = notNegative("minimumValidity", b.minimumValidity);
        this.credentialCheckInterval = notNegative("credentialCheckInterval", b.credentialCheckInterval);
        this.refreshRetryDelay = positive("refreshRetryDelay", b.refreshRetryDelay);
        this.minimumRenewInterval = notNegative("minimumRenewInterval", b.minimumRenewInterval);
        this.sslSocketFactory = b.sslSocketFactory;
        this.sandboxSslSocketFactory = b.sandboxSslSocketFactory;
        this.proxy = b.proxy;
        this.instanceDiscovery = b.instanceDiscovery;
        this.oidcAuthority = b.oidcAuthority;
    }

    public static TokenClientSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.callTimeout = callTimeout;
        b.acquireTimeout = acquireTimeout;
        b.maxAttempts = maxAttempts;
        b.retryBaseDelay = retryBaseDelay;
        b.retryMaxDelay = retryMaxDelay;
        b.maxRetryAfterWait = maxRetryAfterWait;
        b.longestRetryAfter = longestRetryAfter;
        b.permanentFailureBackoff = permanentFailureBackoff;
        b.notApprovedBackoff = notApprovedBackoff;
        b.transientFailureBackoff = transientFailureBackoff;
        b.minimumValidity = minimumValidity;
        b.credentialCheckInterval = credentialCheckInterval;
        b.refreshRetryDelay = refreshRetryDelay;
        b.minimumRenewInterval = minimumRenewInterval;
        b.sslSocketFactory = sslSocketFactory;
        b.sandboxSslSocketFactory = sandboxSslSocketFactory;
        b.proxy = proxy;
        b.instanceDiscovery = instanceDiscovery;
        b.oidcAuthority = oidcAuthority;
        return b;
    }

    /** TCP connect timeout of MSAL's HTTP client (MSAL's default: none). */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Read timeout of MSAL's HTTP client (MSAL's default: none). */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** The longest wait for one MSAL call ({@code future.get(timeout)}), a second guard over the HTTP timeouts. */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** The longest one acquisition may take, retries and their waits included; no attempt starts past it. */
    public Duration acquireTimeout() {
        return acquireTimeout;
    }

    /** Attempts per acquisition, the first included. MSAL's internal retry is disabled, so this is the count. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Backoff before the second attempt; it doubles per attempt, with jitter, up to {@link #retryMaxDelay()}. */
    public Duration retryBaseDelay() {
        return retryBaseDelay;
    }

    public Duration retryMaxDelay() {
        return retryMaxDelay;
    }

    /** A {@code Retry-After} up to this long is waited out within an acquisition; a longer one fails it at once. */
    public Duration maxRetryAfterWait() {
        return maxRetryAfterWait;
    }

    /**
     * The longest {@code Retry-After} honoured at all (seconds or a date): longer advice is cut to this, so one answer
     * of the token service cannot stop the integration for a day. Default 1 hour.
     */
    public Duration longestRetryAfter() {
        return longestRetryAfter;
    }

    /** After a configuration error (wrong secret, unknown client id, …) no request is sent for this long. */
    public Duration permanentFailureBackoff() {
        return permanentFailureBackoff;
    }

    /** After "application not approved yet" no request is sent for this long. */
    public Duration notApprovedBackoff() {
        return notApprovedBackoff;
    }

    /** After an acquisition failed for a passing reason with every attempt used, no request is sent for this long. */
    public Duration transientFailureBackoff() {
        return transientFailureBackoff;
    }

    /**
     * A cached token is handed out only while it has this much left (capped at a quarter of its lifetime), so a
     * request does not start with a token that expires on the way.
     */
    public Duration minimumValidity() {
        return minimumValidity;
    }

    /** How often the credential's reference is re-read while a token is cached, to notice a rotated secret. */
    public Duration credentialCheckInterval() {
        return credentialCheckInterval;
    }

    /** After a failed background refresh, the next try comes this much later (sooner if the token runs out). */
    public Duration refreshRetryDelay() {
        return refreshRetryDelay;
    }

    /**
     * A token the API refuses less than this long after it was issued is not renewed: a new one would be refused too
     * (an application not mapped or not approved in Jakamo, or the wrong environment).
     */
    public Duration minimumRenewInterval() {
        return minimumRenewInterval;
    }

    /** Trust for every registration's token service; null: the JVM's default trust store. */
    public SSLSocketFactory sslSocketFactory() {
        return sslSocketFactory;
    }

    /**
     * Trust for the token service of sandbox registrations only (the sandbox's CA); a demo or production registration
     * never uses it. Null: the same as {@link #sslSocketFactory()}.
     */
    public SSLSocketFactory sandboxSslSocketFactory() {
        return sandboxSslSocketFactory;
    }

    /** The trust for a registration in an environment of {@code kind}. */
    SSLSocketFactory sslSocketFactoryFor(EnvironmentKind kind) {
        return kind == EnvironmentKind.SANDBOX && sandboxSslSocketFactory != null
                ? sandboxSslSocketFactory : sslSocketFactory;
    }

    /** An HTTPS proxy for token requests; null: the JVM's proxy settings. */
    public Proxy proxy() {
        return proxy;
    }

    /**
     * Whether MSAL asks {@code login.microsoftonline.com} for instance metadata; null (the default) means on for demo
     * and production, off for a sandbox (which cannot answer it).
     */
    public Boolean instanceDiscovery() {
        return instanceDiscovery;
    }

    /** Configure MSAL with {@code oidcAuthority(<authority>v2.0)} instead of {@code authority(...)}. */
    public boolean oidcAuthority() {
        return oidcAuthority;
    }

    @Override
    public String toString() {
        return "TokenClientSettings[connect=" + connectTimeout + ", read=" + readTimeout + ", call=" + callTimeout
                + ", acquire=" + acquireTimeout + ", attempts=" + maxAttempts + ", retryBase=" + retryBaseDelay
                + ", retryMax=" + retryMaxDelay + ", maxRetryAfterWait=" + maxRetryAfterWait + ", longestRetryAfter="
                + longestRetryAfter + ", permanentBackoff="
                + permanentFailureBackoff + ", notApprovedBackoff=" + notApprovedBackoff + ", transientBackoff="
                + transientFailureBackoff + ", minimumValidity=" + minimumValidity + ", credentialCheck="
                + credentialCheckInterval + ", refreshRetry=" + refreshRetryDelay + ", minimumRenew=" + minimumRenewInterval
                + ", customTrust=" + (sslSocketFactory != null) + ", sandboxTrust=" + (sandboxSslSocketFactory != null)
                + ", proxy=" + proxy + ", instanceDiscovery="
                + instanceDiscovery + ", oidcAuthority=" + oidcAuthority + "]";
    }

    private static Duration positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": must be positive, not " + d);
        }
        return d;
    }

    private static Duration notNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + ": must not be negative, not " + d);
        }
        return d;
    }

    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(10);
        private Duration callTimeout = Duration.ofSeconds(20);
        private Duration acquireTimeout = Duration.ofSeconds(60);
        private int maxAttempts = 4;
        private Duration retryBaseDelay = Duration.ofMillis(500);
        private Duration retryMaxDelay = Duration.ofSeconds(8);
        private Duration maxRetryAfterWait = Duration.ofSeconds(30);
        private Duration longestRetryAfter = Duration.ofHours(1);
        private Duration permanentFailureBackoff = Duration.ofMinutes(5);
        private Duration notApprovedBackoff = Duration.ofMinutes(1);
        private Duration transientFailureBackoff = Duration.ofSeconds(5);
        private Duration minimumValidity = Duration.ofMinutes(2);
        private Duration credentialCheckInterval = Duration.ofSeconds(30);
        private Duration refreshRetryDelay = Duration.ofSeconds(30);
        private Duration minimumRenewInterval = Duration.ofSeconds(30);
        private SSLSocketFactory sslSocketFactory;
        private SSLSocketFactory sandboxSslSocketFactory;
        private Proxy proxy;
        private Boolean instanceDiscovery;
        private boolean oidcAuthority;

        private Builder() {
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder readTimeout(Duration value) {
            this.readTimeout = value;
            return this;
        }

        public Builder callTimeout(Duration value) {
            this.callTimeout = value;
            return this;
        }

        public Builder acquireTimeout(Duration value) {
            this.acquireTimeout = value;
            return this;
        }

        public Builder maxAttempts(int value) {
            this.maxAttempts = value;
            return this;
        }

        public Builder retryBaseDelay(Duration value) {
            this.retryBaseDelay = value;
            return this;
        }

        public Builder retryMaxDelay(Duration value) {
            this.retryMaxDelay = value;
            return this;
        }

        public Builder maxRetryAfterWait(Duration value) {
            this.maxRetryAfterWait = value;
            return this;
        }

        public Builder longestRetryAfter(Duration value) {
            this.longestRetryAfter = value;
            return this;
        }

        public Builder permanentFailureBackoff(Duration value) {
            this.permanentFailureBackoff = value;
            return this;
        }

        public Builder notApprovedBackoff(Duration value) {
            this.notApprovedBackoff = value;
            return this;
        }

        public Builder transientFailureBackoff(Duration value) {
            this.transientFailureBackoff = value;
            return this;
        }

        public Builder minimumValidity(Duration value) {
            this.minimumValidity = value;
            return this;
        }

        public Builder credentialCheckInterval(Duration value) {
            this.credentialCheckInterval = value;
            return this;
        }

        public Builder refreshRetryDelay(Duration value) {
            this.refreshRetryDelay = value;
            return this;
        }

        public Builder minimumRenewInterval(Duration value) {
            this.minimumRenewInterval = value;
            return this;
        }

        public Builder sslSocketFactory(SSLSocketFactory value) {
            this.sslSocketFactory = value;
            return this;
        }

        public Builder sandboxSslSocketFactory(SSLSocketFactory value) {
            this.sandboxSslSocketFactory = value;
            return this;
        }

        public Builder proxy(Proxy value) {
            this.proxy = value;
            return this;
        }

        public Builder instanceDiscovery(Boolean value) {
            this.instanceDiscovery = value;
            return this;
        }

        public Builder oidcAuthority(boolean value) {
            this.oidcAuthority = value;
            return this;
        }

        public TokenClientSettings build() {
            return new TokenClientSettings(this);
        }
    }
}
