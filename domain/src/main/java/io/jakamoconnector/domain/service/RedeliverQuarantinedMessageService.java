package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentFacts;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.document.UnreadableDocumentException;
import io.jakamoconnector.domain.model.sync.InboundCorrection;
import io.jakamoconnector.domain.port.in.RedeliverQuarantinedMessageCommand;
import io.jakamoconnector.domain.port.in.RedeliverQuarantinedMessageUseCase;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.port.out.ErpInboxPort;
import io.jakamoconnector.domain.port.out.OperatorCorrectionsPort;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a quarantined message's kept bytes again and, when they now make a document the connector delivers, stages it
 * for the ERP in the unit of work that records it delivered with its audit event, and shows it to the ERP once that
 * is committed, as a message from the queue is delivered. A message that still cannot be read, or an attachment
 * (whose file would have to be downloaded again), is refused and stays quarantined.
 */
public final class RedeliverQuarantinedMessageService implements RedeliverQuarantinedMessageUseCase {
    private final OperatorCorrectionsPort corrections;
    private final ErpInboxPort erp;
    private final AuditTrailPort trail;
    private final Clock clock;
    private final String node;
    private final DocumentReader reader = new DocumentReader();

    public RedeliverQuarantinedMessageService(OperatorCorrectionsPort corrections, ErpInboxPort erp,
                                              AuditTrailPort trail, Clock clock, String node) {
        this.corrections = Check.notNull("corrections", corrections);
        this.erp = Check.notNull("erp", erp);
        this.trail = Check.notNull("auditTrail", trail);
        this.clock = Check.notNull("clock", clock);
        this.node = Check.notBlank("node", node);
    }

    @Override
    public InboundCorrection redeliver(RedeliverQuarantinedMessageCommand c) {
        AuditWriter audit = new AuditWriter(trail, clock, node, c.decision().operator());
        String command = "redeliver message " + c.integration() + " " + c.key().shortForm();
        InboundCorrection result = attempt(c, audit, command);
        if (result instanceof InboundCorrection.Refused refused) {
            audit.write(AuditEvent.builder(AuditAction.MESSAGE_REDELIVERED, AuditOutcome.FAIL)
                    .integration(c.integration()).reason(command + " refused (" + refused.reason() + "): "
                            + c.decision().reason()));
        } else if (result instanceof InboundCorrection.Applied applied) {
            applied.after().deliveredAs().ifPresent(name -> erp.publish(c.integration(), name));
        }
        return result;
    }

    private InboundCorrection attempt(RedeliverQuarantinedMessageCommand c, AuditWriter audit, String command) {
        Optional<byte[]> kept = corrections.quarantinedBytes(c.integration(), c.key());
        if (kept.isEmpty()) {
            return new InboundCorrection.Refused(c.integration(), c.key(), "there is no quarantined message "
                    + c.key().shortForm() + " in " + c.integration() + " (see: messages list --state quarantined)");
        }
        byte[] bytes = kept.get();
        Document document;
        try {
            DocumentFacts facts = reader.read(bytes);
            if (facts.type() == DocumentType.UNKNOWN) {
                return refused(c, "it is still no document this connector delivers (root element <"
                        + facts.rootLocalName().replaceAll("[^\\w.-]", "?") + ">)");
            }
            if (facts.type() == DocumentType.ATTACHMENT) {
                return refused(c, "it is an attachment message, whose file would have to be downloaded from Jakamo "
                        + "again; ask the supplier to send it again");
            }
            document = facts.toDocument(bytes);
        } catch (UnreadableDocumentException e) {
            return refused(c, "it still cannot be read: " + e.getMessage());
        }
        return corrections.redeliverQuarantined(c.integration(), c.key(), Sha256.of(bytes), document, c.decision(),
                clock.instant(), () -> erp.stage(c.integration(), document, c.key()),
                applied -> List.of(audit.stamp(AuditEvent.builder(AuditAction.MESSAGE_REDELIVERED, AuditOutcome.OK)
                        .integration(c.integration()).businessKey(document.businessKey().orElse(null))
                        .sha256(document.sha256()).fileName(applied.after().deliveredAs().orElse(null))
                        .reason(command + " (" + applied.before().state().name().toLowerCase(Locale.ROOT) + " -> "
                                + applied.after().state().name().toLowerCase(Locale.ROOT) + ", "
                                + document.type().label() + "): " + c.decision().reason()))));
    }

    private static InboundCorrection refused(RedeliverQuarantinedMessageCommand c, String why) {
        return new InboundCorrection.Refused(c.integration(), c.key(), why);
    }
}
