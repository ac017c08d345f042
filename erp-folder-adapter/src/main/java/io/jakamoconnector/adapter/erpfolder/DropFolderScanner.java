package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.adapter.erpfolder.StabilityTracker.Fingerprint;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the files of an integration's drop folders that are complete, oldest first: those with a {@code .done}
 * marker, and those whose size and time (and their sidecar's) its {@link StabilityTracker} has seen stay the same for
 * long enough. Hidden, empty and work-in-progress files are never listed (see {@link DropFolderRules}).
 */
final class DropFolderScanner {
    private static final Logger LOG = LoggerFactory.getLogger(DropFolderScanner.class);
    private static final Comparator<DroppedFile> OLDEST_FIRST =
            Comparator.comparing((DroppedFile f) -> f.attributes().lastModifiedTime()).thenComparing(DroppedFile::ref);

    private DropFolderScanner() {
    }

    /** Caller holds {@code tracker}'s lock; the tracker forgets every file no longer there. */
    static List<DroppedFile> completeFiles(ErpFolders folders, StabilityTracker tracker, Instant now) {
        List<DroppedFile> seen = new ArrayList<>();
        scan(folders.toJakamoDir(), false, seen);
        scan(folders.attachmentsDir(), true, seen);
        Set<Path> present = new HashSet<>();
        seen.forEach(f -> present.add(f.path()));
        tracker.retainOnly(present);

        List<DroppedFile> complete = new ArrayList<>();
        for (DroppedFile f : seen) {
            // every unmarked file is looked at on every scan, so its stable time runs from its first sighting
            if (tracker.isStable(f.path(), f.fingerprint(), now) || f.marked()) {
                complete.add(f);
            }
        }
        complete.sort(OLDEST_FIRST);
        return complete;
    }

    private static void scan(Path dir, boolean attachments, List<DroppedFile> out) {
        if (!Files.isDirectory(dir)) {
            if (attachments) {
                // documents keep flowing; the folder is recreated at the next start
                LOG.warn("{} is missing, so no attachments are picked up; restart the connector or create it", dir);
                return;
            }
            throw AccessFailures.notAFolder("pick up files from", dir);
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path path : entries) {
                String name = path.getFileName().toString();
                if (attachments ? DropFolderRules.ignored(name) : !DropFolderRules.isDocumentName(name)) {
                    continue;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                if (a.isDirectory()) {
                    continue;
                }
                boolean marked = Files.exists(DropFolderRules.companion(path, DropFolderRules.MARKER_SUFFIX),
                        LinkOption.NOFOLLOW_LINKS);
                if (a.isRegularFile() && a.size() == 0 && !marked) {
                    continue; // just created and not written yet, or nothing at all: neither is a document
                }
                Path sidecar = DropFolderRules.companion(path, DropFolderRules.SIDECAR_SUFFIX);
                BasicFileAttributes s = attachments ? attributesOrNull(sidecar) : null;
                Fingerprint fingerprint = new Fingerprint(a.size(), a.lastModifiedTime(), s == null ? -1 : s.size(),
                        s == null ? null : s.lastModifiedTime());
                String ref = attachments ? ErpFolders.ATTACHMENTS + "/" + name : name;
                out.add(new DroppedFile(path, ref, name, attachments, a, marked, s == null ? null : sidecar,
                        fingerprint));
            }
        } catch (IOException e) {
            throw AccessFailures.of("list the files of", dir, e);
        }
    }

    private static BasicFileAttributes attributesOrNull(Path path) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() ? a : null;
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
