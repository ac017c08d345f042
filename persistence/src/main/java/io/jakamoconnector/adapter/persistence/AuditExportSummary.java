package io.jakamoconnector.adapter.persistence;

/**
 * What an export wrote: how many event lines, the first and last sequence numbers among them (0 when none), and the
 * checkpoint on its final line (the chain's head when the export began).
 */
public record AuditExportSummary(long events, long firstSeq, long lastSeq, AuditCheckpoint checkpoint) {
}
