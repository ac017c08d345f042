package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.auth.Scope;
import io.jakamoconnector.domain.model.auth.TenantId;
import java.net.URI;
import java.util.Set;

/** {@code sandbox}: the local Entra ID and Jakamo simulator that {@code environment: sandbox} integrations use. */
final class SandboxReader {
    private SandboxReader() {
    }

    /** Null when a value is missing or wrong (with the problems). */
    static SandboxConfig read(ConfigSection node) {
        node.knownKeys(Set.of("tenantId", "authority", "scope", "apiBaseUrl", "caCertificate"));
        String tenant = node.requiredText("tenantId", "the sandbox's tenant id");
        String authority = node.requiredText("authority", "an https:// URL ending in /<tenant>/");
        String scope = node.requiredText("scope", "a scope ending in /.default");
        String api = node.requiredText("apiBaseUrl", "an https:// URL");
        String ca = node.requiredText("caCertificate", "the path of a PEM certificate");
        if (tenant == null || authority == null || scope == null || api == null || ca == null) {
            return null;
        }
        Environment env = node.value("sandbox", () -> Environment.sandbox(new TenantId(tenant), URI.create(authority),
                new Scope(scope), URI.create(api)));
        return env == null ? null : new SandboxConfig(env, node.file(ca));
    }
}
