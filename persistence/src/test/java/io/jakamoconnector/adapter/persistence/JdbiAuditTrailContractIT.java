package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.audit.AuditCoverage;
import io.jakamoconnector.domain.port.out.AuditRetentionPort;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.testing.AuditTrailPortContract;
import io.jakamoconnector.domain.testing.AuditTrailTampering;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;

/** The domain's AuditTrailPort contract on the real adapter and PostgreSQL. */
class JdbiAuditTrailContractIT extends AuditTrailPortContract {
    private static final long ASIDE = 1_000_000L;
    private final List<TestDatabase> databases = new ArrayList<>();
    private final Map<AuditTrailPort, TestDatabase> databaseOf = new IdentityHashMap<>();

    @Override
    protected AuditTrailPort newTrail() {
        TestDatabase db = TestDatabase.create();
        databases.add(db);
        try {
            Path keys = Files.createTempDirectory("audit-keys");
            AuditTrailPort trail = new JdbiAuditTrailAdapter(db.database(), AuditSigningKey.loadOrCreate(keys),
                    Clock.systemUTC(), 10);
            databaseOf.put(trail, db);
            return trail;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As the database owner with the append-only triggers off, as an insider could; the head is left alone. */
    @Override
    protected AuditTrailTampering tamperingOf(AuditTrailPort trail) {
        TestDatabase db = databaseOf.get(trail);
        Consumer<Consumer<Handle>> asOwner = change -> Jdbi.create(db.jdbcUrl(), db.user(),
                db.password() == null ? null : new String(db.password())).useTransaction(h -> {
                    h.execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
                    change.accept(h);
                    h.execute("ALTER TABLE audit_event ENABLE TRIGGER USER");
                });
        return new AuditTrailTampering() {
            @Override
            public void edit(long seq) {
                asOwner.accept(h -> h.execute("UPDATE audit_event SET reason = 'forged' WHERE seq = ?", seq));
            }

            @Override
            public void delete(long seq) {
                asOwner.accept(h -> h.execute("DELETE FROM audit_event WHERE seq = ?", seq));
            }

            @Override
            public void swapWithNext(long seq) {
                asOwner.accept(h -> {
                    h.execute("UPDATE audit_event SET seq = ? WHERE seq = ?", ASIDE, seq);
                    h.execute("UPDATE audit_event SET seq = ? WHERE seq = ?", seq, seq + 1);
                    h.execute("UPDATE audit_event SET seq = ? WHERE seq = ?", seq + 1, ASIDE);
                });
            }

            @Override
            public void truncateAfter(long seq) {
                asOwner.accept(h -> h.execute("DELETE FROM audit_event WHERE seq > ?", seq));
            }
        };
    }

    @Override
    protected AuditRetentionPort retentionOf(AuditTrailPort trail) {
        return (JdbiAuditTrailAdapter) trail;
    }

    /** A real export, as 'audit export' writes it; the database records its signed head. */
    @Override
    protected AuditCoverage exportAll(AuditTrailPort trail) {
        try {
            AuditExportSummary summary = ((JdbiAuditTrailAdapter) trail).export(AuditExportFilter.everything(),
                    java.io.OutputStream.nullOutputStream());
            return new AuditCoverage("export.jsonl", summary.checkpoint().seq(), summary.checkpoint().hashHex());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void close() {
        databases.forEach(TestDatabase::close);
    }
}
