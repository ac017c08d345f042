package io.jakamoconnector.domain.model.exchange;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.document.Document;
import java.util.List;

/**
 * A document the ERP handed over, read once: the bytes in {@code document} are the bytes that are classified, recorded
 * and sent. {@code fileName} is what an attachment is called at Jakamo. {@code warnings} are the problems pre-flight
 * validation found that do not keep it out of Jakamo, one summary each (without the document's own text); they are
 * kept with its record.
 */
public record OutgoingDocument(ErpDocumentRef ref, Document document, String fileName, List<String> warnings) {
    public OutgoingDocument {
        Check.notNull("outgoing.ref", ref);
        Check.notNull("outgoing.document", document);
        Check.notBlank("outgoing.fileName", fileName);
        Check.printable("outgoing.fileName", fileName);
        warnings = List.copyOf(Check.notNull("outgoing.warnings", warnings));
    }

    /** Without warnings. */
    public OutgoingDocument(ErpDocumentRef ref, Document document, String fileName) {
        this(ref, document, fileName, List.of());
    }
}
