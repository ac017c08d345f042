package io.jakamoconnector.app.wiring;

import io.jakamoconnector.adapter.persistence.AuditSigningKey;
import io.jakamoconnector.adapter.persistence.JdbiAuditTrailAdapter;
import io.jakamoconnector.adapter.persistence.JdbiMessageQueriesAdapter;
import io.jakamoconnector.adapter.persistence.PostgresDatabase;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The started database's adapters. They need the running database and the audit signing key (a file), so they are
 * made when the lifecycle starts this resource, not when the injector is built. What is audited before that (the
 * first tokens, requested while the database starts) waits in {@link #heldAuditTrail()} and is written first.
 */
public final class PersistenceResource implements Lifecycle.Resource {
    private final PostgresDatabase database;
    private final Path keyDirectory;
    private final Clock clock;
    private final HoldingAuditTrail held = new HoldingAuditTrail();
    private JdbiAuditTrailAdapter auditTrail;
    private JdbiMessageQueriesAdapter messageQueries;

    public PersistenceResource(PostgresDatabase database, Path keyDirectory, Clock clock) {
        this.database = database;
        this.keyDirectory = keyDirectory;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        boolean databaseStarted = false;
        try {
            database.start();
            databaseStarted = true;
            JdbiAuditTrailAdapter trail;
            try {
                trail = new JdbiAuditTrailAdapter(database, AuditSigningKey.loadOrCreate(keyDirectory), clock);
            } catch (IOException e) {
                throw new UncheckedIOException("the audit signing key in " + keyDirectory + " cannot be read or "
                        + "created: " + e.getMessage(), e);
            }
            held.release(trail);   // before the trail is handed to anyone else: what waited is written first
            auditTrail = trail;
            messageQueries = new JdbiMessageQueriesAdapter(database);
        } catch (RuntimeException e) {
            held.abandon(e);
            if (databaseStarted) {
                try {
                    database.close();   // the lifecycle closes only what started, and this did not
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    /** The database will not be started (start-up failed elsewhere): what waits for it is logged, not lost silently. */
    @Override
    public void abandon(RuntimeException why) {
        held.abandon(why);
    }

    /**
     * The audit trail for those built before the start: it holds appends until the database is up, then writes them
     * first and passes everything on to the started trail.
     */
    AuditTrailPort heldAuditTrail() {
        return held;
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
