package io.jakamoconnector.domain.model.audit;

/** The result of recomputing the audit trail's hash chain and checkpoints. */
public sealed interface AuditVerification {

    /**
     * Every event and checkpoint checked out; {@code horizon}: the trail was pruned and is verified from there (the
     * events before it are in the export it names).
     */
    record Intact(long events, long lastSequence, long checkpoints, java.util.Optional<AuditHorizon> horizon)
            implements AuditVerification {
        public Intact {
            java.util.Objects.requireNonNull(horizon, "horizon");
        }

        /** A trail never pruned. */
        public Intact(long events, long lastSequence, long checkpoints) {
            this(events, lastSequence, checkpoints, java.util.Optional.empty());
        }
    }

    /** The first sequence number at which the trail stops being what was written, and why. */
    record Broken(long firstBadSequence, String reason) implements AuditVerification {
    }
}
