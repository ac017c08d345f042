package io.jakamoconnector.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A registered application as its owner sees it right after registering: the client secret is shown here once.
 * A snapshot: later changes (approval, expiry, mapping) are seen through {@link FakeEntra#app(String)}, which
 * leaves the secret out.
 *
 * @param clientSecret the generated secret, or null for certificate-only apps or in later snapshots
 * @param roles the app roles its tokens carry, e.g. {@code [Orders.Read, Orders.Write]}
 * @param integration the mapped integration's name, or null
 * @param approvedAt when Jakamo approved it, or null while not approved
 */
public record AppRegistration(
        String clientId,
        String displayName,
        PermissionCategory category,
        List<String> roles,
        String clientSecret,
        Instant secretExpiresAt,
        String integration,
        Instant approvedAt,
        Duration activationDelay,
        int certificates) {

    public AppRegistration {
        roles = List.copyOf(roles);
    }

    @Override
    public String toString() {
        return "AppRegistration[clientId=" + clientId + ", displayName=" + displayName + ", category=" + category
                + ", roles=" + roles + ", clientSecret=" + (clientSecret == null ? "none" : "***") + ", secretExpiresAt="
                + secretExpiresAt + ", integration=" + integration + ", approvedAt=" + approvedAt + ", activationDelay="
                + activationDelay + ", certificates=" + certificates + "]";
    }
}
