package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.MessageQueriesPort;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.port.out.InboundStatePort;
import io.jakamoconnector.domain.port.out.OutboundStatePort;
import io.jakamoconnector.domain.testing.MessageQueriesPortContract;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The domain's MessageQueriesPort contract on the real adapter and PostgreSQL; each test gets a fresh database. */
class JdbiMessageQueriesContractIT extends MessageQueriesPortContract {
    private TestDatabase db;
    private PostgresQueueLeaseAdapter leases;
    private JdbiSyncStateAdapter store;
    private final Map<IntegrationName, QueueLease> held = new HashMap<>();

    @Override
    protected OutboundStatePort newSyncState() {
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
    protected MessageQueriesPort queries() {
        return new JdbiMessageQueriesAdapter(db.database());
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
