package io.jakamoconnector.domain.model.sync;

/** What an operator's correction of an outbound document did; the caller audits it either way. */
public sealed interface OutboundCorrection {

    /** Done: the record as it was and as it is now. */
    record Applied(OutboundRecord before, OutboundRecord after) implements OutboundCorrection {
    }

    /** Not done, and why in words for the operator: the document is unknown, or in a state the correction is not for. */
    record Refused(long id, String reason) implements OutboundCorrection {
    }
}
