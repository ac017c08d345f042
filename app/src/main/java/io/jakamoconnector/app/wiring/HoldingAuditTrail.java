package io.jakamoconnector.app.wiring;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail while the database starts: {@code run} asks for the first tokens at the same time, and their audit
 * events are held here in memory, in order, until {@link #release(AuditTrailPort)} appends them to the started trail
 * before anything else can append. If the database never starts, {@link #abandon(RuntimeException)} logs each held
 * event at WARN (what, when, which integration, the token's fingerprint: never a secret or a token) and every later
 * append fails, so a token whose request cannot be recorded is not used (the token adapter fails closed on that).
 * <p>
 * Nothing held is durable: a token audited here must not reach Jakamo before {@code release} has returned. {@code run}
 * keeps to that by starting its loops only after the lifecycle, which releases this trail when the database is up.
 */
final class HoldingAuditTrail implements AuditTrailPort {
    private static final Logger LOG = LoggerFactory.getLogger(HoldingAuditTrail.class);
    /** Far more than start-up produces (a few token events per integration); beyond it an append fails. */
    static final int MAX_HELD = 1000;

    private final List<AuditEvent> held = new ArrayList<>();
    private volatile AuditTrailPort started;
    private RuntimeException abandoned;   // under this

    @Override
    public void append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        AuditTrailPort trail = started;
        if (trail == null) {
            synchronized (this) {
                trail = started;
                if (trail == null) {
                    hold(event);
                    return;
                }
            }
        }
        trail.append(event);
    }

    /** Caller holds this. */
    private void hold(AuditEvent event) {
        if (abandoned != null) {
            throw new IllegalStateException("the audit trail is unavailable, the database did not start or refused "
                    + "what waited for it (" + abandoned.getMessage() + "); the " + event.action().code()
                    + " event cannot be recorded", abandoned);
        }
        if (held.size() >= MAX_HELD) {
            throw new IllegalStateException("the database has not started yet and " + held.size() + " audit events "
                    + "are already waiting for it; the " + event.action().code() + " event is not accepted");
        }
        held.add(event);
    }

    @Override
    public AuditVerification verify() {
        AuditTrailPort trail = started;
        if (trail == null) {
            throw new IllegalStateException("the audit trail cannot be verified before the database has started");
        }
        return trail.verify();
    }

    /**
     * Appends the held events to {@code trail} in the order they came, then passes every later append straight to it.
     * Appends arriving meanwhile wait, so nothing overtakes a held event. If the trail refuses one, the rest are
     * abandoned (logged) and the refusal is thrown: the caller must not go on as if they were recorded.
     */
    synchronized void release(AuditTrailPort trail) {
        Objects.requireNonNull(trail, "trail");
        if (started != null) {
            throw new IllegalStateException("the held audit events were already released");
        }
        if (abandoned != null) {
            throw new IllegalStateException("the held audit events were abandoned: " + abandoned.getMessage());
        }
        int written = 0;
        try {
            for (AuditEvent event : held) {
                trail.append(event);
                written++;
            }
        } catch (RuntimeException e) {
            held.subList(0, written).clear();
            abandon(e);
            throw e;
        }
        if (written > 0) {
            LOG.info("{} audit event(s) recorded during start-up written to the trail", written);
        }
        held.clear();
        started = trail;
    }

    /**
     * The database will not start: logs every held event at WARN (fingerprints only) so none is dropped silently, and
     * makes later appends fail with {@code why}. Does nothing once released; a second call logs nothing new.
     */
    synchronized void abandon(RuntimeException why) {
        Objects.requireNonNull(why, "why");
        if (started != null || abandoned != null) {
            return;
        }
        abandoned = why;
        if (held.isEmpty()) {
            return;
        }
        LOG.warn("{} audit event(s) recorded during start-up cannot be written to the trail ({}); they are listed here "
                + "instead", held.size(), why.getMessage());
        for (AuditEvent event : held) {
            LOG.warn("unwritten audit event: {}", describe(event));
        }
        held.clear();
    }

    /** How many events wait for the database. */
    synchronized int held() {
        return held.size();
    }

    /** An event by what identifies it, never by anything secret: its reason (free text) is left out as well. */
    static String describe(AuditEvent event) {
        StringBuilder line = new StringBuilder().append("at=").append(event.at())
                .append(" action=").append(event.action().code())
                .append(" outcome=").append(event.outcome().code())
                .append(" actor=").append(event.actor())
                .append(" node=").append(event.node());
        if (event.integration() != null) {
            line.append(" integration=").append(event.integration().value());
        }
        if (event.attempt() != null) {
            line.append(" attempt=").append(event.attempt());
        }
        if (event.remoteCorrelationId() != null) {
            line.append(" requestId=").append(event.remoteCorrelationId());
        }
        if (event.tokenFingerprint() != null) {
            line.append(" tokenFingerprint=").append(event.tokenFingerprint().value());
        }
        if (event.credentialKeyId() != null) {
            line.append(" credentialKeyId=").append(event.credentialKeyId());
        }
        return line.toString();
    }
}
