package io.jakamoconnector.domain.port.in;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.QueueLease;

/** Drain up to {@code maxMessages} from an integration's queue while holding its lease. */
public record ReceiveInboundMessagesCommand(IntegrationName integration, QueueLease lease, int maxMessages) {
    public ReceiveInboundMessagesCommand {
        Check.notNull("integration", integration);
        Check.notNull("lease", lease);
        Check.that(maxMessages > 0, "maxMessages", "must be at least 1");
        Check.that(lease.integration().equals(integration), "lease", "must be the lease of " + integration);
    }
}
