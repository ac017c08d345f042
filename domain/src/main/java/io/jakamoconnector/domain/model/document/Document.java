package io.jakamoconnector.domain.model.document;

import io.jakamoconnector.domain.model.Check;
import java.util.Arrays;
import java.util.Optional;

/**
 * A document exactly as it was received: its bytes are never re-serialised, so what Jakamo or the ERP sent is what
 * the other side gets and what the SHA-256 in the audit trail names.
 */
public final class Document {
    private final DocumentType type;
    private final BusinessKey businessKey;
    private final byte[] bytes;
    private final Sha256 sha256;

    public Document(DocumentType type, BusinessKey businessKey, byte[] bytes) {
        this.type = Check.notNull("document.type", type);
        this.businessKey = businessKey;
        this.bytes = Check.notNull("document.bytes", bytes).clone();
        this.sha256 = Sha256.of(this.bytes);
    }

    public DocumentType type() {
        return type;
    }

    public Optional<BusinessKey> businessKey() {
        return Optional.ofNullable(businessKey);
    }

    /** A copy of the exact bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    public Sha256 sha256() {
        return sha256;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Document other && type == other.type && sha256.equals(other.sha256)
                && java.util.Objects.equals(businessKey, other.businessKey) && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }

    /** Never the body: documents carry prices and names that do not belong in logs. */
    @Override
    public String toString() {
        return "Document[" + type.label() + ", businessKey=" + businessKey + ", bytes=" + bytes.length
                + ", sha256=" + sha256.shortForm() + "]";
    }
}
