package io.jakamoconnector.domain.model.audit;

import io.jakamoconnector.domain.model.Check;
import java.time.Instant;

/**
 * Where a pruned audit trail now begins. Events {@code 1..lastRemoved} were removed on {@code prunedAt}; the first
 * kept event, {@code lastRemoved + 1}, must carry {@code lastRemovedHash} as its {@code prev_hash}. A trail only
 * trusts that hash because a signed checkpoint holds it (the PostgreSQL trail keeps that checkpoint); the events it
 * covers are in the export named {@code coveredBy}, whose signed head is {@code exportHead}.
 *
 * @param lastRemoved     the last sequence number removed; the chain goes on from {@code lastRemoved + 1}
 * @param lastRemovedHash the hash of event {@code lastRemoved}, lower-case hex
 * @param before          the instant the prune was asked for: every removed event is older
 * @param prunedAt        when the prune ran
 * @param coveredBy       the export that holds the removed events (its file name, as the operator gave it)
 * @param exportHead      the sequence number the export's signed checkpoint covers (at least {@code lastRemoved})
 */
public record AuditHorizon(long lastRemoved, String lastRemovedHash, Instant before, Instant prunedAt,
                           String coveredBy, long exportHead) {
    public AuditHorizon {
        Check.that(lastRemoved > 0, "audit.horizon", "must be after the first event");
        Check.notBlank("audit.horizon.hash", lastRemovedHash);
        Check.that(lastRemovedHash.matches("[0-9a-f]{64}"), "audit.horizon.hash", "must be 64 lower-case hex digits");
        Check.notNull("audit.horizon.before", before);
        Check.notNull("audit.horizon.prunedAt", prunedAt);
        Check.notBlank("audit.horizon.coveredBy", coveredBy);
        Check.that(exportHead >= lastRemoved, "audit.horizon.exportHead",
                "must cover every removed event (the export ends before the horizon)");
    }

    /** The first sequence number the trail still holds. */
    public long firstKept() {
        return lastRemoved + 1;
    }

    /** How {@code audit verify} reports it, e.g. "events 1 to 120 removed on 2026-12-07T06:00:00Z ...". */
    public String describe() {
        return "events 1 to " + lastRemoved + " (all before " + before + ") were removed on " + prunedAt
                + ", covered by the export " + coveredBy + " (signed head: event " + exportHead + "); the chain is "
                + "verified from the signed checkpoint at event " + lastRemoved;
    }
}
