package io.jakamoconnector.adapter.erpfolder;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides when a file nobody marked as done is complete: when scans at least {@code stableFor} apart saw the same
 * size and modification time (Camel's "changed" read lock). It compares what it saw, not the file's modification time
 * with the local clock, so a file server whose clock is off cannot make a file being written look old.
 * Not thread-safe: the outbox calls it under its per-integration lock.
 */
final class StabilityTracker {
    /** What a scan saw of a file and of its sidecar, if any (sidecar size -1 and time null when there is none). */
    record Fingerprint(long size, FileTime modified, long sidecarSize, FileTime sidecarModified) {
    }

    private record Seen(Fingerprint fingerprint, Instant since) {
    }

    private final Duration stableFor;
    private final Map<Path, Seen> seen = new HashMap<>();

    StabilityTracker(Duration stableFor) {
        this.stableFor = stableFor;
    }

    /** Records this sighting and says whether the file has looked the same for {@code stableFor} up to now. */
    boolean isStable(Path file, Fingerprint now, Instant at) {
        Seen before = seen.get(file);
        if (before == null || !before.fingerprint().equals(now)) {
            seen.put(file, new Seen(now, at));
            return stableFor.isZero();
        }
        return !at.isBefore(before.since().plus(stableFor));
    }

    void forget(Path file) {
        seen.remove(file);
    }

    /** Drops what it knows of files no longer there, so memory follows the folder. */
    void retainOnly(Set<Path> present) {
        seen.keySet().retainAll(present);
    }

    int tracked() {
        return seen.size();
    }
}
