package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditVerification;

/** The append-only, tamper-evident record of what the connector did. */
public interface AuditTrailPort {

    /** Appends durably; a failure throws, so nothing proceeds unaudited. */
    void append(AuditEvent event);

    /** Recomputes the chain and checkpoints and names the first bad sequence number. */
    AuditVerification verify();
}
