package io.jakamoconnector.domain.model.audit;

/** What a prune of the audit trail did. */
public sealed interface AuditPruneOutcome {

    /** Events up to {@code horizon.lastRemoved()} were removed ({@code removed} of them in this prune). */
    record Pruned(AuditHorizon horizon, long removed) implements AuditPruneOutcome {
    }

    /** No event older than the date lies before a point the chain can restart from: nothing was removed. */
    record NothingToPrune(String why) implements AuditPruneOutcome {
    }

    /** Refused, nothing removed: {@code reason} says why and what to do (e.g. which events to export first). */
    record Refused(String reason) implements AuditPruneOutcome {
    }
}
