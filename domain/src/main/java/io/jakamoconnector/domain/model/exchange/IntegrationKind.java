package io.jakamoconnector.domain.model.exchange;

import io.jakamoconnector.domain.model.InvalidValueException;
import io.jakamoconnector.domain.model.document.DocumentType;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What an integration exchanges, which decides the documents it sends and the permission its application needs. */
public enum IntegrationKind {
    /** Buyer side: Order, OrderChange, StatusMessage and attachments out; OrderResponse and StatusMessage in. */
    PURCHASE_ORDERS(PermissionCategory.ORDERS,
            EnumSet.of(DocumentType.ORDER, DocumentType.ORDER_CHANGE, DocumentType.STATUS_MESSAGE, DocumentType.ATTACHMENT)),
    /**
     * Supplier side: Order and OrderChange in; OrderResponse and StatusMessage out, or the connector's
     * ConfirmAllChanges instruction to accept a customer's changes without an OrderResponse.
     */
    SALES_ORDERS(PermissionCategory.ORDERS,
            EnumSet.of(DocumentType.ORDER_RESPONSE, DocumentType.STATUS_MESSAGE, DocumentType.ATTACHMENT,
                    DocumentType.CONFIRM_ALL_CHANGES)),
    /** Claim, ClaimChange and claim StatusMessage out; the supplier's replies in. */
    CLAIMS(PermissionCategory.CLAIMS,
            EnumSet.of(DocumentType.CLAIM, DocumentType.CLAIM_CHANGE, DocumentType.STATUS_MESSAGE));

    private final PermissionCategory permission;
    private final Set<DocumentType> outbound;

    IntegrationKind(PermissionCategory permission, Set<DocumentType> outbound) {
        this.permission = permission;
        this.outbound = outbound;
    }

    public PermissionCategory permission() {
        return permission;
    }

    /** The document types an ERP may drop for this kind of integration. */
    public Set<DocumentType> outboundTypes() {
        return EnumSet.copyOf(outbound);
    }

    public boolean sends(DocumentType type) {
        return outbound.contains(type);
    }

    /** The configuration form, such as {@code purchase-orders}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static IntegrationKind fromConfig(String field, String value) {
        for (IntegrationKind kind : values()) {
            if (kind.configName().equals(value)) {
                return kind;
            }
        }
        throw new InvalidValueException(field, "must be one of purchase-orders, sales-orders, claims");
    }
}
