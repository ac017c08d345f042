package io.jakamoconnector.sandbox;

import java.time.Instant;

/**
 * A document, attachment or confirmation the fake Jakamo <em>accepted</em> (rejected ones are only requests).
 *
 * @param rootElement the root's local name ({@code Order}, {@code OrderChange}, …); null for attachments and confirmations
 * @param documentNumber the buyer's order number (or claim number) the document refers to
 * @param fileName the uploaded file name for attachments; null otherwise
 * @param sha256 lower-case hex SHA-256 of {@link #content()}
 */
public record DocumentRecord(
        long sequence,
        Instant receivedAt,
        Kind kind,
        Endpoint endpoint,
        String method,
        String integration,
        String rootElement,
        String documentNumber,
        String fileName,
        byte[] content,
        String sha256) {

    public enum Kind { DOCUMENT, ATTACHMENT, CONFIRM_ALL }

    public DocumentRecord {
        content = content.clone();
    }

    /** The bytes exactly as received (a copy). */
    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DocumentRecord that && that.sequence == sequence;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence);
    }

    @Override
    public String toString() {
        return "DocumentRecord[#" + sequence + " " + kind + " " + method + " " + endpoint + " integration=" + integration
                + " root=" + rootElement + " number=" + documentNumber + (fileName == null ? "" : " file=" + fileName)
                + " bytes=" + content.length + " sha256=" + sha256 + "]";
    }
}
