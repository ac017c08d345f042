package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.sync.OperatorDecision;
import io.jakamoconnector.domain.model.sync.OutboundCorrection;
import io.jakamoconnector.domain.model.sync.OutboundFix;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.port.out.OperatorCorrectionsPort;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Applies one operator correction and audits it: the applied change with its event in one unit of work (the operator
 * as actor, the document's integration, business key, file and SHA-256, and the operator's reason); a refusal, which
 * changed nothing, as an event of its own.
 */
final class OutboundCorrections {
    private final OperatorCorrectionsPort corrections;
    private final AuditTrailPort trail;
    private final Clock clock;
    private final String node;

    OutboundCorrections(OperatorCorrectionsPort corrections, AuditTrailPort trail, Clock clock, String node) {
        this.corrections = Check.notNull("corrections", corrections);
        this.trail = Check.notNull("auditTrail", trail);
        this.clock = Check.notNull("clock", clock);
        this.node = Check.notBlank("node", node);
    }

    OutboundCorrection apply(long id, OutboundFix fix, AuditAction action, OperatorDecision decision) {
        AuditWriter audit = new AuditWriter(trail, clock, node, decision.operator());
        OutboundCorrection result = corrections.correctOutbound(id, fix, decision, clock.instant(),
                applied -> List.of(audit.stamp(event(action, AuditOutcome.OK, applied.after())
                        .reason(describe(id, fix, applied) + ": " + decision.reason()))));
        if (result instanceof OutboundCorrection.Refused refused) {
            audit.write(AuditEvent.builder(action, AuditOutcome.FAIL)
                    .reason(command(id, fix) + " refused (" + refused.reason() + "): " + decision.reason()));
        }
        return result;
    }

    private static AuditEvent.Builder event(AuditAction action, AuditOutcome outcome, OutboundRecord record) {
        AuditEvent.Builder event = AuditEvent.builder(action, outcome).integration(record.integration())
                .fileName(record.ref().toString()).sha256(record.sha256());
        return record.businessKey().map(event::businessKey).orElse(event);
    }

    private static String describe(long id, OutboundFix fix, OutboundCorrection.Applied applied) {
        return command(id, fix) + " (" + applied.before().state().name().toLowerCase(Locale.ROOT) + " -> "
                + applied.after().state().name().toLowerCase(Locale.ROOT) + ")";
    }

    /**
     * The correction in words that hold whichever way the operator asked (the CLI or the console): the audit event's
     * actor says who and from where.
     */
    static String command(long id, OutboundFix fix) {
        return switch (fix) {
            case RETRY -> "retry document " + id;
            case RESOLVE_SENT -> "resolve document " + id + " as sent";
            case RESOLVE_NOT_SENT -> "resolve document " + id + " as not sent";
            case DISCARD -> "discard document " + id;
        };
    }
}
