package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.OperatorCorrectionsPort;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.port.out.InboundStatePort;
import io.jakamoconnector.domain.port.out.OutboundStatePort;
import io.jakamoconnector.domain.testing.OperatorCorrectionsPortContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The domain's OperatorCorrectionsPort contract on the real adapter and PostgreSQL; each test gets a fresh database.
 * A broken trail is a real failure of the audit insert (a constraint no row meets), so the test proves the change
 * and its event are one transaction.
 */
class JdbiOperatorCorrectionsContractIT extends OperatorCorrectionsPortContract {
    private TestDatabase db;
    private JdbiAuditTrailAdapter trail;
    private JdbiSyncStateAdapter store;
    private final Map<IntegrationName, QueueLease> held = new HashMap<>();

    @Override
    protected OutboundStatePort newSyncState() {
        db = TestDatabase.create();
        trail = TestDatabase.auditTrail(db.database());
        store = new JdbiSyncStateAdapter(db.database(), () -> trail, event -> { });
        return store;
    }

    @Override
    protected InboundStatePort inboundOfSameStore() {
        return store;
    }

    @Override
    protected OperatorCorrectionsPort corrections() {
        return new JdbiOperatorCorrectionsAdapter(db.database(), () -> trail);
    }

    @Override
    protected List<String> auditedReasons() {
        return db.database().jdbi().withHandle(h -> h.createQuery("SELECT reason FROM audit_event ORDER BY seq")
                .mapTo(String.class).list());
    }

    @Override
    protected void breakAuditTrail() {
        try (Connection owner = db.ownerConnection(); Statement s = owner.createStatement()) {
            s.execute("ALTER TABLE audit_event ADD CONSTRAINT test_no_more_events CHECK (false) NOT VALID");
        } catch (SQLException e) {
            throw new IllegalStateException("could not break the audit trail for the test", e);
        }
    }

    @Override
    protected QueueLease heldLease(IntegrationName integration) {
        return held.computeIfAbsent(integration, i -> new PostgresQueueLeaseAdapter(db.database())
                .tryAcquire(i, "test").orElseThrow());
    }

    @AfterEach
    void close() {
        held.values().forEach(QueueLease::close);
        held.clear();
        db.close();
    }
}
