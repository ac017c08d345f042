package io.jakamoconnector.sandbox;

/** What an integration exchanges; the names are those of the connector's configuration. */
public enum IntegrationKind {
    PURCHASE_ORDERS("purchase-orders", PermissionCategory.ORDERS),
    SALES_ORDERS("sales-orders", PermissionCategory.ORDERS),
    CLAIMS("claims", PermissionCategory.CLAIMS);

    private final String configName;
    private final PermissionCategory category;

    IntegrationKind(String configName, PermissionCategory category) {
        this.configName = configName;
        this.category = category;
    }

    /** The value of {@code kind:} in {@code jakamo-connector.yml}. */
    public String configName() {
        return configName;
    }

    /** The permission category an app mapped to this integration must have. */
    public PermissionCategory category() {
        return category;
    }
}
