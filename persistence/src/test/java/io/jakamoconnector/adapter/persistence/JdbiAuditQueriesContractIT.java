package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.port.out.AuditQueriesPort;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.testing.AuditQueriesPortContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The domain's AuditQueriesPort contract on the real adapter and PostgreSQL, reading what the real trail wrote. */
class JdbiAuditQueriesContractIT extends AuditQueriesPortContract {
    private final List<TestDatabase> databases = new ArrayList<>();
    private TestDatabase current;

    @Override
    protected AuditTrailPort newTrail() {
        current = TestDatabase.create();
        databases.add(current);
        try {
            return new JdbiAuditTrailAdapter(current.database(),
                    AuditSigningKey.loadOrCreate(Files.createTempDirectory("audit-keys")), Clock.systemUTC(), 10);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected AuditQueriesPort queries() {
        return new JdbiAuditQueriesAdapter(current.database());
    }

    @AfterEach
    void close() {
        databases.forEach(TestDatabase::close);
    }
}
