package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.sync.InboundCorrection;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.port.in.DiscardQuarantinedMessageCommand;
import io.jakamoconnector.domain.port.in.DiscardQuarantinedMessageUseCase;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.port.out.OperatorCorrectionsPort;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Sets a quarantined message aside for good with its audit event (the operator, the integration, the message's
 * SHA-256 and the reason) in the same unit of work; a refusal, which changed nothing, is audited on its own.
 */
public final class DiscardQuarantinedMessageService implements DiscardQuarantinedMessageUseCase {
    private final OperatorCorrectionsPort corrections;
    private final AuditTrailPort trail;
    private final Clock clock;
    private final String node;

    public DiscardQuarantinedMessageService(OperatorCorrectionsPort corrections, AuditTrailPort trail, Clock clock,
                                            String node) {
        this.corrections = Check.notNull("corrections", corrections);
        this.trail = Check.notNull("auditTrail", trail);
        this.clock = Check.notNull("clock", clock);
        this.node = Check.notBlank("node", node);
    }

    @Override
    public InboundCorrection discard(DiscardQuarantinedMessageCommand c) {
        AuditWriter audit = new AuditWriter(trail, clock, node, c.decision().operator());
        String command = "discard message " + c.integration() + " " + c.key().shortForm();
        InboundCorrection result = corrections.discardQuarantined(c.integration(), c.key(), c.decision(),
                clock.instant(), applied -> List.of(audit.stamp(event(applied.before(), AuditOutcome.OK)
                        .reason(command + " (" + state(applied.before()) + " -> " + state(applied.after()) + "): "
                                + c.decision().reason()))));
        if (result instanceof InboundCorrection.Refused refused) {
            audit.write(AuditEvent.builder(AuditAction.MESSAGE_DISCARDED, AuditOutcome.FAIL)
                    .integration(c.integration()).reason(command + " refused (" + refused.reason() + "): "
                            + c.decision().reason()));
        }
        return result;
    }

    private static AuditEvent.Builder event(InboundRecord record, AuditOutcome outcome) {
        AuditEvent.Builder event = AuditEvent.builder(AuditAction.MESSAGE_DISCARDED, outcome)
                .integration(record.integration()).sha256(record.sha256());
        return record.businessKey().map(event::businessKey).orElse(event);
    }

    private static String state(InboundRecord record) {
        return record.state().name().toLowerCase(Locale.ROOT);
    }
}
