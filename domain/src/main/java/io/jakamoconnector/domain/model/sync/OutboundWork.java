package io.jakamoconnector.domain.model.sync;

import io.jakamoconnector.domain.model.exchange.OutgoingDocument;

/** A claimed outbound document with the exact bytes recorded when it was picked up. */
public record OutboundWork(OutboundRecord record, OutgoingDocument document) {
}
