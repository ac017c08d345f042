package io.jakamoconnector.app.wiring;

import io.jakamoconnector.adapter.persistence.AuditSigningKey;
import io.jakamoconnector.adapter.persistence.JdbiAuditTrailAdapter;
import io.jakamoconnector.adapter.persistence.JdbiMessageQueriesAdapter;
import io.jakamoconnector.adapter.persistence.PostgresDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The started database's adapters. They need the running database and the audit signing key (a file), so they are
 * made when the lifecycle starts this resource, not when the injector is built.
 */
public final class PersistenceResource implements Lifecycle.Resource {
    private final PostgresDatabase database;
    private final Path keyDirectory;
    private final Clock clock;
    private JdbiAuditTrailAdapter auditTrail;
    private JdbiMessageQueriesAdapter messageQueries;

    public PersistenceResource(PostgresDatabase database, Path keyDirectory, Clock clock) {
        this.database = database;
        this.keyDirectory = keyDirectory;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        database.start();
        try {
            auditTrail = new JdbiAuditTrailAdapter(database, AuditSigningKey.loadOrCreate(keyDirectory), clock);
            messageQueries = new JdbiMessageQueriesAdapter(database);
        } catch (IOException e) {
            throw new UncheckedIOException("the audit signing key in " + keyDirectory + " cannot be read or created: "
                    + e.getMessage(), e);
        }
    }

    public PostgresDatabase database() {
        return database;
    }

    public synchronized JdbiAuditTrailAdapter auditTrail() {
        if (auditTrail == null) {
            throw new IllegalStateException("the persistence resource has not been started");
        }
        return auditTrail;
    }

    public synchronized JdbiMessageQueriesAdapter messageQueries() {
        if (messageQueries == null) {
            throw new IllegalStateException("the persistence resource has not been started");
        }
        return messageQueries;
    }

    @Override
    public void close() {
        database.close();
    }
}
