package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.adapter.persistence.AuditRows.Head;
import io.jakamoconnector.domain.model.audit.AuditChain;
import io.jakamoconnector.domain.model.audit.AuditHorizon;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.model.audit.CanonicalAuditForm;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Verifies the audit trail: recomputes the chain with the domain's rules ({@link AuditChain}) and checks every signed
 * checkpoint, in the database, the anchor file, the system journal and an earlier export, and the schedule.
 */
final class AuditChainVerifier {
    private static final HexFormat HEX = AuditRows.HEX;

    private final PostgresDatabase database;
    private final AuditSigningKey key;
    private final Clock clock;
    private final AuditCheckpointPolicy policy;
    /** Set by the signer when it found the anchor file missing though the database held checkpoints. */
    private final AtomicReference<String> anchorMissing;

    AuditChainVerifier(PostgresDatabase database, AuditSigningKey key, Clock clock, AuditCheckpointPolicy policy,
                       AtomicReference<String> anchorMissing) {
        this.database = Objects.requireNonNull(database, "database");
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.anchorMissing = Objects.requireNonNull(anchorMissing, "anchorMissing");
    }

    /** A signed checkpoint kept outside the database (an anchor file line, an export), and where it was found. */
    private record External(AuditCheckpoint checkpoint, String source) {
    }

    /**
     * Recomputes every hash from the first event and checks, in one snapshot: every checkpoint in the database (its
     * signature, and that the chain has its hash at its sequence number); the chain's head; every checkpoint in the
     * anchor file, and {@code against} (an earlier export's), the same way, so one beyond the head shows a cut-off
     * tail; and, where the policy has a schedule, that every event older than the interval plus
     * {@link AuditCheckpointPolicy#GRACE} is covered by a checkpoint at or after it.
     */
    AuditVerificationReport verifyInDetail(Optional<AuditCheckpoint> against) {
        List<String> warnings = new ArrayList<>();
        List<External> externals = new ArrayList<>();
        against.ifPresent(c -> externals.add(new External(c, "the export's checkpoint")));
        boolean anchorFileMissing = false;
        if (policy.anchor().isPresent()) {
            AuditAnchorFile anchor = policy.anchor().get();
            try {
                Optional<List<AuditAnchorFile.Line>> lines = anchor.read();
                anchorFileMissing = lines.isEmpty();
                for (AuditAnchorFile.Line line : lines.orElse(List.of())) {
                    String where = "line " + line.number() + " of the anchor file " + anchor;
                    line.checkpoint().ifPresentOrElse(c -> externals.add(new External(c, where)),
                            () -> warnings.add(where + " is not a checkpoint (a write cut short by a crash, or an "
                                    + "edit): " + abbreviate(line.text())));
                }
            } catch (IOException e) {
                warnings.add("the anchor file " + anchor + " cannot be read (" + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + "), so its checkpoints were not checked; fix: make it readable by the "
                        + "connector's user, or set audit.anchorFile to where it is");
            }
        }
        if (policy.anchor().isPresent()) {
            SystemdJournalAnchor.read(key.keyId(), warnings).ifPresent(journal -> journal.forEach(c -> externals.add(
                    new External(c, "the system journal (" + SystemdJournalAnchor.IDENTIFIER + ")"))));
        }
        String missing = anchorMissing.get();
        if (missing != null) {
            warnings.add(missing);
        }
        Instant deadline = policy.interval().map(i -> clock.instant().minus(i).minus(AuditCheckpointPolicy.GRACE))
                .orElse(null);
        boolean checkAnchorPresence = anchorFileMissing;
        try {
            AuditVerification result = database.jdbi().inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
                h.execute("SET TRANSACTION READ ONLY");
                h.execute(AuditRows.NO_IDLE_LIMIT);
                if (checkAnchorPresence) {
                    long own = h.createQuery("SELECT count(*) FROM audit_checkpoint WHERE key_id = :key")
                            .bind("key", key.keyId()).mapTo(Long.class).one();
                    if (own > 0) {
                        warnings.add("the anchor file " + policy.anchor().get() + " does not exist, though the "
                                + "database holds " + own + " checkpoint(s) signed by this installation's key: "
                                + "restore it from your backup or SIEM, or, if it was moved deliberately, set "
                                + "audit.anchorFile to where it is now");
                    }
                }
                Optional<AuditPruner.HorizonRow> horizon = AuditPruner.horizonRow(h);
                if (horizon.isEmpty()) {
                    return verify(h, 0, externals, deadline);
                }
                AuditHorizon at = horizon.get().horizon();
                List<External> withExport = new ArrayList<>(externals);
                withExport.add(new External(horizon.get().export(), "the export " + at.coveredBy()
                        + " recorded by the prune of " + at.prunedAt()));
                AuditVerification fromHorizon = verify(h, at.lastRemoved(), withExport, deadline);
                if (fromHorizon instanceof AuditVerification.Intact intact) {
                    return new AuditVerification.Intact(intact.events(), intact.lastSequence(),
                            intact.checkpoints(), Optional.of(at));
                }
                return fromHorizon;
            });
            return new AuditVerificationReport(result, warnings);
        } catch (JdbiException e) {
            throw SqlFailures.translate("verifying the audit trail", e);
        }
    }

    static String inWords(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    /**
     * Verifies from the signed checkpoint at {@code fromCheckpoint} (0: from the first event) to the end, on the
     * given handle. The checkpoint's signature makes its hash a trusted starting point. Counts only what it read.
     */
    AuditVerification verify(Handle h, long fromCheckpoint) {
        return verify(h, fromCheckpoint, List.of(), null);
    }

    private AuditVerification verify(Handle h, long fromCheckpoint, List<External> externals, Instant deadline) {
        TreeMap<Long, AuditCheckpoint> checkpoints = new TreeMap<>();
        h.createQuery("SELECT seq, hash, signed_at, key_id, signature FROM audit_checkpoint WHERE seq >= :from "
                        + "ORDER BY seq")
                .bind("from", fromCheckpoint)
                .map(AuditRows::checkpointRow)
                .forEach(c -> checkpoints.put(c.seq(), c));
        long anchor = 0;
        byte[] anchorHash = CanonicalAuditForm.genesis();
        if (fromCheckpoint > 0) {
            AuditCheckpoint start = checkpoints.remove(fromCheckpoint);
            if (start == null) {
                return new AuditVerification.Broken(fromCheckpoint + 1, "the trail starts after event "
                        + fromCheckpoint + " (a prune's horizon), but no signed checkpoint holds that event's hash: "
                        + "the connector never puts a horizon there, so the events before it were removed behind "
                        + "its back");
            }
            Optional<String> bad = checkpointProblem(start);
            if (bad.isPresent()) {
                return new AuditVerification.Broken(start.seq(), bad.get());
            }
            anchor = start.seq();
            anchorHash = HEX.parseHex(start.hashHex());
        }
        TreeMap<Long, List<External>> outside = new TreeMap<>();
        for (External external : externals) {
            Optional<String> bad = checkpointProblem(external.checkpoint());
            if (bad.isPresent()) {
                return new AuditVerification.Broken(external.checkpoint().seq(), external.source() + ": "
                        + bad.get());
            }
            if (external.checkpoint().seq() > anchor) {
                outside.computeIfAbsent(external.checkpoint().seq(), s -> new ArrayList<>()).add(external);
            }
        }
        long covered = Math.max(anchor, Math.max(checkpoints.isEmpty() ? 0 : checkpoints.lastKey(),
                outside.isEmpty() ? 0 : outside.lastKey()));
        Head head = h.createQuery("SELECT last_seq, last_hash FROM audit_head WHERE id")
                .map((rs, ctx) -> new Head(rs.getLong(1), rs.getBytes(2))).one();
        Query events = h.createQuery("SELECT " + AuditRows.EVENT_COLUMNS + " FROM audit_event WHERE seq > :anchor ORDER BY seq")
                .bind("anchor", anchor).setFetchSize(AuditRows.FETCH_SIZE).addCustomizer(AuditRows.BINARY_ROWS);
        CanonicalAuditForm readForm = new CanonicalAuditForm();
        AuditVerification.Broken broken;
        ChainWalk walk;
        try (AuditSignatureChecks signatures = AuditSignatureChecks.start(checkpoints.values(),
                this::checkpointProblem)) {
            walk = new ChainWalk(anchor, anchorHash, checkpoints, signatures, outside, covered, deadline);
            broken = events.scanResultSet((supplier, ctx) -> {
                ResultSet rs = supplier.get();
                return AuditVerifyPipeline.run(new AuditVerifyPipeline.Rows() {
                    @Override
                    public boolean next() throws SQLException {
                        return rs.next();
                    }

                    @Override
                    public AuditVerifyPipeline.DecodedEvent decode() throws SQLException {
                        return AuditRows.decode(readForm, rs);
                    }
                }, walk::link);
            });
        }
        if (broken != null) {
            return broken;
        }
        return walk.finish(head);
    }

    private Optional<String> checkpointProblem(AuditCheckpoint checkpoint) {
        return AuditCheckpointSigner.problemWith(key, checkpoint);
    }

    /**
     * Walks the events in order, recomputing each hash; stops at the first that is not what was written. Runs on
     * {@link AuditVerifyPipeline}'s hashing thread; {@link #finish} reads its state after that thread ended.
     */
    private final class ChainWalk {
        private final CanonicalAuditForm form = new CanonicalAuditForm();
        private final TreeMap<Long, AuditCheckpoint> checkpoints;
        /** Their signatures, checked ahead on a thread of their own. */
        private final AuditSignatureChecks signatures;
        private long expected;
        private byte[] prev;
        private final TreeMap<Long, List<External>> outside;
        /** Every event up to this one has a checkpoint at or after it. */
        private final long covered;
        /** Events before this instant must be covered; null: no schedule, nothing required. */
        private final Instant deadline;
        private long events;
        private long checkpointsChecked;
        private long firstUncovered;
        private Instant firstUncoveredAt;

        ChainWalk(long anchor, byte[] anchorHash, TreeMap<Long, AuditCheckpoint> checkpoints,
                  AuditSignatureChecks signatures, TreeMap<Long, List<External>> outside, long covered,
                  Instant deadline) {
            this.expected = anchor + 1;
            this.prev = anchorHash;
            this.checkpoints = checkpoints;
            this.signatures = signatures;
            this.outside = outside;
            this.covered = covered;
            this.deadline = deadline;
        }

        /** Checks the next row (rows come in stored order); the broken link, or null when it holds. */
        AuditVerification.Broken link(AuditVerifyPipeline.DecodedEvent row) {
            long seq = row.seq();
            Instant ts = row.ts();
            byte[] computed = form.hash(prev, row.canonical());
            Optional<AuditVerification.Broken> broken = AuditChain.linkProblem(expected, prev, seq,
                    row.storedPrev(), row.storedHash(), computed);
            if (broken.isPresent()) {
                return broken.get();
            }
            List<External> kept = outside.get(seq);
            if (kept != null) {
                String hex = HEX.formatHex(computed);
                for (External external : kept) {
                    if (!external.checkpoint().hashHex().equals(hex)) {
                        return new AuditVerification.Broken(seq, "it differs from the signed checkpoint at " + seq
                                + " in " + external.source() + ": the chain was rewritten after it was signed");
                    }
                }
            }
            if (deadline != null && firstUncovered == 0 && seq > covered && ts.isBefore(deadline)) {
                firstUncovered = seq;
                firstUncoveredAt = ts;
            }
            AuditCheckpoint checkpoint = checkpoints.get(seq);
            if (checkpoint != null) {
                if (!checkpoint.hashHex().equals(HEX.formatHex(computed))) {
                    return new AuditVerification.Broken(seq, "it differs from the signed checkpoint at " + seq);
                }
                Optional<String> bad = signatures.problem(seq);
                if (bad.isPresent()) {
                    return new AuditVerification.Broken(seq, bad.get());
                }
                checkpointsChecked++;
            }
            prev = computed;
            expected++;
            events++;
            return null;
        }

        AuditVerification finish(Head head) {
            long last = expected - 1;
            Map.Entry<Long, AuditCheckpoint> beyond = checkpoints.higherEntry(last);
            if (beyond != null) {
                return new AuditVerification.Broken(last + 1, "the trail ends at event " + last
                        + " but a checkpoint was signed at event " + beyond.getKey() + ": events were cut off");
            }
            Map.Entry<Long, List<External>> cut = outside.higherEntry(last);
            if (cut != null) {
                return new AuditVerification.Broken(last + 1, "the trail ends at event " + last + " but "
                        + cut.getValue().get(0).source() + " holds a checkpoint signed at event " + cut.getKey()
                        + ": events were cut off");
            }
            Optional<AuditVerification.Broken> end = AuditChain.endProblem(last, prev, head.seq(), head.hash());
            if (end.isPresent()) {
                return end.get();
            }
            if (firstUncovered > 0) {
                return new AuditVerification.Broken(firstUncovered, "event " + firstUncovered + ", written at "
                        + firstUncoveredAt + ", is covered by no signed checkpoint, though the connector signs one "
                        + "at least every " + inWords(policy.interval().orElseThrow()) + " while it runs, at "
                        + "each start and each stop: the checkpoint that covered it was deleted, or the events after "
                        + "the last checkpoint were rewritten");
            }
            return new AuditVerification.Intact(events, last, checkpointsChecked);
        }
    }
}
