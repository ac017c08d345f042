package io.jakamoconnector.domain.model.audit;

import io.jakamoconnector.domain.model.Check;

/**
 * What an export vouches for: the chain's head when it was written ({@code headSeq}, {@code headHash} in lower-case
 * hex), as its signed checkpoint says. The adapter that reads an export checks its signature and that it holds every
 * event up to its head before it makes one of these; a prune may then remove events up to {@code headSeq} at most.
 *
 * @param source   the export, in words (its file name)
 * @param headSeq  the last event the export's checkpoint covers
 * @param headHash that event's hash
 */
public record AuditCoverage(String source, long headSeq, String headHash) {
    public AuditCoverage {
        Check.notBlank("audit.coverage.source", source);
        Check.notNegative("audit.coverage.headSeq", headSeq);
        Check.that(headHash != null && headHash.matches("[0-9a-f]{64}"), "audit.coverage.headHash",
                "must be 64 lower-case hex digits");
    }
}
