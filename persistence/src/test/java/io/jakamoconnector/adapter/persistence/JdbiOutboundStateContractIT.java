package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.InboundStatePort;
import io.jakamoconnector.domain.port.out.OutboundStatePort;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.testing.OutboundStatePortContract;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The domain's OutboundStatePort contract on the real adapter and PostgreSQL; each test gets a fresh database. */
class JdbiOutboundStateContractIT extends OutboundStatePortContract {
    private TestDatabase db;
    private PostgresQueueLeaseAdapter leases;
    private JdbiSyncStateAdapter store;
    private final Map<IntegrationName, QueueLease> held = new HashMap<>();

    @Override
    protected OutboundStatePort newOutboundState() {
        db = TestDatabase.create();
        leases = new PostgresQueueLeaseAdapter(db.database());
        store = TestDatabase.syncState(db.database());
        return store;
    }

    @Override
    protected InboundStatePort inboundOfSameStore() {
        return store;
    }

    @Override
    protected List<String> auditedReasons() {
        return db.database().jdbi().withHandle(h -> h.createQuery("SELECT reason FROM audit_event ORDER BY seq")
                .mapTo(String.class).list());
    }

    @Override
    protected QueueLease heldLease(IntegrationName integration) {
        return held.computeIfAbsent(integration, i -> leases.tryAcquire(i, "test").orElseThrow());
    }

    @AfterEach
    void close() {
        held.values().forEach(QueueLease::close);
        held.clear();
        db.close();
    }
}
