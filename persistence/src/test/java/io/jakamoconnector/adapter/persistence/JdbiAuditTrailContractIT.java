package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.testing.AuditTrailPortContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The domain's AuditTrailPort contract on the real adapter and PostgreSQL. */
class JdbiAuditTrailContractIT extends AuditTrailPortContract {
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
