package io.jakamoconnector.domain.model.exchange;

import io.jakamoconnector.domain.model.Check;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a retention run did to one archive folder of one integration.
 *
 * @param folder     the folder as configured ({@code processed}, {@code from_jakamo})
 * @param removed    files removed (or, in a dry run, that would be)
 * @param bytes      their size
 * @param kept       files kept, being younger than the limit
 * @param oldestKept the archive time of the oldest file kept; empty when none is kept
 * @param skipped    entries never touched: links, folders, hidden files (the connector's own staging)
 * @param problems   what stopped it or a file, each a sentence with what to fix (a folder that is a link, a file
 *                   that could not be removed)
 */
public record ArchiveFolderPruning(String folder, long removed, long bytes, long kept, Optional<Instant> oldestKept,
                                   long skipped, List<String> problems) {
    public ArchiveFolderPruning {
        Check.notBlank("retention.folder", folder);
        Check.notNegative("retention.removed", removed);
        Check.notNegative("retention.bytes", bytes);
        Check.notNegative("retention.kept", kept);
        Check.notNull("retention.oldestKept", oldestKept);
        Check.notNegative("retention.skipped", skipped);
        problems = List.copyOf(problems);
    }

    /** One line for the log and the audit trail. */
    public String describe() {
        return folder + ": " + removed + " removed (" + bytes + " bytes), " + kept + " kept"
                + oldestKept.map(t -> " (oldest archived " + t + ")").orElse("")
                + (skipped > 0 ? ", " + skipped + " left alone (links, folders, hidden files)" : "")
                + (problems.isEmpty() ? "" : ", " + problems.size() + " problem(s)");
    }
}
