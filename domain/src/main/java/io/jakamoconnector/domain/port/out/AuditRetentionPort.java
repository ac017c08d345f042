package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.audit.AuditCoverage;
import io.jakamoconnector.domain.model.audit.AuditHorizon;
import io.jakamoconnector.domain.model.audit.AuditPruneOutcome;
import java.time.Instant;
import java.util.Optional;

/**
 * Removes old audit events once an export holds them, keeping the rest of the trail verifiable: the trail then starts
 * at a horizon ({@link AuditHorizon}) that a signed checkpoint vouches for. Where the horizon may go is the domain's
 * rule ({@link io.jakamoconnector.domain.model.audit.AuditChain#planPrune}).
 */
public interface AuditRetentionPort {

    /**
     * Removes the events older than {@code before} that {@code coverage} covers, up to the newest point the chain can
     * restart from; refuses (removing nothing) when events older than {@code before} lie beyond the export, when the
     * export is not of this trail, or when the trail does not verify.
     */
    AuditPruneOutcome prune(Instant before, AuditCoverage coverage);

    /** Where the trail starts now; empty: it was never pruned. */
    Optional<AuditHorizon> horizon();
}
