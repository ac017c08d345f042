package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import java.time.Clock;

/** Stamps audit events with the time, this node and the acting identity, and appends them. */
public final class AuditWriter {
    /** The actor of everything the service does on its own, as opposed to an operator's command. */
    public static final String SERVICE_ACTOR = "connector";

    private final AuditTrailPort trail;
    private final Clock clock;
    private final String node;
    private final String actor;

    public AuditWriter(AuditTrailPort trail, Clock clock, String node, String actor) {
        this.trail = Check.notNull("auditTrail", trail);
        this.clock = Check.notNull("clock", clock);
        this.node = Check.notBlank("node", node);
        this.actor = Check.notBlank("actor", actor);
    }

    public AuditWriter(AuditTrailPort trail, Clock clock, String node) {
        this(trail, clock, node, SERVICE_ACTOR);
    }

    public void write(AuditEvent.Builder event) {
        trail.append(event.at(clock.instant()).node(node).actor(actor).build());
    }

    public String node() {
        return node;
    }
}
