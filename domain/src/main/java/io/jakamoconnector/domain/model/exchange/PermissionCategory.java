package io.jakamoconnector.domain.model.exchange;

/** Jakamo grants one permission category per OAuth2 application: orders and claims need two applications. */
public enum PermissionCategory {
    ORDERS, CLAIMS
}
