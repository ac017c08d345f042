package io.jakamoconnector.domain.model.auth;

import io.jakamoconnector.domain.model.Check;
import java.util.regex.Pattern;

/** An Entra ID tenant: Jakamo's own tenant for demo and production, not the customer's. */
public record TenantId(String value) {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,99}");

    public TenantId {
        Check.notBlank("tenantId", value);
        Check.that(FORM.matcher(value).matches(), "tenantId",
                "must be a tenant GUID such as a22b6145-4c73-4914-901d-6bf96bcb0183");
    }

    @Override
    public String toString() {
        return value;
    }
}
