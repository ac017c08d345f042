package io.jakamoconnector.domain.model.validation;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.LocatedElement;
import io.jakamoconnector.domain.model.document.UnreadableDocumentException;
import java.util.List;
import java.util.stream.Stream;

/**
 * Pre-flight validation: every problem of a document Jakamo would refuse (ERROR) or may not be able to use (WARNING),
 * located, all at once, before any request. Documents are read by the project's one hardened {@link DocumentReader}.
 */
public final class DocumentValidator {
    private final DocumentReader reader;

    public DocumentValidator(DocumentReader reader) {
        this.reader = Check.notNull("reader", reader);
    }

    /**
     * Checks a document's bytes.
     *
     * @throws UnreadableDocumentException when the bytes are not a document at all (not well-formed, too large, a
     *                                     DOCTYPE): those are refused before any rule applies, as on pick-up
     */
    public ValidationReport validate(byte[] bytes) {
        return validate(reader.readElements(bytes));
    }

    /** Checks a document already read; attachments and unknown roots have no rules here. */
    public ValidationReport validate(LocatedElement root) {
        DocumentType type = DocumentType.ofRoot(root.localName());
        Findings findings = new Findings();
        if (type == DocumentType.UNKNOWN) {
            findings.at(root, Severity.ERROR, "root", Problem.quote(root.localName()),
                    "a root element the connector sends: " + Stream.of(DocumentType.values())
                            .filter(t -> t != DocumentType.UNKNOWN && t != DocumentType.ATTACHMENT
                                    && t != DocumentType.CLAIM_RESPONSE)
                            .map(DocumentType::label).toList());
            return new ValidationReport(type, findings.problems());
        }
        if (type == DocumentType.ATTACHMENT) {
            return ValidationReport.clean(type);
        }
        DocumentRules.check(type, root, findings);
        FormatRules.check(root, type.ublNamespace().isPresent(), findings);
        return new ValidationReport(type, List.copyOf(findings.problems()));
    }
}
