package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.CorrelationId;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.sync.OutboundFix;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundStatus;
import io.jakamoconnector.domain.model.sync.OutboundRegistration;
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
    private final HandOverJudge judge;
    private final AuditWriter audit;
    private final Clock clock;

    public PickUpErpDocumentsService(ErpOutboxPort erp, OutboundStatePort state, DocumentReader reader,
                                     AuditWriter audit, Clock clock) {
        this.erp = erp;
        this.state = state;
        this.judge = new HandOverJudge(reader);
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
        HandOverJudge.Judgement judgement = judge.judge(integration, kind, mode, file);
        Document document = judgement.document();
        String refusal = judgement.refusal().orElse(null);
        String advice = judgement.advice();
        List<Problem> warnings = judgement.warnings();
        String audited = judgement.auditedRefusal().orElse(null);
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

    /** The refusal of a document validation refused, as the failed report ({@code forAudit}: the audit) says it. */
    static String validationRefusal(ValidationReport report, boolean forAudit) {
        return HandOverJudge.validationRefusal(report, forAudit);
    }

    /** The warnings a picked-up document carries, for its audit event. */
    private static String warned(List<String> warnings) {
        return warnings.isEmpty() ? "" : "; " + warnings.size() + (warnings.size() == 1 ? " warning: " : " warnings: ")
                + String.join("; ", warnings);
    }

    /** Why this integration cannot send the document, or null when it can. */
    static String refusal(IntegrationKind kind, Document document) {
        return HandOverJudge.refusal(kind, document);
    }

    private static AuditEvent.Builder event(AuditAction action, AuditOutcome outcome, IntegrationName integration,
                                            CorrelationId correlation, ErpFile file, Document document) {
        return AuditEvent.builder(action, outcome).integration(integration).correlationId(correlation)
                .fileName(file.ref().value()).sha256(document.sha256())
                .businessKey(document.businessKey().orElse(null));
    }

}
