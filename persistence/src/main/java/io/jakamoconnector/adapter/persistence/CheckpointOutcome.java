package io.jakamoconnector.adapter.persistence;

/** What {@link JdbiAuditTrailAdapter#checkpoint()} did. */
public sealed interface CheckpointOutcome {

    /** The chain's head was signed (and anchored, where there is an anchor). */
    record Signed(AuditCheckpoint checkpoint) implements CheckpointOutcome {
    }

    /** A checkpoint already covers the head (or the trail is empty): nothing to sign. */
    record Covered(long seq) implements CheckpointOutcome {
    }

    /**
     * Not signed, because what would be signed does not check out: signing it would vouch for a rewritten chain.
     * {@code reason} says what is wrong, from {@code firstBadSequence} on.
     */
    record Refused(long firstBadSequence, String reason) implements CheckpointOutcome {
    }
}
