package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.CorrelationId;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.UnreadableDocumentException;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundRegistration;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsCommand;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsResult;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsUseCase;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.port.out.ErpFile;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import io.jakamoconnector.domain.port.out.SyncStatePort;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Reads each complete ERP file once, decides what it is from those bytes, and records it with the same bytes. What
 * cannot be sent is archived as failed at once, with what to do about it, instead of being retried forever.
 */
public final class PickUpErpDocumentsService implements PickUpErpDocumentsUseCase {
    private final ErpOutboxPort erp;
    private final SyncStatePort state;
    private final DocumentReader reader;
    private final AuditWriter audit;
    private final Clock clock;

    public PickUpErpDocumentsService(ErpOutboxPort erp, SyncStatePort state, DocumentReader reader,
                                     AuditWriter audit, Clock clock) {
        this.erp = erp;
        this.state = state;
        this.reader = reader;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public PickUpErpDocumentsResult pickUp(PickUpErpDocumentsCommand command) {
        int recorded = 0;
        int refused = 0;
        int known = 0;
        for (ErpFile file : erp.pickUp(command.integration(), command.max())) {
            switch (handle(command.integration(), command.kind(), file)) {
                case RECORDED -> recorded++;
                case REFUSED -> refused++;
                case KNOWN -> known++;
            }
        }
        return new PickUpErpDocumentsResult(recorded, refused, known);
    }

    private enum Handled { RECORDED, REFUSED, KNOWN }

    private Handled handle(IntegrationName integration, IntegrationKind kind, ErpFile file) {
        CorrelationId correlation = CorrelationId.random();
        Document document;
        String refusal;
        String advice;
        try {
            document = file.attachment() ? attachment(file) : reader.readDocument(file.bytes());
            refusal = refusal(kind, document);
            advice = "correct the document and drop it into the folder again";
        } catch (UnreadableDocumentException e) {
            document = new Document(DocumentType.UNKNOWN, null, file.bytes());
            refusal = e.getMessage();
            advice = "export the document again from the ERP as well-formed UTF-8 XML without a DOCTYPE";
        }
        OutgoingDocument outgoing = new OutgoingDocument(file.ref(), document, file.fileName());
        OutboundState initial = refusal == null ? OutboundState.PENDING : OutboundState.FAILED;
        Document read = document;
        String refused = refusal;
        OutboundRegistration registration = state.registerOutbound(integration, outgoing, initial, refusal,
                clock.instant(), registered -> List.of(audit.stamp(refused != null
                        ? event(AuditAction.INPUT_REJECTED, AuditOutcome.DENIED, integration, correlation, file, read)
                                .reason(refused)
                        : event(AuditAction.DOCUMENT_PICKED_UP, AuditOutcome.OK, integration, correlation, file, read)
                                .reason(read.type().label() + " id=" + registered.id()))));

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
        // identical bytes under another name: sending them again would duplicate the document at Jakamo
        String what = "identical to " + record.ref() + " (record " + record.id() + ", "
                + record.state().name().toLowerCase(Locale.ROOT) + ")";
        audit.write(event(AuditAction.INPUT_REJECTED, AuditOutcome.DUPLICATE_SKIPPED, integration, correlation, file,
                document).reason(what));
        erp.archiveIfUnchanged(integration, file.ref(), document.sha256(), new ArchiveVerdict.Failed(
                "not sent: this file is " + what,
                "if it really must be sent again, run: jakamo-connector messages retry " + record.id()
                        + " --reason \"...\""));
        return Handled.REFUSED;
    }

    private static Document attachment(ErpFile file) {
        if (file.attachmentFor().isEmpty()) {
            throw new UnreadableDocumentException(UnreadableDocumentException.Reason.MISSING_BUSINESS_KEY,
                    "the attachment's file name does not say which order it belongs to");
        }
        return new Document(DocumentType.ATTACHMENT, file.attachmentFor().get(), file.bytes());
    }

    /** Why this integration cannot send the document, or null when it can. */
    static String refusal(IntegrationKind kind, Document document) {
        if (!kind.sends(document.type())) {
            return "a " + kind.configName() + " integration does not send " + document.type().label()
                    + " documents (it sends " + kind.outboundTypes().stream().map(DocumentType::label).sorted().toList()
                    + ")";
        }
        if (document.businessKey().isEmpty()) {
            return "the " + document.type().label() + " has no " + keyElement(document.type())
                    + ", so it is not known which order it belongs to";
        }
        return null;
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
