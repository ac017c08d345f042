package io.jakamoconnector.app.wiring;

import io.jakamoconnector.adapter.persistence.AuditAnchorFile;
import io.jakamoconnector.adapter.persistence.AuditCheckpointPolicy;
import io.jakamoconnector.adapter.persistence.AuditSigningKey;
import io.jakamoconnector.adapter.persistence.CheckpointOutcome;
import io.jakamoconnector.adapter.persistence.JdbiAuditQueriesAdapter;
import io.jakamoconnector.adapter.persistence.JdbiAuditTrailAdapter;
import io.jakamoconnector.adapter.persistence.JdbiMessageQueriesAdapter;
import io.jakamoconnector.adapter.persistence.JdbiOperatorCorrectionsAdapter;
import io.jakamoconnector.adapter.persistence.PostgresDatabase;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.service.AuditWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The started database's adapters. They need the running database and the audit signing key (a file), so they are
 * made when the lifecycle starts this resource, not when the injector is built. What is audited before that (the
 * first tokens, requested while the database starts) waits in {@link #heldAuditTrail()} and is written first.
 */
public final class PersistenceResource implements Lifecycle.Resource {
    private final PostgresDatabase database;
    private final Path keyDirectory;
    private final Clock clock;
    private final Duration checkpointInterval;
    private final Path anchorFile;
    private final String node;
    private final HoldingAuditTrail held = new HoldingAuditTrail();
    private JdbiAuditTrailAdapter auditTrail;
    private JdbiMessageQueriesAdapter messageQueries;
    private JdbiAuditQueriesAdapter auditQueries;
    private JdbiOperatorCorrectionsAdapter operatorCorrections;
    private AuditCheckpoints checkpoints;

    /**
     * @param checkpointInterval how often the audit chain's head is signed while events are written
     * @param anchorFile         where every checkpoint is also appended, outside the database
     * @param node               this instance, as its audit events name it (a refused checkpoint is one)
     */
    public PersistenceResource(PostgresDatabase database, Path keyDirectory, Clock clock, Duration checkpointInterval,
                               Path anchorFile, String node) {
        this.node = node;
        this.database = database;
        this.keyDirectory = keyDirectory;
        this.clock = clock;
        this.checkpointInterval = checkpointInterval;
        this.anchorFile = anchorFile;
    }

    @Override
    public synchronized void start() {
        boolean databaseStarted = false;
        try {
            database.start();
            databaseStarted = true;
            JdbiAuditTrailAdapter trail;
            try {
                trail = new JdbiAuditTrailAdapter(database, AuditSigningKey.loadOrCreate(keyDirectory), clock,
                        AuditCheckpointPolicy.scheduled(checkpointInterval, new AuditAnchorFile(anchorFile)));
            } catch (IOException e) {
                throw new UncheckedIOException("the audit signing key in " + keyDirectory + " cannot be read or "
                        + "created: " + e.getMessage(), e);
            }
            held.release(trail);   // before the trail is handed to anyone else: what waited is written first
            auditTrail = trail;
            messageQueries = new JdbiMessageQueriesAdapter(database);
            auditQueries = new JdbiAuditQueriesAdapter(database);
            operatorCorrections = new JdbiOperatorCorrectionsAdapter(database, this::auditTrail);
            checkpoints = new AuditCheckpoints(trail, checkpointInterval, new AuditWriter(trail, clock, node));
            // what an earlier run wrote after its last checkpoint (it was killed) is signed before anything new
            checkpoints.sign("at start");
            checkpoints.start();
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

    /** The operator's reads of the audit trail: a document's history and when documents were sent. */
    public synchronized JdbiAuditQueriesAdapter auditQueries() {
        if (auditQueries == null) {
            throw new IllegalStateException("the persistence resource has not been started");
        }
        return auditQueries;
    }

    /** Where the operator's corrections are written, each with its audit event in the same transaction. */
    public synchronized JdbiOperatorCorrectionsAdapter operatorCorrections() {
        if (operatorCorrections == null) {
            throw new IllegalStateException("the persistence resource has not been started");
        }
        return operatorCorrections;
    }

    /** Signs the audit chain's head now, as a scheduled tick would (the demo shows it). */
    public synchronized CheckpointOutcome checkpointNow() {
        if (checkpoints == null) {
            throw new IllegalStateException("the persistence resource has not been started");
        }
        return checkpoints.sign("on request");
    }

    /**
     * Stops the checkpoint ticks, commits the audit appends still queued, and signs what was written since the last
     * checkpoint before the database closes.
     */
    @Override
    public void close() {
        AuditCheckpoints last;
        JdbiAuditTrailAdapter trail;
        synchronized (this) {
            last = checkpoints;
            trail = auditTrail;
        }
        if (last != null) {
            last.stop();
        }
        if (trail != null) {
            trail.close();
        }
        if (last != null) {
            last.sign("at stop");
        }
        database.close();
    }
}
