package io.jakamoconnector.domain.model.sync;

import io.jakamoconnector.domain.model.exchange.IntegrationName;

/** What an operator's correction of an inbound message did; the caller audits it either way. */
public sealed interface InboundCorrection {

    /** Done: the record as it was and as it is now. */
    record Applied(InboundRecord before, InboundRecord after) implements InboundCorrection {
    }

    /** Not done, and why in words for the operator; nothing changed. */
    record Refused(IntegrationName integration, DedupKey key, String reason) implements InboundCorrection {
    }
}
