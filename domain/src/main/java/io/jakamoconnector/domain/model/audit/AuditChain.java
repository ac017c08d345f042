package io.jakamoconnector.domain.model.audit;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The rules of the audit hash chain, the same for every trail: event {@code n} carries sequence number {@code n}
 * (gap-free from 1), its {@code prev_hash} is the hash of event {@code n - 1} ({@link CanonicalAuditForm#genesis()}
 * before the first), its hash is {@code SHA-256(prev_hash || canonical form)}, and the chain's head holds the last
 * sequence number and hash, so a cut-off tail shows. The PostgreSQL trail applies the same checks while it streams
 * rows and also checks signed checkpoints; {@link #verify} is the whole rule over links in memory.
 *
 * <p>A pruned trail starts at a horizon ({@link AuditHorizon}): the first kept event's {@code prev_hash} is the hash
 * of the last removed one, which a signed checkpoint holds, so verification starts there as it would from the genesis.
 * {@link #planPrune} is the rule for where a horizon may be put.
 */
public final class AuditChain {
    private AuditChain() {
    }

    /** The link that follows {@code prev} for {@code event} at {@code seq}. */
    public static AuditChainLink link(CanonicalAuditForm form, long seq, byte[] prev, AuditEvent event) {
        form.build(seq, event);
        return new AuditChainLink(seq, event, prev, form.hash(prev));
    }

    /**
     * Why the stored link at {@code seq} breaks the chain, when the walk expects {@code expected} after a link whose
     * hash is {@code prev}; {@code computed} is the hash recomputed from its content. Empty: it holds.
     */
    public static Optional<AuditVerification.Broken> linkProblem(long expected, byte[] prev, long seq,
                                                                 byte[] storedPrev, byte[] storedHash,
                                                                 byte[] computed) {
        if (seq != expected) {
            return Optional.of(new AuditVerification.Broken(expected, seq > expected
                    ? "event " + expected + " is missing (the next one is " + seq + ")"
                    : "event " + seq + " appears again after " + (expected - 1)));
        }
        if (!Arrays.equals(storedPrev, prev)) {
            return Optional.of(new AuditVerification.Broken(seq, "its prev_hash is not the hash of event "
                    + (seq - 1)));
        }
        if (!Arrays.equals(computed, storedHash)) {
            return Optional.of(new AuditVerification.Broken(seq, "its content does not match its hash"));
        }
        return Optional.empty();
    }

    /**
     * Why the chain's end disagrees with its head, when the walk ended at {@code last} with hash {@code lastHash}
     * and the head says {@code headSeq} / {@code headHash}. Empty: they agree.
     */
    public static Optional<AuditVerification.Broken> endProblem(long last, byte[] lastHash, long headSeq,
                                                                byte[] headHash) {
        if (headSeq > last) {
            return Optional.of(new AuditVerification.Broken(last + 1, "the trail ends at event " + last
                    + " but its head says " + headSeq + ": events were cut off"));
        }
        if (headSeq < last) {
            return Optional.of(new AuditVerification.Broken(headSeq + 1, "events after the chain's head ("
                    + headSeq + ") were added outside the connector"));
        }
        if (last > 0 && !Arrays.equals(headHash, lastHash)) {
            return Optional.of(new AuditVerification.Broken(last, "the chain's head does not hold the hash of event "
                    + last));
        }
        return Optional.empty();
    }

    /**
     * Recomputes every hash of {@code links} (in stored order) from the genesis and checks them against the head
     * ({@code headSeq}, {@code headHash}): intact, or broken at the first event that is not what was written.
     */
    public static AuditVerification verify(Iterable<AuditChainLink> links, long headSeq, byte[] headHash) {
        return verify(links, headSeq, headHash, Optional.empty());
    }

    /**
     * {@link #verify(Iterable, long, byte[])} of a trail pruned up to {@code horizon}: the walk starts at its first
     * kept event, whose {@code prev_hash} must be the horizon's hash; an intact result names the horizon.
     */
    public static AuditVerification verify(Iterable<AuditChainLink> links, long headSeq, byte[] headHash,
                                           Optional<AuditHorizon> horizon) {
        CanonicalAuditForm form = new CanonicalAuditForm();
        long expected = horizon.map(AuditHorizon::firstKept).orElse(1L);
        byte[] prev = horizon.map(h -> HexFormat.of().parseHex(h.lastRemovedHash()))
                .orElseGet(CanonicalAuditForm::genesis);
        long events = 0;
        for (AuditChainLink link : links) {
            form.build(link.seq(), link.event());
            byte[] computed = form.hash(prev);
            Optional<AuditVerification.Broken> broken = linkProblem(expected, prev, link.seq(), link.prevHash(),
                    link.hash(), computed);
            if (broken.isPresent()) {
                return broken.get();
            }
            prev = computed;
            expected++;
            events++;
        }
        long last = expected - 1;
        Optional<AuditVerification.Broken> end = endProblem(last, prev, headSeq, headHash);
        return end.isPresent() ? end.get() : new AuditVerification.Intact(events, last, 0, horizon);
    }

    /**
     * Where a prune of the events older than {@code before} may put the horizon, and whether it may at all. The rule:
     * <ul>
     *   <li>the chain restarts only where a signed checkpoint holds the hash ({@code restartPoints}), so the horizon
     *       is the newest such point that is older than {@code before} throughout ({@code lastOld} is the last event
     *       such that it and every event before it are older) and that the export covers;</li>
     *   <li>the export must be of this chain (its signed hash is the chain's at its head, {@code chainHash}) and
     *       must hold every event older than {@code before}: otherwise the prune would cut events no export holds,
     *       and it is refused, naming them;</li>
     *   <li>a horizon never moves back.</li>
     * </ul>
     *
     * @param current   the trail's horizon now, if it was pruned before
     * @param headSeq   the chain's last event
     * @param lastOld   the last event such that every kept event up to it is older than {@code before}
     *                  ({@code current}'s last removed, or 0, when none is)
     * @param chainHash the chain's (verified) hash at a kept sequence number, lower-case hex; empty when not kept
     * @return {@link AuditPruneOutcome.Pruned} with the horizon to put (its {@code removed} counted from the current
     *         one), or why not
     */
    public static AuditPruneOutcome planPrune(Instant before, Instant now, AuditCoverage coverage,
                                              Optional<AuditHorizon> current, long headSeq, long lastOld,
                                              NavigableSet<Long> restartPoints, LongFunction<Optional<String>> chainHash) {
        long from = current.map(AuditHorizon::lastRemoved).orElse(0L);
        if (coverage.headSeq() > headSeq) {
            return new AuditPruneOutcome.Refused("the export " + coverage.source() + " is signed up to event "
                    + coverage.headSeq() + ", but this trail ends at event " + headSeq + ": it is not an export of "
                    + "this audit trail");
        }
        if (coverage.headSeq() <= from) {
            return new AuditPruneOutcome.Refused("the export " + coverage.source() + " ends at event "
                    + coverage.headSeq() + ", which was removed already (the trail starts at event " + (from + 1)
                    + "): run 'jakamo-connector audit export --output FILE' and pass that file");
        }
        Optional<String> atHead = chainHash.apply(coverage.headSeq());
        if (atHead.isEmpty() || !atHead.get().equals(coverage.headHash())) {
            return new AuditPruneOutcome.Refused("the export " + coverage.source() + " is signed over a hash that "
                    + "this trail does not have at event " + coverage.headSeq() + ": it is not an export of this "
                    + "audit trail (or the trail was rewritten: run 'jakamo-connector audit verify')");
        }
        if (lastOld <= from) {
            return new AuditPruneOutcome.NothingToPrune("no kept event is older than " + before);
        }
        if (coverage.headSeq() < lastOld) {
            return new AuditPruneOutcome.Refused("events " + (coverage.headSeq() + 1) + " to " + lastOld + " are "
                    + "older than " + before + " but the export " + coverage.source() + " ends at event "
                    + coverage.headSeq() + ": nothing was removed; run 'jakamo-connector audit export --output FILE' "
                    + "now and prune with that file");
        }
        Long point = restartPoints.floor(lastOld);
        if (point == null || point <= from) {
            return new AuditPruneOutcome.NothingToPrune("no signed checkpoint lies between event " + (from + 1)
                    + " and event " + lastOld + " (the last one older than " + before + "), and the trail can only "
                    + "start again at one; the connector signs one every audit.checkpointIntervalSeconds while it "
                    + "writes events");
        }
        String hash = chainHash.apply(point).orElseThrow(() -> new IllegalStateException(
                "no hash for kept event " + point));
        return new AuditPruneOutcome.Pruned(new AuditHorizon(point, hash, before, now, coverage.source(),
                coverage.headSeq()), point - from);
    }
}
