package io.jakamoconnector.adapter.erpfolder;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.adapter.erpfolder.StabilityTracker.Fingerprint;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StabilityTrackerTest {
    private static final Path FILE = Path.of("to_jakamo/order.xml");
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private final StabilityTracker tracker = new StabilityTracker(Duration.ofSeconds(2));

    private static Fingerprint seen(long size, long modifiedMillis) {
        return new Fingerprint(size, FileTime.fromMillis(modifiedMillis), -1, null);
    }

    @Test
    void a_file_seen_for_the_first_time_is_not_complete() {
        assertThat(tracker.isStable(FILE, seen(10, 1), T0)).isFalse();
    }

    @Test
    void a_file_unchanged_for_the_stable_time_is_complete() {
        tracker.isStable(FILE, seen(10, 1), T0);
        assertThat(tracker.isStable(FILE, seen(10, 1), T0.plusMillis(1999))).isFalse();
        assertThat(tracker.isStable(FILE, seen(10, 1), T0.plusMillis(2000))).isTrue();
    }

    @Test
    void any_change_starts_the_wait_again() {
        tracker.isStable(FILE, seen(10, 1), T0);
        assertThat(tracker.isStable(FILE, seen(20, 2), T0.plusSeconds(3))).isFalse();
        assertThat(tracker.isStable(FILE, seen(20, 3), T0.plusSeconds(5))).as("same size, newer time").isFalse();
        assertThat(tracker.isStable(FILE, seen(20, 3), T0.plusSeconds(7))).isTrue();
    }

    @Test
    void a_change_of_the_sidecar_counts_as_a_change() {
        tracker.isStable(FILE, new Fingerprint(10, FileTime.fromMillis(1), 0, FileTime.fromMillis(1)), T0);
        assertThat(tracker.isStable(FILE, new Fingerprint(10, FileTime.fromMillis(1), 7, FileTime.fromMillis(2)),
                T0.plusSeconds(3))).isFalse();
    }

    @Test
    void zero_takes_a_file_at_first_sight() {
        assertThat(new StabilityTracker(Duration.ZERO).isStable(FILE, seen(10, 1), T0)).isTrue();
    }

    @Test
    void forgotten_and_vanished_files_start_over() {
        tracker.isStable(FILE, seen(10, 1), T0);
        tracker.forget(FILE);
        assertThat(tracker.isStable(FILE, seen(10, 1), T0.plusSeconds(3))).isFalse();
        tracker.retainOnly(Set.of());
        assertThat(tracker.tracked()).isZero();
        assertThat(tracker.isStable(FILE, seen(10, 1), T0.plusSeconds(6))).isFalse();
    }
}
