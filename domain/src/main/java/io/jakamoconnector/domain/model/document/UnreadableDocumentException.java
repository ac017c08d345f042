package io.jakamoconnector.domain.model.document;

/**
 * Bytes that are not a document this connector will read: not well-formed, too large, declaring a DOCTYPE, or missing
 * the element that names it. The message says which, never the content.
 */
public final class UnreadableDocumentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why, in words a person can act on and a stable code for the audit trail. */
    public enum Reason {
        TOO_LARGE, DOCTYPE_FORBIDDEN, NOT_WELL_FORMED, TOO_DEEP, TOO_MANY_ATTRIBUTES, MISSING_BUSINESS_KEY, EMPTY
    }

    private final Reason reason;

    public UnreadableDocumentException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public UnreadableDocumentException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
