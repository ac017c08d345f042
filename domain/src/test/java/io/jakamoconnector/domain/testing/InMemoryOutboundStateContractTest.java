package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.InboundStatePort;
import io.jakamoconnector.domain.port.out.OutboundStatePort;
import io.jakamoconnector.domain.port.out.QueueLease;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

class InMemoryOutboundStateContractTest extends OutboundStatePortContract {
    private final InMemoryQueueLeases leases = new InMemoryQueueLeases();
    private final Map<IntegrationName, QueueLease> held = new HashMap<>();
    private InMemoryAuditTrail trail;
    private InMemorySyncState store;

    @Override
    protected OutboundStatePort newOutboundState() {
        trail = new InMemoryAuditTrail();
        store = new InMemorySyncState(trail);
        return store;
    }

    @Override
    protected InboundStatePort inboundOfSameStore() {
        return store;
    }

    @Override
    protected List<String> auditedReasons() {
        return trail.events().stream().map(AuditEvent::reason).toList();
    }

    @Override
    protected QueueLease heldLease(IntegrationName integration) {
        return held.computeIfAbsent(integration, i -> leases.tryAcquire(i, "test").orElseThrow());
    }
}
