package io.jakamoconnector.domain.model.audit;

/** The result of recomputing the audit trail's hash chain and checkpoints. */
public sealed interface AuditVerification {

    /** Every event and checkpoint checked out. */
    record Intact(long events, long lastSequence, long checkpoints) implements AuditVerification {
    }

    /** The first sequence number at which the trail stops being what was written, and why. */
    record Broken(long firstBadSequence, String reason) implements AuditVerification {
    }
}
