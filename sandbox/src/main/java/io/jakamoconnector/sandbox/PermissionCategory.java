package io.jakamoconnector.sandbox;

/**
 * Jakamo lets one OAuth2 application hold permissions of one category only; each permission becomes an app role in
 * the token ({@code Orders.Read}, {@code Orders.Write}, {@code Claims.Read}, {@code Claims.Write}).
 */
public enum PermissionCategory {
    ORDERS("Orders"),
    CLAIMS("Claims");

    private final String rolePrefix;

    PermissionCategory(String rolePrefix) {
        this.rolePrefix = rolePrefix;
    }

    public String readRole() {
        return rolePrefix + ".Read";
    }

    public String writeRole() {
        return rolePrefix + ".Write";
    }
}
