package io.jakamoconnector.domain.model.sync;

import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.util.Optional;

/** What an operator's correction of an inbound message did; the caller audits it either way. */
public sealed interface InboundCorrection {

    /** Done: the record as it was and as it is now. */
    record Applied(InboundRecord before, InboundRecord after) implements InboundCorrection {
    }

    /** Not done, and why in words for the operator; nothing changed. */
    record Refused(IntegrationName integration, DedupKey key, String reason) implements InboundCorrection {
    }

    /**
     * The rule every store applies before a redelivery: only a message that is still quarantined, with the bytes the
     * operator's command read, may be delivered again. Empty when it may; else the refusal to return.
     *
     * @param before the record as stored now, or null when there is none
     * @param kept   the quarantined bytes as stored now, or null when there are none
     */
    static Optional<Refused> refuseRedelivery(IntegrationName integration, DedupKey key, InboundRecord before,
                                              byte[] kept, Sha256 read) {
        if (before == null || kept == null || before.state().afterRedelivery().isEmpty()
                || !Sha256.of(kept).equals(read)) {
            return Optional.of(new Refused(integration, key, "message " + key.shortForm() + " in " + integration
                    + " is not quarantined (any more); only a quarantined message can be redelivered"));
        }
        return Optional.empty();
    }

    /**
     * The rule every store applies before a discard: only a quarantined message Jakamo's queue was cleared of may be
     * discarded. Empty when it may; else the refusal to return.
     *
     * @param before the record as stored now, or null when there is none
     */
    static Optional<Refused> refuseDiscard(IntegrationName integration, DedupKey key, InboundRecord before) {
        String message = "message " + key.shortForm() + " in " + integration;
        if (before == null) {
            return Optional.of(new Refused(integration, key, "there is no " + message
                    + " (see: jakamo-connector messages list --direction in --state quarantined_acknowledged)"));
        }
        if (before.status() instanceof InboundStatus.Quarantined) {
            return Optional.of(new Refused(integration, key, message + " is quarantined but still at the head of "
                    + "Jakamo's queue; the running service clears it at its next round (state "
                    + "quarantined_acknowledged): discard it then"));
        }
        if (before.state().afterDiscard().isEmpty()) {
            return Optional.of(new Refused(integration, key, message + " is "
                    + before.state().name().toLowerCase(java.util.Locale.ROOT)
                    + "; only a quarantined message can be discarded"));
        }
        return Optional.empty();
    }
}
