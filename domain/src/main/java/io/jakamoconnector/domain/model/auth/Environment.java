package io.jakamoconnector.domain.model.auth;

import io.jakamoconnector.domain.model.Check;
import java.net.URI;
import java.util.Locale;

/**
 * A Jakamo environment: the Entra ID tenant and authority that issue tokens, the scope to ask for, and the API base URL
 * the tokens are sent to. Demo and production carry Jakamo's published values; a sandbox carries its own.
 */
public record Environment(EnvironmentKind kind, TenantId tenantId, URI authority, URI tokenUrl, Scope scope,
                          URI apiBaseUrl) {

    private static final String MICROSOFT_LOGIN = "https://login.microsoftonline.com/";

    public Environment {
        Check.notNull("environment.kind", kind);
        Check.notNull("environment.tenantId", tenantId);
        Check.notNull("environment.scope", scope);
        authority = https("environment.authority", authority);
        tokenUrl = https("environment.tokenUrl", tokenUrl);
        apiBaseUrl = https("environment.apiBaseUrl", apiBaseUrl);
        Check.that(authority.getPath().endsWith("/"), "environment.authority", "must end with /");
        Check.that(authority.getPath().contains(tenantId.value()), "environment.authority",
                "must contain the tenant id " + tenantId.value());
    }

    public static Environment demo() {
        return published(EnvironmentKind.DEMO, "a22b6145-4c73-4914-901d-6bf96bcb0183",
                "https://demo.jakamoapp.com/.default", "https://demo.thejakamo.com");
    }

    public static Environment production() {
        return published(EnvironmentKind.PRODUCTION, "c87ad7a3-cc9b-4a04-be72-916199870e5c",
                "https://api.jakamoapp.com/.default", "https://www.thejakamo.com");
    }

    /** A local simulator: its authority is {@code <entra base>/<tenant>/}, as Entra lays it out. */
    public static Environment sandbox(TenantId tenantId, URI authority, Scope scope, URI apiBaseUrl) {
        Check.notNull("sandbox.authority", authority);
        URI tokenUrl = authority.resolve("oauth2/v2.0/token");
        return new Environment(EnvironmentKind.SANDBOX, tenantId, authority, tokenUrl, scope, apiBaseUrl);
    }

    private static Environment published(EnvironmentKind kind, String tenant, String scope, String api) {
        return new Environment(kind, new TenantId(tenant), URI.create(MICROSOFT_LOGIN + tenant + "/"),
                URI.create(MICROSOFT_LOGIN + tenant + "/oauth2/v2.0/token"), new Scope(scope), URI.create(api));
    }

    /** The name used in configuration and messages: demo, production or sandbox. */
    public String name() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static URI https(String field, URI uri) {
        Check.notNull(field, uri);
        Check.that("https".equalsIgnoreCase(uri.getScheme()), field, "must be an https:// URL");
        Check.that(uri.getHost() != null && !uri.getHost().isBlank(), field, "must name a host");
        Check.that(uri.getUserInfo() == null, field, "must not carry a user name or password");
        return uri;
    }
}
