package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.port.out.OperatorCorrectionsPort;
import io.jakamoconnector.domain.port.out.StateStoreException;
import io.jakamoconnector.domain.port.out.InboundStatePort;
import io.jakamoconnector.domain.port.out.OutboundStatePort;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.QueueLease;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

class InMemoryOperatorCorrectionsContractTest extends OperatorCorrectionsPortContract {
    private final InMemoryAuditTrail trail = new InMemoryAuditTrail();
    private final InMemoryQueueLeases leases = new InMemoryQueueLeases();
    private final Map<IntegrationName, QueueLease> held = new HashMap<>();
    private volatile boolean broken;
    private InMemorySyncState store;

    @Override
    protected OutboundStatePort newSyncState() {
        store = new InMemorySyncState(new AuditTrailPort() {
            @Override
            public void append(AuditEvent event) {
                if (broken) {
                    throw new StateStoreException("the audit trail is broken for this test", false, null);
                }
                trail.append(event);
            }

            @Override
            public AuditVerification verify() {
                return trail.verify();
            }
        });
        return store;
    }

    @Override
    protected InboundStatePort inboundOfSameStore() {
        return store;
    }

    @Override
    protected OperatorCorrectionsPort corrections() {
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

    @Override
    protected void breakAuditTrail() {
        broken = true;
    }
}
