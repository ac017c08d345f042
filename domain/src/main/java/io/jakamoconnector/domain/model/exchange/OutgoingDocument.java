package io.jakamoconnector.domain.model.exchange;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.document.Document;

/**
 * A document the ERP handed over, read once: the bytes in {@code document} are the bytes that are classified, recorded
 * and sent. {@code fileName} is what an attachment is called at Jakamo.
 */
public record OutgoingDocument(ErpDocumentRef ref, Document document, String fileName) {
    public OutgoingDocument {
        Check.notNull("outgoing.ref", ref);
        Check.notNull("outgoing.document", document);
        Check.notBlank("outgoing.fileName", fileName);
        Check.printable("outgoing.fileName", fileName);
    }
}
