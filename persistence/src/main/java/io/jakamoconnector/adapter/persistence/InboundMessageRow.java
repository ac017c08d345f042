package io.jakamoconnector.adapter.persistence;

import java.time.Instant;

/** One row of {@code inbound_message}, without the quarantined bytes. */
record InboundMessageRow(long id, String integration, String dedupKey, String documentType, String businessKey,
                         String sha256, String state, Instant receivedAt, Instant acknowledgedAt, int deliveries,
                         String deliveredAs, String quarantineReason, String confirmUrl) {
}
