package io.jakamoconnector.adapter.persistence;

import java.util.Objects;
import java.util.Optional;

/**
 * What an export wrote: how many event lines, the first and last sequence numbers among them (0 when none), and the
 * checkpoint on its final line (the chain's head when the export began). When the chain does not check out from its
 * newest checkpoint, nothing is written and {@code refused} says why: an export must not sign a rewritten head.
 */
public record AuditExportSummary(long events, long firstSeq, long lastSeq, AuditCheckpoint checkpoint,
                                 Optional<CheckpointOutcome.Refused> refused) {
    public AuditExportSummary {
        Objects.requireNonNull(refused, "refused");
    }

    public AuditExportSummary(long events, long firstSeq, long lastSeq, AuditCheckpoint checkpoint) {
        this(events, firstSeq, lastSeq, Objects.requireNonNull(checkpoint, "checkpoint"), Optional.empty());
    }

    static AuditExportSummary refused(CheckpointOutcome.Refused why) {
        return new AuditExportSummary(0, 0, 0, null, Optional.of(why));
    }
}
