package io.jakamoconnector.domain.service;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.port.out.InboundStatePort;
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
        trail.append(stamp(event));
    }

    /** Appends an event made by {@link #stamp} that no state change wrote. */
    public void append(AuditEvent stamped) {
        trail.append(stamped);
    }

    /**
     * The event as {@link #write} would append it, stamped now, for a state change that writes it in its own
     * transaction (see {@link io.jakamoconnector.domain.port.out.InboundStatePort}): the change and its events are kept
     * together or not at all, at the cost of one commit instead of one per event.
     */
    public AuditEvent stamp(AuditEvent.Builder event) {
        return event.at(clock.instant()).node(node).actor(actor).build();
    }

    public String node() {
        return node;
    }
}
