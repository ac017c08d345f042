package io.jakamoconnector.adapter.persistence;

import static org.awaitility.Awaitility.await;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.InboundStatePort;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.testing.InboundStatePortContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The domain's InboundStatePort contract on the real adapter and PostgreSQL; each test gets a fresh database. */
class JdbiInboundStateContractIT extends InboundStatePortContract {
    private TestDatabase db;
    private PostgresQueueLeaseAdapter leases;
    private final Map<IntegrationName, QueueLease> held = new HashMap<>();

    @Override
    protected InboundStatePort newInboundState() {
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
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        // the server frees the advisory lock once the terminated backend has gone
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            leases.tryAcquire(integration, "taker").ifPresent(taker -> held.put(integration, taker));
            return held.containsKey(integration);
        });
        return stale;
    }

    @AfterEach
    void close() {
        held.values().forEach(QueueLease::close);
        held.clear();
        db.close();
    }
}
