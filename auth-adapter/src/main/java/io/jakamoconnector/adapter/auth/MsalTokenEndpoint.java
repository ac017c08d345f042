package io.jakamoconnector.adapter.auth;

import com.microsoft.aad.msal4j.AuthenticationResultMetadata;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import io.jakamoconnector.domain.model.auth.EnvironmentKind;
import java.net.MalformedURLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLSocketFactory;

/**
 * The token request through one {@link ConfidentialClientApplication}, built once for the registration and kept for
 * the life of the process. The credential travels with each request ({@code ClientCredentialParameters.clientCredential}),
 * so a rotated secret needs no new application object; MSAL's internal retry is off, so every attempt is ours.
 */
final class MsalTokenEndpoint implements TokenEndpoint {
    private final TokenRegistration registration;
    private final TokenClientSettings settings;
    private final ExecutorService executor;
    private volatile ConfidentialClientApplication application;

    MsalTokenEndpoint(TokenRegistration registration, TokenClientSettings settings, ExecutorService executor) {
        this.registration = registration;
        this.settings = settings;
        this.executor = executor;
    }

    @Override
    public Received request(LoadedCredential credential, boolean skipCache, String requestId, Duration timeout)
            throws Exception {
        ClientCredentialParameters parameters = ClientCredentialParameters
                .builder(Set.of(registration.environment().scope().value()))
                .skipCache(skipCache)
                .clientCredential(credential.msal())
                // MSAL puts its own id first and then the extra headers into the same map: ours wins, so the
                // correlation id Entra reports is the one in our audit trail
                .extraHttpHeaders(Map.of("client-request-id", requestId))
                .build();
        CompletableFuture<IAuthenticationResult> future = application(credential).acquireToken(parameters);
        IAuthenticationResult result;
        try {
            result = future.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);   // the HTTP call itself ends at the read timeout
            throw e;
        }
        Instant now = Instant.now();   // MSAL computes expiry with the system clock: measure against the same
        if (result == null) {
            return new Received(null, Duration.ZERO, null, null);
        }
        Date expiresOn = result.expiresOnDate();
        Duration expiresIn = expiresOn == null ? Duration.ZERO : Duration.between(now, expiresOn.toInstant());
        AuthenticationResultMetadata metadata = result.metadata();
        Duration refreshIn = null;
        String source = null;
        if (metadata != null) {
            source = metadata.tokenSource() == null ? null : metadata.tokenSource().name();
            Long refreshOn = metadata.refreshOn();
            if (refreshOn != null && refreshOn > 0) {
                Instant at = refreshOn > 100_000_000_000L ? Instant.ofEpochMilli(refreshOn) : Instant.ofEpochSecond(refreshOn);
                refreshIn = Duration.between(now, at);
            }
        }
        return new Received(result.accessToken(), expiresIn, refreshIn, source);
    }

    private ConfidentialClientApplication application(LoadedCredential credential) throws MalformedURLException {
        ConfidentialClientApplication app = application;
        if (app == null) {
            synchronized (this) {
                app = application;
                if (app == null) {
                    app = build(credential);
                    application = app;
                }
            }
        }
        return app;
    }

    private ConfidentialClientApplication build(LoadedCredential credential) throws MalformedURLException {
        String authority = registration.environment().authority().toString();
        ConfidentialClientApplication.Builder builder =
                ConfidentialClientApplication.builder(registration.clientId().value(), credential.msal());
        if (settings.oidcAuthority()) {
            builder.oidcAuthority(authority + "v2.0");
        } else {
            builder.authority(authority);
        }
        Boolean discovery = settings.instanceDiscovery();
        builder.instanceDiscovery(discovery != null ? discovery : registration.environment().kind() != EnvironmentKind.SANDBOX);
        SSLSocketFactory trust = settings.sslSocketFactoryFor(registration.environment().kind());
        if (trust != null) {
            builder.sslSocketFactory(trust);
        }
        if (settings.proxy() != null) {
            builder.proxy(settings.proxy());
        }
        return builder
                .executorService(executor)
                .connectTimeoutForDefaultHttpClient(millis(settings.connectTimeout()))
                .readTimeoutForDefaultHttpClient(millis(settings.readTimeout()))
                .disableInternalRetries()
                .logPii(false)
                .build();
    }

    private static Integer millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    @Override
    public void close() {
        // the application holds no resources of its own; the executor belongs to the adapter
    }
}
