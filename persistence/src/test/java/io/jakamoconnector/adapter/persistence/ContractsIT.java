package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.port.out.QueueLeasePort;
import io.jakamoconnector.domain.port.out.SyncStatePort;
import io.jakamoconnector.domain.testing.AuditTrailPortContract;
import io.jakamoconnector.domain.testing.QueueLeasePortContract;
import io.jakamoconnector.domain.testing.SyncStatePortContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** The domain's port contracts, run against the real adapters on real PostgreSQL. */
class ContractsIT {

    @Nested
    class SyncState extends SyncStatePortContract {
        private TestDatabase db;
        private PostgresQueueLeaseAdapter leases;
        private final Map<IntegrationName, QueueLease> held = new HashMap<>();

        @Override
        protected SyncStatePort newSyncState() {
            db = TestDatabase.create();
            leases = new PostgresQueueLeaseAdapter(db.database());
            return new JdbiSyncStateAdapter(db.database());
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
                for (int i = 0; i < 100 && !held.containsKey(integration); i++) {
                    leases.tryAcquire(integration, "taker").ifPresent(taker -> held.put(integration, taker));
                    Thread.sleep(20);
                }
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

    @Nested
    class AuditTrail extends AuditTrailPortContract {
        private final List<TestDatabase> databases = new ArrayList<>();

        @Override
        protected AuditTrailPort newTrail() {
            TestDatabase db = TestDatabase.create();
            databases.add(db);
            try {
                Path keys = Files.createTempDirectory("audit-keys");
                return new JdbiAuditTrailAdapter(db.database(), AuditSigningKey.loadOrCreate(keys),
                        Clock.systemUTC(), 10);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @AfterEach
        void close() {
            databases.forEach(TestDatabase::close);
        }
    }

    @Nested
    class QueueLeases extends QueueLeasePortContract {
        private TestDatabase db;
        private ExternalDatabase a;
        private ExternalDatabase b;

        private synchronized void open() {
            if (db == null) {
                db = TestDatabase.create();
                db.database();
                a = db.unstarted(1);
                a.start();
                b = db.unstarted(1);
                b.start();
            }
        }

        @Override
        protected QueueLeasePort instanceA() {
            open();
            return new PostgresQueueLeaseAdapter(a);
        }

        @Override
        protected QueueLeasePort instanceB() {
            open();
            return new PostgresQueueLeaseAdapter(b);
        }

        @AfterEach
        void close() {
            a.close();
            b.close();
            db.close();
        }
    }
}
