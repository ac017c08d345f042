package io.jakamoconnector.adapter.persistence;

import java.time.Instant;

/** One row of {@code outbound_document}, without its content; {@code warnings} one a line, null when none. */
record OutboundDocumentRow(long id, String integration, String erpRef, String fileName, String sha256,
                           String documentType, String businessKey, String state, int attempts, Instant createdAt,
                           Instant nextAttemptAt, String claimedBy, String lastError, boolean archived,
                           String warnings) {
}
