package io.jakamoconnector.sandbox;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An integration on the Jakamo side: a name (as in the connector's configuration), a kind, and optional legacy
 * basic-auth credentials. As for new integrations in Jakamo, basic authentication is prevented unless allowed.
 */
public final class IntegrationSpec {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    final String name;
    final IntegrationKind kind;
    String basicUser;
    String basicPassword;
    boolean basicAllowed;

    private IntegrationSpec(String name, IntegrationKind kind) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: lower-case letters, digits and '-' only, not " + name);
        }
        this.name = name;
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public static IntegrationSpec of(String name, IntegrationKind kind) {
        return new IntegrationSpec(name, kind);
    }

    public static IntegrationSpec purchaseOrders(String name) {
        return new IntegrationSpec(name, IntegrationKind.PURCHASE_ORDERS);
    }

    public static IntegrationSpec salesOrders(String name) {
        return new IntegrationSpec(name, IntegrationKind.SALES_ORDERS);
    }

    public static IntegrationSpec claims(String name) {
        return new IntegrationSpec(name, IntegrationKind.CLAIMS);
    }

    /** Sets the integration's basic-auth credentials ("Change Credentials"); still prevented until {@link #allowBasicAuth()}. */
    public IntegrationSpec basicAuth(String username, String password) {
        if (username == null || username.length() < 5) {
            throw new IllegalArgumentException("username: at least 5 characters");
        }
        if (password == null || password.isEmpty() || username.contains(":")) {
            throw new IllegalArgumentException("basic auth: needs a password and a username without ':'");
        }
        this.basicUser = username;
        this.basicPassword = password;
        return this;
    }

    public IntegrationSpec allowBasicAuth() {
        basicAllowed = true;
        return this;
    }

    public IntegrationSpec preventBasicAuth() {
        basicAllowed = false;
        return this;
    }
}
