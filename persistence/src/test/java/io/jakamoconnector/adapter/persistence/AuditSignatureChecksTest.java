package io.jakamoconnector.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jakamoconnector.adapter.persistence.AuditVerifyPipeline.DecodedEvent;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The checkpoints' signature checks run ahead on their own thread, not on the chain's hashing thread, and what the
 * walk reports is unchanged: a bad signature at the checkpoint's own row (and only once the walk gets there), a
 * failing check as the call's failure, never a hang. Without a database: rows numbered from 1, a checkpoint every
 * {@link #EVERY} rows, as {@code AuditChainVerifier}'s walk asks for them.
 */
class AuditSignatureChecksTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final int ROWS = 100_000;
    private static final int EVERY = 1000;

    private final Set<String> checkedOn = ConcurrentHashMap.newKeySet();

    private static List<AuditCheckpoint> checkpoints() {
        List<AuditCheckpoint> all = new ArrayList<>();
        for (long seq = EVERY; seq <= ROWS; seq += EVERY) {
            all.add(new AuditCheckpoint(seq, "00", Instant.EPOCH, "key", new byte[64]));
        }
        return all;
    }

    /** Rows 1..ROWS through the real pipeline; the walk asks for the signature's problem at every checkpoint. */
    private static AuditVerification.Broken walk(AuditSignatureChecks signatures) throws Exception {
        AuditVerifyPipeline.Rows rows = new AuditVerifyPipeline.Rows() {
            private long read;

            @Override
            public boolean next() {
                return read++ < ROWS;
            }

            @Override
            public DecodedEvent decode() {
                return new DecodedEvent(read, Instant.EPOCH, new byte[0], new byte[0], new byte[0]);
            }
        };
        return AuditVerifyPipeline.run(rows, row -> row.seq() % EVERY != 0 ? null
                : signatures.problem(row.seq()).map(p -> new AuditVerification.Broken(row.seq(), p)).orElse(null));
    }

    private Function<AuditCheckpoint, Optional<String>> recording(Function<AuditCheckpoint, Optional<String>> check) {
        return c -> {
            checkedOn.add(Thread.currentThread().getName());
            return check.apply(c);
        };
    }

    @AfterEach
    void theSignatureThreadHasEnded() throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(AuditSignatureChecks.THREAD_NAME)) {
                t.join(LIMIT.toMillis());
                assertThat(t.isAlive()).as("signature thread still running").isFalse();
            }
        }
    }

    @Test
    void aBadSignatureDeepInTheTrailIsReportedAtItsCheckpointThoughCheckedOnAnotherThread() {
        AuditVerification.Broken broken = assertTimeoutPreemptively(LIMIT, () -> {
            try (AuditSignatureChecks signatures = AuditSignatureChecks.start(checkpoints(), recording(c ->
                    c.seq() == 77_000 ? Optional.of("the signature of the checkpoint at 77000 is not valid")
                            : Optional.empty()))) {
                return walk(signatures);
            }
        });
        assertThat(broken).isEqualTo(new AuditVerification.Broken(77_000,
                "the signature of the checkpoint at 77000 is not valid"));
        assertThat(checkedOn).as("threads the Ed25519 checks ran on: not the hashing thread")
                .containsExactly(AuditSignatureChecks.THREAD_NAME);
    }

    @Test
    void everySignatureThatHoldsIsCheckedOnce() {
        List<Long> checked = new ArrayList<>();
        assertThat(assertTimeoutPreemptively(LIMIT, () -> {
            try (AuditSignatureChecks signatures = AuditSignatureChecks.start(checkpoints(), c -> {
                synchronized (checked) {
                    checked.add(c.seq());
                }
                return Optional.empty();
            })) {
                return walk(signatures);
            }
        })).isNull();
        synchronized (checked) {
            assertThat(checked).hasSize(ROWS / EVERY).isSorted();
        }
    }

    @Test
    void aFailingCheckEndsTheCallWithItsFailureNotAHang() {
        IllegalStateException failure = new IllegalStateException("Ed25519 provider missing");
        assertThatThrownBy(() -> assertTimeoutPreemptively(LIMIT, () -> {
            try (AuditSignatureChecks signatures = AuditSignatureChecks.start(checkpoints(), c -> {
                if (c.seq() == 50_000) {
                    throw failure;
                }
                return Optional.empty();
            })) {
                return walk(signatures);
            }
        })).isSameAs(failure);
    }

    @Test
    void aFailureAfterTheFirstBrokenLinkIsNotReported() {
        // the walk stops at the first broken link; a check that fails further on must not turn that into an error
        AuditVerification.Broken broken = assertTimeoutPreemptively(LIMIT, () -> {
            try (AuditSignatureChecks signatures = AuditSignatureChecks.start(checkpoints(), c -> {
                if (c.seq() == 90_000) {
                    throw new IllegalStateException("never reached by the walk");
                }
                return c.seq() == 20_000 ? Optional.of("bad at 20000") : Optional.empty();
            })) {
                return walk(signatures);
            }
        });
        assertThat(broken).isEqualTo(new AuditVerification.Broken(20_000, "bad at 20000"));
    }

    @Test
    void aWalkThatStopsEarlyDoesNotPayForTheSignaturesOfTheRestOfTheTrail() throws InterruptedException {
        // as a verification from a checkpoint that ends at the first mutation: the thread checks only a few ahead
        List<Long> checked = new ArrayList<>();
        AuditVerification.Broken broken = assertTimeoutPreemptively(LIMIT, () -> {
            try (AuditSignatureChecks signatures = AuditSignatureChecks.start(checkpoints(), c -> {
                synchronized (checked) {
                    checked.add(c.seq());
                }
                return c.seq() == 3000 ? Optional.of("bad at 3000") : Optional.empty();
            })) {
                return walk(signatures);
            }
        });
        assertThat(broken).isEqualTo(new AuditVerification.Broken(3000, "bad at 3000"));
        theSignatureThreadHasEnded();
        synchronized (checked) {
            assertThat(checked).as("checked before the thread stopped, of %d", ROWS / EVERY)
                    .hasSizeLessThanOrEqualTo(3 + AuditSignatureChecks.AHEAD);
        }
    }

    @Test
    void withoutCheckpointsNoThreadIsStarted() {
        try (AuditSignatureChecks signatures = AuditSignatureChecks.start(List.of(), c -> Optional.empty())) {
            assertThat(Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals(AuditSignatureChecks.THREAD_NAME) && t.isAlive())).isEmpty();
            assertThatThrownBy(() -> signatures.problem(1)).isInstanceOf(IllegalStateException.class);
        }
    }
}
