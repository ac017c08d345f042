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
    UNKNOWN(null, null);

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

    /** The form used in file names and the audit trail, such as {@code OrderResponse}. */
    public String label() {
        return rootName != null ? rootName : name().toLowerCase(Locale.ROOT);
    }
}
