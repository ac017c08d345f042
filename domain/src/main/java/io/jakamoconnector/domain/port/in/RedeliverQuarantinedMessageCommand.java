package io.jakamoconnector.domain.port.in;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.OperatorDecision;

/** Deliver a quarantined message's kept bytes to the ERP, on an operator's decision. */
public record RedeliverQuarantinedMessageCommand(IntegrationName integration, DedupKey key,
                                                 OperatorDecision decision) {
    public RedeliverQuarantinedMessageCommand {
        Check.notNull("integration", integration);
        Check.notNull("key", key);
        Check.notNull("decision", decision);
    }
}
