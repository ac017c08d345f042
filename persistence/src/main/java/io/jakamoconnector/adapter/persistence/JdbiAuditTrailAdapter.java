package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.audit.AuditCoverage;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditHorizon;
import io.jakamoconnector.domain.model.audit.AuditPruneOutcome;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.model.audit.CanonicalAuditForm;
import io.jakamoconnector.domain.port.out.AuditRetentionPort;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.port.out.StateStoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;

/**
 * The audit trail in PostgreSQL: an append-only, hash-chained table ({@link CanonicalAuditForm}) with signed
 * checkpoints every {@code checkpointEvery} events and on demand ({@link #checkpoint()}). The work is done by an
 * {@link AuditAppender} (the chain and its group commit), an {@link AuditCheckpointSigner} (checkpoints and the
 * anchor file), an {@link AuditChainVerifier} and an {@link AuditExporter}; this class is what the rest of the
 * connector holds.
 *
 * <p>{@link #append} returns only once its event is committed; one writer thread commits the appends of all threads
 * in groups (one head lock and one commit each), so a descheduled thread stalls nobody else's append. Close the
 * adapter before its database: {@link #close()} commits what is queued and stops that thread.
 * {@link #appendWithin} writes events in another unit of work's transaction instead, so a state change and its events
 * commit together (see {@link JdbiSyncStateAdapter}).
 */
public final class JdbiAuditTrailAdapter implements AuditTrailPort, AuditRetentionPort, AutoCloseable {
    public static final int DEFAULT_CHECKPOINT_EVERY = 1000;

    private final AuditAppender appender;
    private final AuditCheckpointSigner signer;
    private final AuditChainVerifier verifier;
    private final AuditExporter exporter;
    private final AuditPruner pruner;

    /** Checkpoints as {@code policy} says: its schedule is what {@link #verify()} then demands. */
    public JdbiAuditTrailAdapter(PostgresDatabase database, AuditSigningKey key, Clock clock,
                                 AuditCheckpointPolicy policy) {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(policy, "policy");
        AtomicReference<String> anchorMissing = new AtomicReference<>();
        this.verifier = new AuditChainVerifier(database, key, clock, policy, anchorMissing);
        this.signer = new AuditCheckpointSigner(database, key, clock, policy, verifier, anchorMissing);
        this.appender = new AuditAppender(database, signer, policy.every());
        this.exporter = new AuditExporter(database, key, signer);
        this.pruner = new AuditPruner(database, key, clock, verifier);
    }

    /**
     * Without a schedule or an anchor (tools and tests).
     *
     * @param checkpointEvery sign a checkpoint at every event whose sequence number is a multiple of this
     */
    public JdbiAuditTrailAdapter(PostgresDatabase database, AuditSigningKey key, Clock clock, int checkpointEvery) {
        this(database, key, clock, AuditCheckpointPolicy.everyEvents(checkpointEvery));
    }

    public JdbiAuditTrailAdapter(PostgresDatabase database, AuditSigningKey key, Clock clock) {
        this(database, key, clock, DEFAULT_CHECKPOINT_EVERY);
    }

    @Override
    public void append(AuditEvent event) {
        appender.append(event);
    }

    /** The chain and its writer, for tests in this package. */
    AuditAppender appender() {
        return appender;
    }

    /**
     * Commits every append queued so far, then stops the writer thread; call it before the database closes. Appends
     * after it still work, each committed on its caller's thread.
     */
    @Override
    public void close() {
        appender.close();
    }

    /**
     * Appends {@code events}, in order, inside the transaction open on {@code h}: they are committed or rolled back
     * with it. This takes the chain head's row lock, which every other appender waits for until that transaction
     * ends, so call it as the transaction's last step. Not counted by {@link #append}'s callers; the caller reports
     * the events once its transaction has committed.
     */
    public void appendWithin(Handle h, List<AuditEvent> events) {
        appender.appendWithin(h, events);
    }

    /**
     * Signs the chain's current head unless a checkpoint already covers it, then copies every checkpoint not yet in
     * the anchor file there. The connector calls it on a schedule, at start-up (closing the gap a crash left) and at
     * shutdown. It signs only what checks out: the events since the newest checkpoint must verify from it, and the
     * anchor file's newest checkpoint must still be in the database with the same hash; otherwise it refuses, as
     * signing would vouch for a rewritten chain. It reads in a snapshot and locks nothing appenders wait for.
     *
     * @throws StateStoreException when the database cannot be read or written, or the anchor file not appended to
     */
    public CheckpointOutcome checkpoint() {
        return signer.checkpoint();
    }

    /**
     * Recomputes every hash from the first event and checks every checkpoint, the chain head, the anchor file and
     * the schedule, in one snapshot. See {@link #verifyInDetail}.
     */
    @Override
    public AuditVerification verify() {
        return verifyInDetail(Optional.empty()).result();
    }

    /**
     * Recomputes every hash from the first event and checks, in one snapshot: every checkpoint in the database (its
     * signature, and that the chain has its hash at its sequence number); the chain's head; every checkpoint in the
     * anchor file, and {@code against} (an earlier export's), the same way, so one beyond the head shows a cut-off
     * tail; and, where the policy has a schedule, that every event older than the interval plus
     * {@link AuditCheckpointPolicy#GRACE} is covered by a checkpoint at or after it.
     */
    public AuditVerificationReport verifyInDetail(Optional<AuditCheckpoint> against) {
        return verifier.verifyInDetail(against);
    }

    /**
     * Verifies from the signed checkpoint at {@code fromCheckpoint} (0: from the first event) to the end, on the
     * given handle. The checkpoint's signature makes its hash a trusted starting point. Counts only what it read.
     */
    AuditVerification verify(Handle h, long fromCheckpoint) {
        return verifier.verify(h, fromCheckpoint);
    }

    /**
     * Writes the events that pass {@code filter} as JSON Lines, in sequence order, streaming (constant memory),
     * then a final line with a checkpoint freshly signed over the chain's head as the export began (unless the chain
     * does not check out from its newest checkpoint, as {@link #checkpoint()} would refuse: then nothing is written):
     * {@code {"checkpoint":{"seq":…,"hash":"…","signed_at":"…","key_id":"…","algorithm":"Ed25519",
     * "public_key":"…","signature":"…"},"events":…}}. The caller owns (and closes) {@code out}.
     */
    public AuditExportSummary export(AuditExportFilter filter, OutputStream out) throws IOException {
        return exporter.export(filter, out);
    }

    /**
     * Removes the events older than {@code before} that {@code coverage} covers: it must be the signed head of an
     * export this database recorded ({@link #export} records each), the whole trail must verify, and the horizon is
     * put at the newest signed checkpoint among the old events (see {@link AuditPruner}).
     */
    @Override
    public AuditPruneOutcome prune(Instant before, AuditCoverage coverage) {
        return pruner.prune(before, coverage);
    }

    /**
     * {@link #prune(Instant, AuditCoverage)} covered by the export file {@code export}, after checking that its last
     * line is a checkpoint signed by this installation and that it holds every kept event up to it, unfiltered.
     *
     * @throws IOException when the file cannot be read
     */
    public AuditPruneOutcome pruneCoveredBy(Instant before, Path export) throws IOException {
        return pruner.pruneCoveredBy(before, export);
    }

    /** The newest export recorded by {@link #export}, with a valid signature: what a scheduled prune may rely on. */
    public Optional<AuditCoverage> newestRecordedExport() {
        return pruner.newestRecordedExport();
    }

    /** When the oldest event still in the trail was written; empty when it holds none. */
    public Optional<Instant> oldestKept() {
        return pruner.oldestKept();
    }

    @Override
    public Optional<AuditHorizon> horizon() {
        return pruner.horizon();
    }
}
