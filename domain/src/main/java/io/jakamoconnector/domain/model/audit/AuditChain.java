package io.jakamoconnector.domain.model.audit;

import java.util.Arrays;
import java.util.Optional;

/**
 * The rules of the audit hash chain, the same for every trail: event {@code n} carries sequence number {@code n}
 * (gap-free from 1), its {@code prev_hash} is the hash of event {@code n - 1} ({@link CanonicalAuditForm#genesis()}
 * before the first), its hash is {@code SHA-256(prev_hash || canonical form)}, and the chain's head holds the last
 * sequence number and hash, so a cut-off tail shows. The PostgreSQL trail applies the same checks while it streams
 * rows and also checks signed checkpoints; {@link #verify} is the whole rule over links in memory.
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
        CanonicalAuditForm form = new CanonicalAuditForm();
        long expected = 1;
        byte[] prev = CanonicalAuditForm.genesis();
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
        }
        long last = expected - 1;
        Optional<AuditVerification.Broken> end = endProblem(last, prev, headSeq, headHash);
        return end.isPresent() ? end.get() : new AuditVerification.Intact(last, last, 0);
    }
}
