package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.CorrelationId;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentFacts;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.UnreadableDocumentException;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.sync.OutboundFix;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundStatus;
import io.jakamoconnector.domain.model.sync.OutboundRegistration;
import io.jakamoconnector.domain.model.validation.DocumentValidator;
import io.jakamoconnector.domain.model.validation.Problem;
import io.jakamoconnector.domain.model.validation.ValidationMode;
import io.jakamoconnector.domain.model.validation.ValidationReport;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsCommand;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsResult;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsUseCase;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.port.out.ErpFile;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import io.jakamoconnector.domain.port.out.OutboundStatePort;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Reads each complete ERP file once, decides what it is from those bytes, and records it with the same bytes. What
 * cannot be sent is archived as failed at once, with what to do about it, instead of being retried forever.
 */
public final class PickUpErpDocumentsService implements PickUpErpDocumentsUseCase {
    private final ErpOutboxPort erp;
    private final OutboundStatePort state;
    private final DocumentReader reader;
    private final DocumentValidator validator;
    private final AuditWriter audit;
    private final Clock clock;

    public PickUpErpDocumentsService(ErpOutboxPort erp, OutboundStatePort state, DocumentReader reader,
                                     AuditWriter audit, Clock clock) {
        this.erp = erp;
        this.state = state;
        this.reader = reader;
        this.validator = new DocumentValidator(reader);
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public PickUpErpDocumentsResult pickUp(PickUpErpDocumentsCommand command) {
        int recorded = 0;
        int refused = 0;
        int known = 0;
        for (ErpFile file : erp.pickUp(command.integration(), command.max())) {
            switch (handle(command.integration(), command.kind(), command.validation(), file)) {
                case RECORDED -> recorded++;
                case REFUSED -> refused++;
                case KNOWN -> known++;
            }
        }
        return new PickUpErpDocumentsResult(recorded, refused, known);
    }

    private enum Handled { RECORDED, REFUSED, KNOWN }

    private Handled handle(IntegrationName integration, IntegrationKind kind, ValidationMode mode, ErpFile file) {
        CorrelationId correlation = CorrelationId.random();
        Document document;
        String refusal;
        String advice;
        List<Problem> warnings = List.of();
        String audited = null;
        if (file.attachment()) {
            // not XML: nothing to read or validate, and never the advice to export XML again
            document = new Document(DocumentType.ATTACHMENT, file.attachmentFor().orElse(null), file.bytes());
            refusal = refusal(kind, document, "");
            advice = !kind.sends(DocumentType.ATTACHMENT) ? otherIntegrationAdvice()
                    : file.noOrderAdvice().isBlank() ? ErpFile.GENERIC_NO_ORDER_ADVICE : file.noOrderAdvice();
        } else {
            try {
                DocumentFacts facts = reader.read(file.bytes());
                document = facts.toDocument(file.bytes());
                refusal = document.type() == DocumentType.UNKNOWN ? unknownRoot(kind, facts)
                        : refusal(kind, document, " (its root element is " + root(facts) + ")");
                advice = document.type() == DocumentType.UNKNOWN
                        ? "export it from the ERP as one of the documents this integration sends; a file that is an "
                                + "attachment (a drawing, a PDF) goes into the attachments folder, named for its order"
                        : kind.sends(document.type()) ? "correct the document and drop it into the folder again"
                        : otherIntegrationAdvice();
                if (mode != ValidationMode.OFF && kind.sends(document.type())) {
                    ValidationReport report = validator.validate(file.bytes());
                    if (report.refuses(mode)) {
                        // a refusal found on reading (no order number) stays first; the located list follows it
                        String first = refusal == null ? "" : refusal + "\n\n";
                        refusal = first + validationRefusal(report, false);
                        audited = first + validationRefusal(report, true);
                        advice = "correct every ERROR listed (WARNINGs do not stop a document) and drop the "
                                + "corrected file into the folder again; check it first with: jakamo-connector "
                                + "validate <file.xml> --integration " + integration;
                    } else if (refusal == null) {
                        warnings = report.travelling(mode);
                    }
                }
            } catch (UnreadableDocumentException e) {
                document = new Document(DocumentType.UNKNOWN, null, file.bytes());
                refusal = e.getMessage();
                advice = "export the document again from the ERP as well-formed UTF-8 XML without a DOCTYPE";
            }
        }
        List<String> travelling = warnings.stream().map(Problem::summary).toList();
        OutgoingDocument outgoing = new OutgoingDocument(file.ref(), document, file.fileName(), travelling);
        Document read = document;
        String refused = refusal;
        String auditedRefusal = audited != null ? audited : refusal;
        OutboundRegistration registration = state.registerOutbound(integration, outgoing, Optional.ofNullable(refusal),
                clock.instant(), registered -> List.of(audit.stamp(refused != null
                        ? event(AuditAction.INPUT_REJECTED, AuditOutcome.DENIED, integration, correlation, file, read)
                                .reason(auditedRefusal)
                        : event(AuditAction.DOCUMENT_PICKED_UP, AuditOutcome.OK, integration, correlation, file, read)
                                .reason(read.type().label() + " id=" + registered.id() + warned(travelling)))));

        if (registration instanceof OutboundRegistration.AlreadyRegistered already) {
            return alreadyRegistered(integration, file, document, already.record(), correlation);
        }
        OutboundRecord record = ((OutboundRegistration.Registered) registration).record();
        if (refusal != null) {
            erp.archiveIfUnchanged(integration, file.ref(), record.sha256(),
                    new ArchiveVerdict.Failed(refusal, advice));
            state.markArchived(record.id(), clock.instant(), List.of(audit.stamp(
                    event(AuditAction.DOCUMENT_ARCHIVED, AuditOutcome.FAIL, integration, correlation, file, document)
                            .reason("failed"))));
            return Handled.REFUSED;
        }
        return Handled.RECORDED;
    }

    private Handled alreadyRegistered(IntegrationName integration, ErpFile file, Document document,
                                      OutboundRecord record, CorrelationId correlation) {
        if (record.ref().equals(file.ref())) {
            // the same file offered again before it was archived (a restart in between): nothing to do yet
            return Handled.KNOWN;
        }
        // identical bytes (for the same order) under another name: sending them again would duplicate it at Jakamo
        String what = duplicateOf(record);
        audit.write(event(AuditAction.INPUT_REJECTED, AuditOutcome.DUPLICATE_SKIPPED, integration, correlation, file,
                document).reason(what));
        erp.archiveIfUnchanged(integration, file.ref(), document.sha256(), new ArchiveVerdict.Failed(
                "not sent: " + what, duplicateAdvice(record)));
        return Handled.REFUSED;
    }

    /** Which earlier document this copy repeats, named as the ERP knows it and as the connector's commands do. */
    private static String duplicateOf(OutboundRecord record) {
        String same = record.type() == DocumentType.ATTACHMENT
                ? "this file is a copy of the attachment " + record.businessKey()
                        .map(k -> "for order " + k + " ").orElse("") + "dropped as "
                : "this file is a copy of the " + record.type().label() + " dropped as ";
        return same + record.ref() + " (document " + record.id() + ", " + stateText(record) + ")";
    }

    private static String stateText(OutboundRecord record) {
        return switch (record.state()) {
            case PENDING, SENDING -> "waiting to be sent";
            case SENT -> "sent to Jakamo";
            case IN_DOUBT -> "in doubt: it may have reached Jakamo";
            case FAILED -> record.status() instanceof OutboundStatus.RefusedLocally
                    ? "refused by the connector before sending" : "refused by Jakamo";
            case DEAD -> "not delivered: every attempt failed";
            case DISCARDED -> "discarded by an operator";
        };
    }

    /** What to do about a copy, with a command only where that command applies to the earlier document. */
    private static String duplicateAdvice(OutboundRecord record) {
        String otherOrder = record.type() == DocumentType.ATTACHMENT
                ? ". To attach the same file to another order, name that order (a new name or a .order file, see "
                        + "docs/erp-folders.md) and drop it again: the same file for another order is sent"
                : "";
        long id = record.id();
        if (OutboundFix.RETRY.refusalFor(record).isEmpty()) {
            return "nothing about this copy. If the earlier one must be sent again unchanged (its cause is fixed), "
                    + "run: jakamo-connector messages retry " + id + " --reason \"...\"" + otherOrder;
        }
        if (OutboundFix.RESOLVE_SENT.refusalFor(record).isEmpty()) {
            return "nothing about this copy. Check in Jakamo whether the earlier one arrived, then run: "
                    + "jakamo-connector messages resolve " + id + " --sent --reason \"...\" (or --not-sent)"
                    + otherOrder;
        }
        return switch (record.state()) {
            case PENDING, SENDING -> "nothing: the earlier one goes to Jakamo" + otherOrder;
            case SENT -> "nothing: Jakamo has it already" + otherOrder;
            case FAILED -> "correct the file (the earlier one's report in failed/ says what was wrong) and drop "
                    + "the corrected file again" + otherOrder;
            default -> "nothing: the same bytes are not sent again (jakamo-connector messages show " + id
                    + " says why)" + otherOrder;
        };
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

    /** The warnings a picked-up document carries, for its audit event. */
    private static String warned(List<String> warnings) {
        return warnings.isEmpty() ? "" : "; " + warnings.size() + (warnings.size() == 1 ? " warning: " : " warnings: ")
                + String.join("; ", warnings);
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

    private static AuditEvent.Builder event(AuditAction action, AuditOutcome outcome, IntegrationName integration,
                                            CorrelationId correlation, ErpFile file, Document document) {
        return AuditEvent.builder(action, outcome).integration(integration).correlationId(correlation)
                .fileName(file.ref().value()).sha256(document.sha256())
                .businessKey(document.businessKey().orElse(null));
    }

}
