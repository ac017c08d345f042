package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.document.UnreadableDocumentException;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.OutboundCorrection;
import io.jakamoconnector.domain.model.sync.OutboundFix;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundStatus;
import io.jakamoconnector.domain.model.validation.DocumentValidator;
import io.jakamoconnector.domain.model.validation.ValidationMode;
import io.jakamoconnector.domain.model.validation.ValidationReport;
import io.jakamoconnector.domain.port.in.RetryOutboundDocumentCommand;
import io.jakamoconnector.domain.port.in.RetryOutboundDocumentUseCase;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.port.out.ErpFile;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import io.jakamoconnector.domain.port.out.OperatorCorrectionsPort;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Puts a failed or dead document back to the senders, with its audit event in the same unit of work.
 * <p>
 * A document the connector refused before sending it (unreadable, an unknown root, no order number: Jakamo never saw
 * it) is not sent with the bytes that were refused: its file is read again from the ERP's failed archive, where the
 * clerk corrected it in place. If the connector would now send it, and it is still the same document (its order
 * number, and its type where one was read, unchanged), the corrected bytes become the document's content, audited
 * with their SHA-256, and it goes back to the senders; on success its file leaves failed/ for processed/. Otherwise
 * it is refused again as a local refusal, its report in failed/ says why, and nothing about it says Jakamo refused it.
 */
public final class RetryOutboundDocumentService implements RetryOutboundDocumentUseCase {
    private final OutboundCorrections corrections;
    private final OperatorCorrectionsPort port;
    private final Optional<ErpOutboxPort> erp;
    private final Function<IntegrationName, Optional<IntegrationKind>> kinds;
    private final AuditTrailPort trail;
    private final Clock clock;
    private final String node;
    private final Function<IntegrationName, ValidationMode> modes;
    private final DocumentReader reader = new DocumentReader();
    private final DocumentValidator validator = new DocumentValidator(reader);

    /** Without the ERP's folders: a local refusal is refused with what to do instead. */
    public RetryOutboundDocumentService(OperatorCorrectionsPort corrections, AuditTrailPort trail, Clock clock,
                                        String node) {
        this(corrections, Optional.empty(), i -> Optional.empty(), i -> ValidationMode.defaultMode(), trail, clock,
                node);
    }

    /**
     * @param kinds what each configured integration sends (empty for an integration no longer configured)
     */
    public RetryOutboundDocumentService(OperatorCorrectionsPort corrections, ErpOutboxPort erp,
                                        Function<IntegrationName, Optional<IntegrationKind>> kinds,
                                        AuditTrailPort trail, Clock clock, String node) {
        this(corrections, erp, kinds, i -> ValidationMode.defaultMode(), trail, clock, node);
    }

    /**
     * @param kinds what each configured integration sends (empty for an integration no longer configured)
     * @param modes each integration's pre-flight validation, applied to a file read again as at its first pick-up
     */
    public RetryOutboundDocumentService(OperatorCorrectionsPort corrections, ErpOutboxPort erp,
                                        Function<IntegrationName, Optional<IntegrationKind>> kinds,
                                        Function<IntegrationName, ValidationMode> modes,
                                        AuditTrailPort trail, Clock clock, String node) {
        this(corrections, Optional.of(Check.notNull("erp", erp)), kinds, modes, trail, clock, node);
    }

    private RetryOutboundDocumentService(OperatorCorrectionsPort corrections, Optional<ErpOutboxPort> erp,
                                         Function<IntegrationName, Optional<IntegrationKind>> kinds,
                                         Function<IntegrationName, ValidationMode> modes,
                                         AuditTrailPort trail, Clock clock, String node) {
        this.corrections = new OutboundCorrections(corrections, trail, clock, node);
        this.port = corrections;
        this.erp = erp;
        this.kinds = Check.notNull("kinds", kinds);
        this.modes = Check.notNull("modes", modes);
        this.trail = trail;
        this.clock = clock;
        this.node = node;
    }

    @Override
    public OutboundCorrection retry(RetryOutboundDocumentCommand command) {
        if (erp.isPresent()) {
            Optional<OutboundRecord> record = port.findOutbound(command.documentId());
            if (record.isPresent() && record.get().status() instanceof OutboundStatus.RefusedLocally
                    && record.get().type() != DocumentType.ATTACHMENT) {
                return retryCorrected(record.get(), command, erp.get());
            }
        }
        return corrections.apply(command.documentId(), OutboundFix.RETRY, AuditAction.DOCUMENT_RETRIED,
                command.decision());
    }

    private OutboundCorrection retryCorrected(OutboundRecord record, RetryOutboundDocumentCommand c,
                                              ErpOutboxPort erp) {
        AuditWriter audit = new AuditWriter(trail, clock, node, c.decision().operator());
        long id = record.id();
        String command = "messages retry " + id;
        boolean configured = kinds.apply(record.integration()).isPresent();
        List<ErpFile> copies = configured ? erp.inFailed(record.integration(), record.ref()) : List.of();
        Optional<ErpFile> unchanged = copies.stream().filter(f -> Sha256.of(f.bytes()).equals(record.sha256()))
                .findFirst();
        String refusal;
        if (!configured) {
            refusal = "integration " + record.integration() + " is not configured here, so its failed folder cannot "
                    + "be read; run the command with the service's configuration";
        } else if (copies.isEmpty()) {
            refusal = "its file " + record.ref() + " is no longer in the failed folder; correct the file and drop it "
                    + "into to_jakamo again";
        } else if (unchanged.isPresent()) {
            refusal = "its file failed/" + unchanged.get().fileName() + " is unchanged; correct it there first (its "
                    + ".error.txt says what is wrong), then run: jakamo-connector " + command + " --reason \"...\"";
        } else if (copies.size() > 1) {
            refusal = "several files in the failed folder may be its corrected file ("
                    + copies.stream().map(ErpFile::fileName).toList() + "); drop the corrected one into to_jakamo "
                    + "again instead";
        } else {
            return readAgain(record, copies.get(0), c, erp, audit);
        }
        OutboundCorrection.Refused refused = new OutboundCorrection.Refused(id, refusal);
        audit.write(event(record, AuditOutcome.FAIL, record.sha256()).reason(command + " refused (" + refusal + "): "
                + c.decision().reason()));
        return refused;
    }

    private OutboundCorrection readAgain(OutboundRecord record, ErpFile file, RetryOutboundDocumentCommand c,
                                         ErpOutboxPort erp, AuditWriter audit) {
        long id = record.id();
        String command = "messages retry " + id;
        Sha256 sha = Sha256.of(file.bytes());
        Document corrected = null;
        String refusal;
        String advice = "correct the document here in failed/ and run: jakamo-connector " + command
                + " --reason \"...\" (or drop it into to_jakamo again)";
        try {
            corrected = reader.readDocument(file.bytes());
            refusal = localRefusal(record, corrected);
        } catch (UnreadableDocumentException e) {
            refusal = e.getMessage();
            advice = "export the document again from the ERP as well-formed UTF-8 XML without a DOCTYPE, put it here "
                    + "in failed/ in place of this one and run: jakamo-connector " + command + " --reason \"...\"";
        }
        if (refusal != null) {
            String why = "read again from failed/" + file.fileName() + " for " + command
                    + ", it is still refused by the connector and was not sent to Jakamo: " + refusal;
            erp.archiveIfUnchanged(record.integration(), record.ref(), sha,
                    new ArchiveVerdict.Failed(ArchiveVerdict.Delivery.NOT_SENT, why, advice));
            audit.write(event(record, AuditOutcome.DENIED, sha).reason(command + " refused (" + why + "): "
                    + c.decision().reason()));
            return new OutboundCorrection.Refused(id, "the corrected file failed/" + file.fileName()
                    + " is still refused by the connector (not sent to Jakamo): " + refusal);
        }
        Document content = corrected;
        OutboundCorrection result = port.retryCorrected(id, record.sha256(), content, c.decision(), clock.instant(),
                applied -> List.of(audit.stamp(event(applied.after(), AuditOutcome.OK, content.sha256())
                        .reason(command + " (failed -> pending), read again from failed/" + file.fileName()
                                + " as corrected there: SHA-256 " + record.sha256().shortForm() + " -> "
                                + content.sha256().shortForm() + ": " + c.decision().reason()))));
        if (result instanceof OutboundCorrection.Refused refused) {
            audit.write(event(record, AuditOutcome.FAIL, sha).reason(command + " refused (" + refused.reason()
                    + "): " + c.decision().reason()));
        }
        return result;
    }

    /** Why the connector would still not send {@code corrected} as this document; null when it would. */
    private String localRefusal(OutboundRecord record, Document corrected) {
        Optional<IntegrationKind> kind = kinds.apply(record.integration());
        if (kind.isEmpty()) {
            return "integration " + record.integration() + " is not configured any more";
        }
        String refusal = PickUpErpDocumentsService.refusal(kind.get(), corrected);
        if (refusal != null) {
            return refusal;
        }
        if (record.type() != DocumentType.UNKNOWN && record.type() != corrected.type()) {
            return "it was a " + record.type().label() + " and is now a " + corrected.type().label()
                    + "; a different document is dropped into to_jakamo as a new file";
        }
        if (record.businessKey().isPresent() && !record.businessKey().equals(corrected.businessKey())) {
            return "its order number changed from " + record.businessKey().get() + " to "
                    + corrected.businessKey().map(Object::toString).orElse("none")
                    + "; a corrected file keeps its order number: a document for another order is dropped into "
                    + "to_jakamo as a new file";
        }
        // the same pre-flight validation as the first pick-up: a corrected file must not skip it
        ValidationMode mode = modes.apply(record.integration());
        if (mode != ValidationMode.OFF) {
            ValidationReport report = validator.validate(corrected.bytes());
            if (report.refuses(mode)) {
                return PickUpErpDocumentsService.validationRefusal(report, false);
            }
        }
        return null;
    }

    private static AuditEvent.Builder event(OutboundRecord record, AuditOutcome outcome, Sha256 sha) {
        AuditEvent.Builder event = AuditEvent.builder(AuditAction.DOCUMENT_RETRIED, outcome)
                .integration(record.integration()).fileName(record.ref().toString()).sha256(sha);
        return record.businessKey().map(event::businessKey).orElse(event);
    }
}
