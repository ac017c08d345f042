package io.jakamoconnector.adapter.auth;

import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.AuthorizationRequestUrlParameters;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.jakamoconnector.domain.model.auth.OperatorIdentity;
import io.jakamoconnector.domain.port.out.OperatorSignInException;
import io.jakamoconnector.domain.port.out.OperatorSignInPort;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * The console's sign-in through Entra ID with MSAL4J: authorization code with PKCE, answered by {@code form_post}
 * (MSAL forces it). MSAL accepts an ID token with a forged signature or a wrong nonce, so {@link IdTokenCheck} checks
 * both itself against the tenant's published keys, plus issuer, audience and expiry.
 */
public final class MsalOperatorSignInAdapter implements OperatorSignInPort {
    private static final Set<String> SCOPES = Set.of("openid", "profile");
    private static final Duration REDEEM_TIMEOUT = Duration.ofSeconds(20);

    private final ConsoleRegistration registration;
    private final SecretSources secrets;
    private final IdTokenCheck check;
    private final SecureRandom random = new SecureRandom();
    private volatile ConfidentialClientApplication application;

    /**
     * The console's app registration.
     *
     * @param authority   {@code https://login.microsoftonline.com/<tenant>/} (with the trailing slash)
     * @param redirectUri the console's {@code /auth/callback}, exactly as registered
     * @param trust       TLS trust for the sandbox's Entra ID, or null for the JDK's
     */
    public record ConsoleRegistration(URI authority, String clientId, SecretReference clientSecret, URI redirectUri,
                                      SSLContext trust) {
        public ConsoleRegistration {
            Objects.requireNonNull(authority, "authority");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            Objects.requireNonNull(redirectUri, "redirectUri");
            if (!authority.toString().endsWith("/")) {
                throw new IllegalArgumentException("console.entra.authority: must end with /");
            }
        }
    }

    public MsalOperatorSignInAdapter(ConsoleRegistration registration, SecretSources secrets, Clock clock) {
        this.registration = registration;
        this.secrets = secrets;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (registration.trust() != null) {
            http.sslContext(registration.trust());
        }
        String authority = registration.authority().toString();
        this.check = new IdTokenCheck(http.build(), URI.create(authority + "discovery/v2.0/keys"),
                authority + "v2.0", registration.clientId(), clock);
    }

    @Override
    public PendingSignIn begin() {
        String verifier = randomText();
        String state = randomText();
        String nonce = randomText();
        AuthorizationRequestUrlParameters parameters = AuthorizationRequestUrlParameters
                .builder(registration.redirectUri().toString(), SCOPES)
                .codeChallenge(challenge(verifier))
                .codeChallengeMethod("S256")
                .state(state)
                .nonce(nonce)
                .build();
        try {
            URI url = application().getAuthorizationRequestUrl(parameters).toURI();
            return new PendingSignIn(url, state, nonce, verifier);
        } catch (java.net.URISyntaxException e) {
            throw new OperatorSignInException(OperatorSignInException.Reason.MISCONFIGURED,
                    "the authorization URL built from console.entra.authority is not a URI; check the key", e);
        }
    }

    @Override
    public OperatorIdentity complete(PendingSignIn pending, String code) {
        if (code == null || code.isBlank() || code.length() > 4096) {
            throw new OperatorSignInException(OperatorSignInException.Reason.REFUSED, "no authorization code came back", null);
        }
        IAuthenticationResult result;
        try {
            result = application().acquireToken(AuthorizationCodeParameters
                    .builder(code, registration.redirectUri())
                    .scopes(SCOPES)
                    .codeVerifier(pending.codeVerifier())
                    .build()).get(REDEEM_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperatorSignInException(OperatorSignInException.Reason.NETWORK, "interrupted while signing in", e);
        } catch (TimeoutException e) {
            throw new OperatorSignInException(OperatorSignInException.Reason.NETWORK, "Entra ID did not answer the "
                    + "code redemption within " + REDEEM_TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof MsalServiceException service) {
                throw new OperatorSignInException(OperatorSignInException.Reason.REFUSED, "Entra ID refused the sign-in ("
                        + service.errorCode() + "); check the console's app registration (redirect URI, client "
                        + "secret) and sign in again", null);
            }
            throw new OperatorSignInException(OperatorSignInException.Reason.NETWORK, "cannot redeem the code at Entra "
                    + "ID: " + cause.getClass().getSimpleName(), null);
        }
        return check.identity(result.idToken(), pending.nonce());
    }

    private ConfidentialClientApplication application() {
        ConfidentialClientApplication app = application;
        if (app == null) {
            synchronized (this) {
                if (application == null) {
                    application = build();
                }
                app = application;
            }
        }
        return app;
    }

    private ConfidentialClientApplication build() {
        String secret;
        try (SecretValue value = registration.clientSecret().read(secrets).trimmed()) {
            secret = new String(value.chars());
        } catch (UnreadableSecretException e) {
            throw new OperatorSignInException(OperatorSignInException.Reason.MISCONFIGURED, "console.entra.clientSecret: "
                    + e.getMessage(), null);
        }
        try {
            ConfidentialClientApplication.Builder builder = ConfidentialClientApplication
                    .builder(registration.clientId(), ClientCredentialFactory.createFromSecret(secret))
                    .authority(registration.authority().toString())
                    .logPii(false);
            if (registration.trust() != null) {
                // the sandbox: a tenant on 127.0.0.1 that no instance discovery knows
                builder.instanceDiscovery(false).sslSocketFactory(registration.trust().getSocketFactory());
            }
            return builder.build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new OperatorSignInException(OperatorSignInException.Reason.MISCONFIGURED,
                    "console.entra.authority is not usable by MSAL: " + e.getMessage(), null);
        }
    }

    private String randomText() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
