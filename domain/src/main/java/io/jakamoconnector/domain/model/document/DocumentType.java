package io.jakamoconnector.domain.model.document;

import java.util.Locale;
import java.util.Optional;

/** What a document is, decided by its root element; see {@link DocumentReader}. */
public enum DocumentType {
    ORDER("Order", "urn:oasis:names:specification:ubl:schema:xsd:Order-2"),
    ORDER_CHANGE("OrderChange", "urn:oasis:names:specification:ubl:schema:xsd:OrderChange-2"),
    STATUS_MESSAGE("StatusMessage", null),
    ORDER_RESPONSE("OrderResponse", "urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2"),
    CLAIM("Claim", null),
    CLAIM_CHANGE("ClaimChange", null),
    /**
     * The supplier's answer to a claim, read from the claim queue. Jakamo has not published the root's name; this is
     * the connector's assumption (shared with the sandbox), keyed by {@code ClaimID}.
     */
    CLAIM_RESPONSE("ClaimResponse", null),
    /** Jakamo's queue announces a file to download with a root element {@code attachment}; a file sent to an order. */
    ATTACHMENT("attachment", null),
    /**
     * Not a Jakamo document but the connector's own instruction, dropped by a supplier's ERP: accept every change the
     * customer proposed to sales order {@code OrderID} without an OrderResponse. The connector sends it as an empty
     * POST to the {@code Jakamo-Confirm-Url} of the last Order or OrderChange received for that order. Its namespace
     * is {@link #CONNECTOR_NAMESPACE}.
     */
    CONFIRM_ALL_CHANGES("ConfirmAllChanges", null),
    UNKNOWN(null, null);

    /** The namespace of the connector's own instruction files (documented in docs/erp-folders.md). */
    public static final String CONNECTOR_NAMESPACE = "urn:jakamo-connector:instruction:1";

    private final String rootName;
    private final String ublNamespace;

    DocumentType(String rootName, String ublNamespace) {
        this.rootName = rootName;
        this.ublNamespace = ublNamespace;
    }

    /** The root element's local name, or empty for {@link #UNKNOWN}. */
    public Optional<String> rootName() {
        return Optional.ofNullable(rootName);
    }

    /** The UBL 2.1 namespace Jakamo documents of this type declare, where the type is a UBL document. */
    public Optional<String> ublNamespace() {
        return Optional.ofNullable(ublNamespace);
    }

    /**
     * Classifies by the root's local name. Jakamo's own sample OrderResponse declares the Order-2 namespace, so the
     * namespace is recorded but not required (lenient on input). {@code attachment} is matched case-insensitively,
     * as Jakamo's connector does.
     */
    public static DocumentType ofRoot(String localName) {
        for (DocumentType type : values()) {
            if (type.rootName == null) {
                continue;
            }
            boolean match = type == ATTACHMENT ? type.rootName.equalsIgnoreCase(localName) : type.rootName.equals(localName);
            if (match) {
                return type;
            }
        }
        return UNKNOWN;
    }

    /**
     * Whether sending it twice is harmless, so that a send interrupted by a crash may simply be repeated instead of
     * being left in doubt for a person: only accepting all changes of a sales order, which Jakamo treats the same way
     * however often it is asked. Every Jakamo document is not: a second Order is a second order.
     */
    public boolean repeatable() {
        return this == CONFIRM_ALL_CHANGES;
    }

    /** The form used in file names and the audit trail, such as {@code OrderResponse}. */
    public String label() {
        return rootName != null ? rootName : name().toLowerCase(Locale.ROOT);
    }
}
