package io.jakamoconnector.domain.port.in;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.OperatorDecision;

/** Set a quarantined message aside for good, on an operator's decision (whose reason the trail keeps). */
public record DiscardQuarantinedMessageCommand(IntegrationName integration, DedupKey key, OperatorDecision decision) {
    public DiscardQuarantinedMessageCommand {
        Check.notNull("integration", integration);
        Check.notNull("key", key);
        Check.notNull("decision", decision);
    }
}
