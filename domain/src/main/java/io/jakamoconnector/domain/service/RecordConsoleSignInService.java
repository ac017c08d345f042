package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.port.in.RecordConsoleSignInCommand;
import io.jakamoconnector.domain.port.in.RecordConsoleSignInUseCase;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import java.time.Clock;

/** Writes a console sign-in, or its refusal, to the audit trail with who, how and from which address. */
public final class RecordConsoleSignInService implements RecordConsoleSignInUseCase {
    private final AuditTrailPort trail;
    private final Clock clock;
    private final String node;

    public RecordConsoleSignInService(AuditTrailPort trail, Clock clock, String node) {
        this.trail = Check.notNull("auditTrail", trail);
        this.clock = Check.notNull("clock", clock);
        this.node = Check.notBlank("node", node);
    }

    @Override
    public void record(RecordConsoleSignInCommand c) {
        AuditWriter audit = new AuditWriter(trail, clock, node, c.actor());
        if (c.signedIn()) {
            audit.write(AuditEvent.builder(AuditAction.CONSOLE_SIGNED_IN, AuditOutcome.OK)
                    .reason("console sign-in by " + c.method() + " from " + c.address()));
        } else {
            audit.write(AuditEvent.builder(AuditAction.CONSOLE_SIGN_IN_REFUSED, AuditOutcome.DENIED)
                    .reason("console sign-in by " + c.method() + " from " + c.address() + " refused: " + c.refusal()));
        }
    }
}
