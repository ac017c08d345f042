package io.jakamoconnector.sandbox;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What to register: an OAuth2 application as Jakamo's "OAuth2 Applications" page creates it (one permission
 * category, read and/or write), plus Jakamo's approval and the integration it is mapped to.
 * Defaults: read and write, a generated secret valid 180 days, approved at registration with no activation delay,
 * not mapped.
 * <pre>{@code
 * AppRegistration app = sandbox.registerApp(AppSpec.orders("erp-orders").integration("orders"));
 * }</pre>
 */
public final class AppSpec {
    final String displayName;
    final PermissionCategory category;
    boolean read = true;
    boolean write = true;
    String clientId;
    String integration;
    boolean withSecret = true;
    Instant secretExpiresAt;
    Duration secretLifetime = Duration.ofDays(180);
    final List<X509Certificate> certificates = new ArrayList<>();
    boolean approved = true;
    Instant approvedAt;
    Duration activationDelay;

    private AppSpec(String displayName, PermissionCategory category) {
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException("displayName: must not be blank");
        }
        this.displayName = displayName;
        this.category = Objects.requireNonNull(category, "category");
    }

    public static AppSpec orders(String displayName) {
        return new AppSpec(displayName, PermissionCategory.ORDERS);
    }

    public static AppSpec claims(String displayName) {
        return new AppSpec(displayName, PermissionCategory.CLAIMS);
    }

    public static AppSpec of(String displayName, PermissionCategory category) {
        return new AppSpec(displayName, category);
    }

    /** Only the read permission ({@code Orders.Read} / {@code Claims.Read}). */
    public AppSpec readOnly() {
        read = true;
        write = false;
        return this;
    }

    /** Only the write permission. */
    public AppSpec writeOnly() {
        read = false;
        write = true;
        return this;
    }

    /** A fixed client id (a GUID); by default a random one. */
    public AppSpec clientId(String fixedClientId) {
        UUID.fromString(Objects.requireNonNull(fixedClientId, "clientId"));
        this.clientId = fixedClientId;
        return this;
    }

    /** Maps the app to this integration, creating it (purchase-orders or claims, by category) if it does not exist. */
    public AppSpec integration(String integrationName) {
        this.integration = Objects.requireNonNull(integrationName, "integration");
        return this;
    }

    /** No client secret: the app authenticates with a certificate only. */
    public AppSpec withoutSecret() {
        withSecret = false;
        return this;
    }

    /** When the generated secret expires (AADSTS7000222 afterwards). */
    public AppSpec secretExpiresAt(Instant expiresAt) {
        this.secretExpiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        return this;
    }

    /** Accepts client assertions signed with this certificate's key (MSAL's certificate credential). */
    public AppSpec certificate(X509Certificate certificate) {
        certificates.add(Objects.requireNonNull(certificate, "certificate"));
        return this;
    }

    /** Registered but not yet approved by Jakamo's administrators. */
    public AppSpec notApproved() {
        approved = false;
        return this;
    }

    /** Approved at this time (default: at registration). */
    public AppSpec approvedAt(Instant at) {
        approved = true;
        approvedAt = Objects.requireNonNull(at, "approvedAt");
        return this;
    }

    /** How long after approval tokens are refused; the real service needs 5–10 minutes. Default: the sandbox's (0). */
    public AppSpec activationDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("activationDelay: must not be negative");
        }
        activationDelay = delay;
        return this;
    }
}
