package io.jakamoconnector.sandbox;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The fake Entra ID: application registrations, their secrets, certificates and approval, and how tokens are
 * issued. Obtained from {@link Sandbox#entra()}.
 */
public final class FakeEntra {
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String SECRET_TAIL_ALPHABET = SECRET_ALPHABET + "~._-";

    private final Registry registry;
    private final TokenService tokens;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private FakeJakamo jakamo;
    private volatile Duration tokenLifetime = Duration.ofSeconds(3600);
    private volatile Duration refreshIn;
    private volatile Duration defaultActivationDelay = Duration.ZERO;
    private volatile NotApprovedBehaviour notApprovedBehaviour = NotApprovedBehaviour.DISABLED_APP_ERROR;

    FakeEntra(Registry registry, TokenService tokens, Clock clock) {
        this.registry = registry;
        this.tokens = tokens;
        this.clock = clock;
    }

    void attach(FakeJakamo fakeJakamo) {
        this.jakamo = fakeJakamo;
    }

    /** Registers an application; the returned snapshot is the only one that shows the generated secret. */
    public AppRegistration registerApp(AppSpec spec) {
        Instant now = clock.instant();
        String clientId = spec.clientId != null ? spec.clientId : UUID.randomUUID().toString();
        Registry.App app = new Registry.App(clientId, UUID.randomUUID().toString(), spec.displayName, spec.category,
                spec.read, spec.write);
        String secret = null;
        if (spec.withSecret) {
            secret = newSecret();
            app.secrets.add(new Registry.Secret(secret, spec.secretExpiresAt != null ? spec.secretExpiresAt : now.plus(spec.secretLifetime)));
        }
        if (!spec.withSecret && spec.certificates.isEmpty()) {
            throw new IllegalArgumentException("credentials: an app without a secret needs a certificate");
        }
        app.certificates.addAll(spec.certificates);
        app.approvedAt = spec.approved ? (spec.approvedAt != null ? spec.approvedAt : now) : null;
        app.activationDelay = spec.activationDelay;
        synchronized (registry) {
            if (registry.apps.containsKey(clientId)) {
                throw new IllegalArgumentException("clientId: already registered: " + clientId);
            }
            registry.apps.put(clientId, app);
        }
        if (spec.integration != null) {
            jakamo.mapApp(clientId, spec.integration);
        }
        synchronized (registry) {
            return app.snapshot(secret, defaultActivationDelay);
        }
    }

    /** The application as it is now (without its secret). */
    public Optional<AppRegistration> app(String clientId) {
        synchronized (registry) {
            return Optional.ofNullable(registry.apps.get(clientId)).map(a -> a.snapshot(null, defaultActivationDelay));
        }
    }

    public List<AppRegistration> apps() {
        synchronized (registry) {
            return registry.apps.values().stream().map(a -> a.snapshot(null, defaultActivationDelay)).toList();
        }
    }

    /** Adds another secret (rotation) and returns it; the old ones stay valid until they expire. */
    public String addSecret(String clientId, Instant expiresAt) {
        String secret = newSecret();
        synchronized (registry) {
            app(clientId, true).secrets.add(new Registry.Secret(secret, expiresAt));
        }
        return secret;
    }

    /** Lets every secret of the app expire now (AADSTS7000222 from then on). */
    public void expireSecrets(String clientId) {
        Instant past = clock.instant().minusSeconds(1);
        synchronized (registry) {
            Registry.App app = app(clientId, true);
            app.secrets.replaceAll(s -> new Registry.Secret(s.value(), past));
        }
    }

    public void addCertificate(String clientId, X509Certificate certificate) {
        synchronized (registry) {
            app(clientId, true).certificates.add(Objects.requireNonNull(certificate, "certificate"));
        }
    }

    /** Jakamo's administrators approve the app now; tokens work after the activation delay. */
    public void approve(String clientId) {
        approve(clientId, clock.instant());
    }

    public void approve(String clientId, Instant approvedAt) {
        synchronized (registry) {
            app(clientId, true).approvedAt = Objects.requireNonNull(approvedAt, "approvedAt");
        }
    }

    public void revokeApproval(String clientId) {
        synchronized (registry) {
            app(clientId, true).approvedAt = null;
        }
    }

    public void activationDelay(String clientId, Duration delay) {
        synchronized (registry) {
            app(clientId, true).activationDelay = Objects.requireNonNull(delay, "delay");
        }
    }

    /** The delay after approval for apps that do not set their own (default 0; the real service: 5–10 minutes). */
    public void defaultActivationDelay(Duration delay) {
        this.defaultActivationDelay = Objects.requireNonNull(delay, "delay");
    }

    Duration defaultActivationDelay() {
        return defaultActivationDelay;
    }

    /** Deletes the registration: its tokens are refused (401) and its client id becomes unknown (AADSTS700016). */
    public void deleteApp(String clientId) {
        synchronized (registry) {
            registry.apps.remove(clientId);
        }
    }

    /** {@code expires_in} of issued tokens (default 3600 s). MSAL caches only tokens with more than 5 minutes left. */
    public void tokenLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("tokenLifetime: must be positive");
        }
        this.tokenLifetime = lifetime;
    }

    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    /** Sends {@code refresh_in} with each token (MSAL then renews early); null stops sending it. */
    public void refreshIn(Duration refresh) {
        this.refreshIn = refresh;
    }

    Duration refreshIn() {
        return refreshIn;
    }

    public void notApprovedBehaviour(NotApprovedBehaviour behaviour) {
        this.notApprovedBehaviour = Objects.requireNonNull(behaviour, "behaviour");
    }

    NotApprovedBehaviour notApprovedBehaviour() {
        return notApprovedBehaviour;
    }

    /**
     * A person who can sign in through the authorize endpoint (authorization code with PKCE) with these app roles;
     * the page lists every user, as a test tenant would, with no password.
     */
    public SignInUser addUser(String userName, String displayName, String... roles) {
        SignInUser user = new SignInUser(UUID.randomUUID().toString(), userName, displayName, List.of(roles));
        synchronized (registry) {
            if (registry.users.containsKey(userName)) {
                throw new IllegalArgumentException("userName: already a user: " + userName);
            }
            registry.users.put(userName, user);
        }
        return user;
    }

    public List<SignInUser> users() {
        synchronized (registry) {
            return List.copyOf(registry.users.values());
        }
    }

    /** Lets the authorize endpoint send a person back to {@code redirectUri} for this app (an exact match, as Entra). */
    public void addRedirectUri(String clientId, String redirectUri) {
        synchronized (registry) {
            app(clientId, true).redirectUris.add(Objects.requireNonNull(redirectUri, "redirectUri"));
        }
    }

    /** Replaces the token signing key: every token issued before is refused by the fake Jakamo from now on (401). */
    public void rotateSigningKey() {
        tokens.rotate();
    }

    /**
     * A token for the app as the token endpoint would issue it, without a request (for tests of the API side).
     * Ignores credentials and approval; roles as registered.
     */
    public String issueToken(String clientId) {
        return issueToken(clientId, tokenLifetime);
    }

    public String issueToken(String clientId, Duration lifetime) {
        Registry.App app;
        List<String> roles;
        synchronized (registry) {
            app = app(clientId, true);
            roles = app.roles();
        }
        return tokens.issue(app, roles, clock.instant(), lifetime, false);
    }

    /** A mapped app with the secret the connector should use (the newest one that has not expired). */
    record ConfiguredApp(String clientId, String integration, IntegrationKind kind, String secret) {
        @Override
        public String toString() {
            return "ConfiguredApp[" + clientId + " -> " + integration + ", secret=" + (secret == null ? "none" : "***") + "]";
        }
    }

    List<ConfiguredApp> secretsForConfig() {
        Instant now = clock.instant();
        synchronized (registry) {
            return registry.apps.values().stream()
                    .filter(a -> a.integration != null && registry.integrations.containsKey(a.integration))
                    .map(a -> new ConfiguredApp(a.clientId, a.integration, registry.integrations.get(a.integration).kind,
                            a.secrets.stream().filter(s -> now.isBefore(s.expiresAt())).reduce((first, second) -> second)
                                    .map(Registry.Secret::value).orElse(null)))
                    .toList();
        }
    }

    Registry.App app(String clientId, boolean required) {
        Registry.App app = registry.apps.get(clientId);
        if (app == null && required) {
            throw new IllegalArgumentException("clientId: no such app: " + clientId);
        }
        return app;
    }

    private String newSecret() {
        StringBuilder secret = new StringBuilder(40);
        for (int i = 0; i < 3; i++) {
            secret.append(SECRET_ALPHABET.charAt(random.nextInt(SECRET_ALPHABET.length())));
        }
        secret.append("8Q~");
        for (int i = 0; i < 34; i++) {
            secret.append(SECRET_TAIL_ALPHABET.charAt(random.nextInt(SECRET_TAIL_ALPHABET.length())));
        }
        return secret.toString();
    }
}
