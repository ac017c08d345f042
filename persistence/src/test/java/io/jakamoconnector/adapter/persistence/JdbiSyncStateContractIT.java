package io.jakamoconnector.adapter.persistence;

import static org.awaitility.Awaitility.await;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.port.out.SyncStatePort;
import io.jakamoconnector.domain.testing.SyncStatePortContract;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/** The domain's SyncStatePort contract on the real adapter and PostgreSQL; each test gets a fresh database. */
class JdbiSyncStateContractIT extends SyncStatePortContract {
    private TestDatabase db;
    private PostgresQueueLeaseAdapter leases;
    private final Map<IntegrationName, QueueLease> held = new HashMap<>();

    @Override
    protected SyncStatePort newSyncState() {
        db = TestDatabase.create();
        leases = new PostgresQueueLeaseAdapter(db.database());
        return TestDatabase.syncState(db.database());
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

    /** Held, then its connection dropped and another holder took over, as after a network split. */
    @Override
    protected QueueLease staleLease(IntegrationName integration) {
        QueueLease stale = heldLease(integration);
        held.remove(integration);
        try (Connection owner = db.ownerConnection(); Statement s = owner.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
                    + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
            // the server lets go of the dead holder's lock a moment later: until then the taker is refused
            held.put(integration, await("another holder taking the lease over").atMost(Duration.ofSeconds(10))
                    .pollInSameThread().pollInterval(Duration.ofMillis(20))
                    .until(() -> leases.tryAcquire(integration, "taker"), Optional::isPresent).orElseThrow());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return stale;
    }

    @AfterEach
    void close() {
        held.values().forEach(QueueLease::close);
        held.clear();
        db.close();
    }
}
