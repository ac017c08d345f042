package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.InboundStatePort;
import io.jakamoconnector.domain.port.out.QueueLease;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

class InMemoryInboundStateContractTest extends InboundStatePortContract {
    private final InMemoryQueueLeases leases = new InMemoryQueueLeases();
    private final Map<IntegrationName, QueueLease> held = new HashMap<>();
    private InMemoryAuditTrail trail;

    @Override
    protected InboundStatePort newInboundState() {
        trail = new InMemoryAuditTrail();
        return new InMemorySyncState(trail);
    }

    @Override
    protected List<String> auditedReasons() {
        return trail.events().stream().map(AuditEvent::reason).toList();
    }

    @Override
    protected QueueLease heldLease(IntegrationName integration) {
        QueueLease lease = held.get(integration);
        if (lease == null || !lease.isHeld()) {
            lease = leases.tryAcquire(integration, "test").orElseThrow();
            held.put(integration, lease);
        }
        return lease;
    }

    @Override
    protected QueueLease staleLease(IntegrationName integration) {
        QueueLease lease = heldLease(integration);
        leases.takeOver(integration);
        held.remove(integration);
        return lease;
    }
}
