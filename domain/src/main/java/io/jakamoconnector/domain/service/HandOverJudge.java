package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentFacts;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.UnreadableDocumentException;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.validation.DocumentValidator;
import io.jakamoconnector.domain.model.validation.Problem;
import io.jakamoconnector.domain.model.validation.ValidationMode;
import io.jakamoconnector.domain.model.validation.ValidationReport;
import io.jakamoconnector.domain.plugin.HandOverVerdict;
import io.jakamoconnector.domain.port.out.ErpFile;
import java.util.List;
import java.util.Optional;

/**
 * Decides what the core makes of a document the ERP hands over: what it is (read from its bytes), whether this
 * integration sends it, and whether pre-flight validation lets it through. The pick-up ({@link PickUpErpDocumentsService})
 * and an ERP side that must answer at once ({@link io.jakamoconnector.domain.plugin.ErpContext#judge}) both ask this
 * one class, so an API's "accepted" and the pick-up's verdict can never disagree. Pure: records nothing.
 */
public final class HandOverJudge {
    private final DocumentReader reader;
    private final DocumentValidator validator;

    public HandOverJudge(DocumentReader reader) {
        this.reader = reader;
        this.validator = new DocumentValidator(reader);
    }

    /**
     * What the core makes of one handed-over file.
     *
     * @param document       as read (type UNKNOWN when unreadable)
     * @param refusal        why it is not sent, as the failed archive says it; empty when it is sent
     * @param auditedRefusal the refusal as the audit trail keeps it (validation problems without the document's text)
     * @param advice         what to do about a refusal; blank when there is none
     * @param warnings       the validation warnings that travel with a document that is sent
     * @param problems       the validation's located problems when validation refused it, else none
     */
    public record Judgement(Document document, Optional<String> refusal, Optional<String> auditedRefusal,
                            String advice, List<Problem> warnings, List<Problem> problems) {
        public Judgement {
            warnings = List.copyOf(warnings);
            problems = List.copyOf(problems);
        }

        /** The same judgement as an ERP side's answer. */
        public HandOverVerdict verdict() {
            return refusal.<HandOverVerdict>map(r -> new HandOverVerdict.Refused(r, advice, problems))
                    .orElseGet(() -> new HandOverVerdict.Acceptable(document.type(), warnings));
        }
    }

    /** Judges an XML document handed over for {@code integration}, as a pick-up of it would. */
    public HandOverVerdict judge(IntegrationName integration, IntegrationKind kind, ValidationMode mode,
                                 byte[] document) {
        return judge(integration, kind, mode, ErpFile.document(
                new io.jakamoconnector.domain.model.exchange.ErpDocumentRef("handed-over.xml"), "handed-over.xml",
                document)).verdict();
    }

    /** Judges one picked-up file: an XML document, or an attachment for an order. */
    public Judgement judge(IntegrationName integration, IntegrationKind kind, ValidationMode mode, ErpFile file) {
        if (file.attachment()) {
            // not XML: nothing to read or validate, and never the advice to export XML again
            Document document = new Document(DocumentType.ATTACHMENT, file.attachmentFor().orElse(null),
                    file.bytes());
            String refusal = refusal(kind, document, "");
            String advice = !kind.sends(DocumentType.ATTACHMENT) ? otherIntegrationAdvice()
                    : file.noOrderAdvice().isBlank() ? ErpFile.GENERIC_NO_ORDER_ADVICE : file.noOrderAdvice();
            return new Judgement(document, Optional.ofNullable(refusal), Optional.ofNullable(refusal),
                    refusal == null ? "" : advice, List.of(), List.of());
        }
        try {
            DocumentFacts facts = reader.read(file.bytes());
            Document document = facts.toDocument(file.bytes());
            String refusal = document.type() == DocumentType.UNKNOWN ? unknownRoot(kind, facts)
                    : refusal(kind, document, " (its root element is " + root(facts) + ")");
            String advice = document.type() == DocumentType.UNKNOWN
                    ? "export it from the ERP as one of the documents this integration sends; a file that is an "
                            + "attachment (a drawing, a PDF) goes into the attachments folder, named for its order"
                    : kind.sends(document.type()) ? "correct the document and drop it into the folder again"
                    : otherIntegrationAdvice();
            String audited = null;
            List<Problem> warnings = List.of();
            List<Problem> problems = List.of();
            if (mode != ValidationMode.OFF && kind.sends(document.type())) {
                ValidationReport report = validator.validate(file.bytes());
                if (report.refuses(mode)) {
                    // a refusal found on reading (no order number) stays first; the located list follows it
                    String first = refusal == null ? "" : refusal + "\n\n";
                    refusal = first + validationRefusal(report, false);
                    audited = first + validationRefusal(report, true);
                    problems = report.problems();
                    advice = "correct every ERROR listed (WARNINGs do not stop a document) and drop the "
                            + "corrected file into the folder again; check it first with: jakamo-connector "
                            + "validate <file.xml> --integration " + integration;
                } else if (refusal == null) {
                    warnings = report.travelling(mode);
                }
            }
            return new Judgement(document, Optional.ofNullable(refusal),
                    Optional.ofNullable(audited != null ? audited : refusal), refusal == null ? "" : advice, warnings,
                    problems);
        } catch (UnreadableDocumentException e) {
            Document document = new Document(DocumentType.UNKNOWN, null, file.bytes());
            return new Judgement(document, Optional.of(e.getMessage()), Optional.of(e.getMessage()),
                    "export the document again from the ERP as well-formed UTF-8 XML without a DOCTYPE", List.of(),
                    List.of());
        }
    }

    /** A root no integration sends: what was found, in full, and what this integration takes instead. */
    private static String unknownRoot(IntegrationKind kind, DocumentFacts facts) {
        return "the document's root element is " + root(facts) + ", which is not a document the connector sends; "
                + "a " + kind.configName() + " integration takes these root elements: " + String.join(", ",
                kind.outboundTypes().stream().filter(t -> t != DocumentType.ATTACHMENT).map(DocumentType::label)
                        .sorted().toList())
                + (kind.sends(DocumentType.ATTACHMENT) ? " (and attachments, as files in the attachments folder)"
                        : "");
    }

    /** {@code <Invoice>} in namespace {@code urn:…}, or in no namespace: enough to find the export that made it. */
    private static String root(DocumentFacts facts) {
        return "<" + facts.rootLocalName() + "> " + (facts.rootNamespace().isEmpty() ? "in no namespace"
                : "in namespace " + facts.rootNamespace());
    }

    /**
     * The refusal: every problem, ERRORs and WARNINGs, located; for the failed report with what was found, for the
     * audit trail without the document's own text.
     */
    static String validationRefusal(ValidationReport report, boolean forAudit) {
        int errors = report.errors().size();
        int warnings = report.warnings().size();
        return "pre-flight validation found " + errors + (errors == 1 ? " ERROR" : " ERRORs")
                + " (Jakamo would refuse the document)" + (warnings == 0 ? "" : " and " + warnings
                + (warnings == 1 ? " WARNING" : " WARNINGs")) + " in this " + report.type().label()
                + "; no request was made to Jakamo:\n" + (forAudit
                ? String.join("\n", report.problems().stream().map(Problem::summary).toList()) : report.describe());
    }

    /** Why this integration cannot send the document, or null when it can. */
    static String refusal(IntegrationKind kind, Document document) {
        return refusal(kind, document, "");
    }

    /** Why this integration cannot send the document, or null when it can; {@code found} names the root found. */
    private static String refusal(IntegrationKind kind, Document document, String found) {
        if (!kind.sends(document.type())) {
            return "a " + kind.configName() + " integration does not send " + document.type().label()
                    + " documents" + found + "; it sends " + String.join(", ",
                    kind.outboundTypes().stream().map(DocumentType::label).sorted().toList());
        }
        if (document.businessKey().isEmpty() && document.type() == DocumentType.ATTACHMENT) {
            return "the attachment does not say which order it belongs to: neither its name nor a .order file next "
                    + "to it names one";
        }
        if (document.businessKey().isEmpty()) {
            return "the " + document.type().label() + " has no " + keyElement(document.type())
                    + ", so it is not known which order it belongs to";
        }
        return null;
    }

    private static String otherIntegrationAdvice() {
        return "drop it into the folder of an integration that sends it (see the table of integration kinds in "
                + "docs/erp-folders.md)";
    }

    private static String keyElement(DocumentType type) {
        return switch (type) {
            case ORDER, ORDER_CHANGE -> "order number (cbc:ID directly under the root)";
            case ORDER_RESPONSE -> "order reference (cac:OrderReference/cbc:ID)";
            case STATUS_MESSAGE -> "OrderID (or, for a claim, ClaimID) element";
            case CLAIM, CLAIM_CHANGE -> "claim number (ID directly under the root)";
            case CONFIRM_ALL_CHANGES -> "OrderID element directly under the root (the customer's order number)";
            default -> "business key";
        };
    }
}
