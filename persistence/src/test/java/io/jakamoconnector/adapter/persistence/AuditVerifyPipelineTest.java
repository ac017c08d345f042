package io.jakamoconnector.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jakamoconnector.adapter.persistence.AuditVerifyPipeline.DecodedEvent;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The verification pipeline's own promises, without a database: every row reaches the chain in order, decoding
 * runs ahead of hashing on another thread, and every failure ends the call (never a hang, never "no broken link").
 */
class AuditVerifyPipelineTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final int ROWS = 100_000;

    /** Rows numbered from 1; decoding row {@code failAt} throws (0: never). */
    private static class Numbered implements AuditVerifyPipeline.Rows {
        private final int count;
        private final int failAt;
        volatile int read;

        Numbered(int count, int failAt) {
            this.count = count;
            this.failAt = failAt;
        }

        @Override
        public boolean next() {
            if (read == count) {
                return false;
            }
            read++;
            return true;
        }

        @Override
        public DecodedEvent decode() throws SQLException {
            if (read == failAt) {
                throw new SQLException("Bad value for type int : x");
            }
            return new DecodedEvent(read, Instant.EPOCH, new byte[0], new byte[0], new byte[0]);
        }
    }

    @AfterEach
    void theHashingThreadHasEnded() throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(AuditVerifyPipeline.THREAD_NAME)) {
                t.join(LIMIT.toMillis());
                assertThat(t.isAlive()).as("hashing thread still running after the call").isFalse();
            }
        }
    }

    @Test
    void everyRowReachesTheChainOnceInOrder() {
        List<Long> seen = new ArrayList<>();
        AuditVerification.Broken broken = assertTimeoutPreemptively(LIMIT, () ->
                AuditVerifyPipeline.run(new Numbered(ROWS, 0), row -> {
                    seen.add(row.seq());
                    return null;
                }));
        assertThat(broken).isNull();
        assertThat(seen).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
            assertThat(seen.get(i)).isEqualTo(i + 1L);
        }
    }

    @Test
    void theFirstBrokenLinkIsReturnedAndReadingStops() {
        Numbered rows = new Numbered(ROWS, 0);
        AuditVerification.Broken broken = assertTimeoutPreemptively(LIMIT, () ->
                AuditVerifyPipeline.run(rows, row -> row.seq() == 5000
                        ? new AuditVerification.Broken(5000, "its content does not match its hash") : null));
        assertThat(broken).isEqualTo(new AuditVerification.Broken(5000, "its content does not match its hash"));
        assertThat(rows.read).as("rows read beyond the queue's depth after the broken link")
                .isLessThanOrEqualTo(5000 + (AuditVerifyPipeline.DEPTH + 2) * AuditVerifyPipeline.BATCH);
    }

    @Test
    void aFailureWhileDecodingIsThrownNotIntact() {
        assertThatThrownBy(() -> assertTimeoutPreemptively(LIMIT, () ->
                AuditVerifyPipeline.run(new Numbered(ROWS, 77_777), row -> null)))
                .isInstanceOf(SQLException.class).hasMessageContaining("Bad value");
    }

    @Test
    void aFailureWhileDecodingTheLastRowIsThrownNotIntact() {
        assertThatThrownBy(() -> assertTimeoutPreemptively(LIMIT, () ->
                AuditVerifyPipeline.run(new Numbered(ROWS, ROWS), row -> null)))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void aFailureWhileHashingIsThrownAndStopsTheReaderThatWaitsForRoom() {
        Numbered rows = new Numbered(ROWS, 0);
        assertThatThrownBy(() -> assertTimeoutPreemptively(LIMIT, () ->
                AuditVerifyPipeline.run(rows, row -> {
                    if (row.seq() == 3000) {
                        throw new IllegalStateException("hashing failed at 3000");
                    }
                    return null;
                }))).isInstanceOf(IllegalStateException.class).hasMessage("hashing failed at 3000");
        assertThat(rows.read).isLessThan(ROWS);
    }

    @Test
    void decodingRunsAheadWhileTheFirstRowIsStillBeingHashed() {
        // hashing of row 1 waits until rows two batches on have been decoded: only possible on two threads
        int ahead = 2 * AuditVerifyPipeline.BATCH + 1;
        CountDownLatch decodedAhead = new CountDownLatch(1);
        AuditVerifyPipeline.Rows rows = new Numbered(ROWS, 0) {
            @Override
            public DecodedEvent decode() throws SQLException {
                if (read == ahead) {
                    decodedAhead.countDown();
                }
                return super.decode();
            }
        };
        AuditVerification.Broken broken = assertTimeoutPreemptively(LIMIT, () ->
                AuditVerifyPipeline.run(rows, row -> {
                    if (row.seq() == 1) {
                        try {
                            assertThat(decodedAhead.await(10, TimeUnit.SECONDS))
                                    .as("row %d decoded while row 1 was hashed", ahead).isTrue();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                    }
                    return null;
                }));
        assertThat(broken).isNull();
    }
}
