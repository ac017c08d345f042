package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.adapter.persistence.AuditRows.Head;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.model.audit.CanonicalAuditForm;
import io.jakamoconnector.domain.port.out.StateStoreException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs audit checkpoints (on demand, and for the appender every {@code checkpointEvery} events), refuses to sign
 * a chain that does not check out from its newest checkpoint, and copies new checkpoints to the anchor file.
 */
final class AuditCheckpointSigner {
    private static final Logger LOG = LoggerFactory.getLogger(JdbiAuditTrailAdapter.class);
    private static final java.util.HexFormat HEX = AuditRows.HEX;

    private final PostgresDatabase database;
    private final AuditSigningKey key;
    private final Clock clock;
    private final AuditCheckpointPolicy policy;
    private final AuditChainVerifier verifier;
    private final Object anchoring = new Object();
    /** The highest checkpoint this process knows to be in the anchor file; -1 until the file was first read. */
    private long anchoredUpTo = -1;
    /** When this signer was made: checkpoints signed before it are what a missing anchor file should have held. */
    private final Instant created;
    /** Set when this process found the anchor file missing though the database held checkpoints. */
    private final AtomicReference<String> anchorMissing;

    AuditCheckpointSigner(PostgresDatabase database, AuditSigningKey key, Clock clock, AuditCheckpointPolicy policy,
                          AuditChainVerifier verifier, AtomicReference<String> anchorMissing) {
        this.database = Objects.requireNonNull(database, "database");
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.anchorMissing = Objects.requireNonNull(anchorMissing, "anchorMissing");
        this.created = clock.instant();
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
    CheckpointOutcome checkpoint() {
        // the database's checkpoint is still worth signing when the file cannot be read: appending to it fails and
        // says why
        Optional<AuditCheckpoint> anchoredCheck = lastAnchored();
        CheckpointOutcome outcome;
        try {
            outcome = database.jdbi().inTransaction(TransactionIsolationLevel.REPEATABLE_READ,
                    h -> checkpoint(h, anchoredCheck));
        } catch (JdbiException e) {
            throw SqlFailures.translate("signing an audit checkpoint", e);
        }
        if (!(outcome instanceof CheckpointOutcome.Refused)) {
            anchorNewCheckpoints();
        }
        return outcome;
    }

    private CheckpointOutcome checkpoint(Handle h, Optional<AuditCheckpoint> lastAnchored) {
        Head head = AuditRows.readHead(h);
        Optional<CheckpointOutcome.Refused> refused = refusal(h, head, lastAnchored);
        if (refused.isPresent()) {
            return refused.get();
        }
        long latest = latestCheckpoint(h);
        if (head.seq() == 0 || head.seq() <= latest) {
            return new CheckpointOutcome.Covered(latest);
        }
        AuditCheckpoint checkpoint = sign(head.seq(), head.hash());
        insertCheckpoint(h, checkpoint);
        return new CheckpointOutcome.Signed(checkpoint);
    }

    private static long latestCheckpoint(Handle h) {
        return h.createQuery("SELECT coalesce(max(seq), 0) FROM audit_checkpoint").mapTo(Long.class).one();
    }

    /**
     * Why signing {@code head} (a checkpoint, an export's last line) would vouch for a rewritten chain, if it would:
     * the anchor file's newest checkpoint is not in the database as it was anchored, or lies beyond the head; the
     * newest checkpoint in the database lies beyond the head, or its event no longer has its hash; or the events
     * since it do not verify from it. Costs the events since the newest checkpoint, not the whole chain.
     */
    Optional<CheckpointOutcome.Refused> refusal(Handle h, Head head, Optional<AuditCheckpoint> lastAnchored) {
        if (lastAnchored.isPresent() && lastAnchored.get().keyId().equals(key.keyId())) {
            AuditCheckpoint anchored = lastAnchored.get();
            if (anchored.seq() > head.seq()) {
                return Optional.of(new CheckpointOutcome.Refused(head.seq() + 1, "the anchor file "
                        + policy.anchor().get() + " holds a checkpoint at event " + anchored.seq()
                        + " but the chain's head is " + head.seq() + ": events were cut off"));
            }
            Optional<String> stored = h.createQuery("SELECT hash FROM audit_checkpoint WHERE seq = :seq")
                    .bind("seq", anchored.seq()).mapTo(byte[].class).findOne().map(HEX::formatHex);
            if (!stored.equals(Optional.of(anchored.hashHex()))) {
                return Optional.of(new CheckpointOutcome.Refused(anchored.seq(), "the checkpoint at event "
                        + anchored.seq() + " in the anchor file " + policy.anchor().get() + (stored.isEmpty()
                        ? " is no longer in the database" : " differs from the database's")));
            }
        }
        long latest = latestCheckpoint(h);
        if (latest == 0) {
            AuditVerification all = verifier.verify(h, 0);
            return all instanceof AuditVerification.Broken b
                    ? Optional.of(new CheckpointOutcome.Refused(b.firstBadSequence(), b.reason())) : Optional.empty();
        }
        if (latest > head.seq()) {
            return Optional.of(new CheckpointOutcome.Refused(head.seq() + 1, "the chain's head is event " + head.seq()
                    + " but a checkpoint was signed at event " + latest + ": events were cut off"));
        }
        Optional<String> eventHash = h.createQuery("SELECT hash FROM audit_event WHERE seq = :seq")
                .bind("seq", latest).mapTo(byte[].class).findOne().map(HEX::formatHex);
        Optional<String> signed = h.createQuery("SELECT hash FROM audit_checkpoint WHERE seq = :seq")
                .bind("seq", latest).mapTo(byte[].class).findOne().map(HEX::formatHex);
        if (!eventHash.equals(signed)) {
            return Optional.of(new CheckpointOutcome.Refused(latest, "event " + latest + (eventHash.isEmpty()
                    ? " is missing" : " differs from the signed checkpoint at " + latest)));
        }
        AuditVerification since = verifier.verify(h, latest);
        return since instanceof AuditVerification.Broken b
                ? Optional.of(new CheckpointOutcome.Refused(b.firstBadSequence(), b.reason())) : Optional.empty();
    }

    /**
     * Appends to the anchor file every checkpoint signed by this installation's key that it does not hold yet,
     * including those signed every {@code checkpointEvery} events inside other transactions: only committed ones
     * are read, so the file never holds a checkpoint the database rolled back.
     */
    private void anchorNewCheckpoints() {
        if (policy.anchor().isEmpty()) {
            return;
        }
        AuditAnchorFile anchor = policy.anchor().get();
        synchronized (anchoring) {
            try {
                if (anchoredUpTo < 0) {
                    anchoredUpTo = anchor.last().map(AuditCheckpoint::seq).orElse(0L);
                    if (!anchor.exists()) {
                        long held = countOwnCheckpointsSignedBefore(created);
                        if (held > 0) {
                            anchorMissing.set("the anchor file " + anchor + " did not exist, though the database holds "
                                    + held + " checkpoint(s) signed by this installation's key; it was started anew "
                                    + "from them. If it was moved deliberately, keep the old copy with your evidence; "
                                    + "if not, find out who removed it (after an upgrade to a version with anchor "
                                    + "files this is expected once)");
                            LOG.warn("{}", anchorMissing.get());
                        }
                    }
                }
                List<AuditCheckpoint> fresh = new ArrayList<>();
                database.jdbi().useHandle(h -> h.createQuery("SELECT seq, hash, signed_at, key_id, signature "
                                + "FROM audit_checkpoint WHERE seq > :from ORDER BY seq")
                        .bind("from", anchoredUpTo).map(AuditRows::checkpointRow)
                        .forEach(c -> {
                            if (problemWith(key, c).isEmpty()) {
                                fresh.add(c);
                            }
                        }));
                anchor.append(fresh);
                SystemdJournalAnchor.send(fresh);
                if (!fresh.isEmpty()) {
                    anchoredUpTo = fresh.get(fresh.size() - 1).seq();
                }
            } catch (IOException e) {
                throw anchorFailure("appending to", e);
            } catch (JdbiException e) {
                throw SqlFailures.translate("reading the checkpoints to anchor", e);
            }
        }
    }

    private long countOwnCheckpointsSignedBefore(Instant instant) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_checkpoint "
                + "WHERE key_id = :key AND signed_at < :before").bind("key", key.keyId()).bind("before", instant)
                .mapTo(Long.class).one());
    }

    private StateStoreException anchorFailure(String doing, IOException e) {
        return new StateStoreException(doing + " the audit anchor file " + policy.anchor().map(Object::toString)
                .orElse("") + " failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); fix: the "
                + "connector's user must be able to create and append to it (audit.anchorFile)", true, e);
    }

    AuditCheckpoint sign(long seq, byte[] hash) {
        AuditCheckpoint unsigned = new AuditCheckpoint(seq, HEX.formatHex(hash),
                CanonicalAuditForm.storedTime(clock.instant()), key.keyId(), new byte[0]);
        return new AuditCheckpoint(seq, unsigned.hashHex(), unsigned.signedAt(), unsigned.keyId(),
                key.sign(unsigned.signedBytes()));
    }

    static void insertCheckpoint(Handle h, AuditCheckpoint checkpoint) {
        h.createUpdate("INSERT INTO audit_checkpoint (seq, hash, signed_at, key_id, signature) "
                        + "VALUES (:seq, :hash, :signedAt, :keyId, :signature) ON CONFLICT (seq) DO NOTHING")
                .bind("seq", checkpoint.seq()).bind("hash", HEX.parseHex(checkpoint.hashHex()))
                .bind("signedAt", checkpoint.signedAt()).bind("keyId", checkpoint.keyId())
                .bind("signature", checkpoint.signature()).execute();
    }

    /** Why a checkpoint cannot be trusted, if it cannot. */
    static Optional<String> problemWith(AuditSigningKey key, AuditCheckpoint checkpoint) {
        if (!checkpoint.keyId().equals(key.keyId())) {
            return Optional.of("checkpoint at " + checkpoint.seq() + " was signed by key " + checkpoint.keyId()
                    + ", not by this connector's key " + key.keyId() + " (if another instance on this database signed "
                    + "it, every instance must have the same audit-signing.key and .pub: copy them from the first "
                    + "instance's data directory; otherwise someone with write access to the database added it)");
        }
        if (!key.verify(checkpoint.signedBytes(), checkpoint.signature())) {
            return Optional.of("the signature of the checkpoint at " + checkpoint.seq() + " is not valid");
        }
        return Optional.empty();
    }

    /** The anchor file's newest checkpoint; empty without a file, or when it cannot be read (logged at DEBUG). */
    Optional<AuditCheckpoint> lastAnchored() {
        if (policy.anchor().isEmpty()) {
            return Optional.empty();
        }
        try {
            return policy.anchor().get().last();
        } catch (IOException e) {
            LOG.debug("the anchor file {} cannot be read", policy.anchor().get(), e);
            return Optional.empty();
        }
    }
}
