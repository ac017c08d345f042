package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.domain.model.exchange.ArchiveFolderPruning;
import io.jakamoconnector.domain.model.exchange.ArchivePruning;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ErpArchiveRetentionPort;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Retention of an integration's archive folders: {@code processed/} and {@code from_jakamo/}. Only regular files
 * directly in those folders are removed; links (whatever they point to), folders and hidden files (the connector's
 * staging copies) are left alone, and {@code failed/} and {@code to_jakamo/} are never touched.
 *
 * <p><b>Which time.</b> A file's archive time is its status-change time ({@code ctime}), not its modification time:
 * archiving is a rename, which keeps the ERP's {@code mtime} (possibly weeks old) but sets {@code ctime}, and nothing
 * can set {@code ctime} back, so a file is never removed sooner than the limit after it was archived (a later
 * {@code chmod} or restore only keeps it longer). Where the file system has no {@code ctime}, the later of modification
 * and creation time is used.
 *
 * <p><b>No links followed.</b> Where the platform offers it (Linux), each archive folder is opened relative to the
 * integration's root without following a link, and each file is examined and removed relative to that open folder, so
 * swapping a folder for a link in the middle of a run cannot turn the removal elsewhere. An archive folder that is a
 * link is reported, not entered.
 */
public final class FileSystemErpArchiveRetentionAdapter implements ErpArchiveRetentionPort {
    private final ErpFolderTrees trees;

    public FileSystemErpArchiveRetentionAdapter(ErpFolderTrees trees) {
        this.trees = Objects.requireNonNull(trees, "trees");
    }

    @Override
    public ArchivePruning prune(IntegrationName integration, Instant archivedBefore, boolean dryRun) {
        ErpFolders folders = trees.folders(integration);
        List<ArchiveFolderPruning> results = new ArrayList<>();
        results.add(prune(folders.root(), folders.processed(), archivedBefore, dryRun));
        results.add(prune(folders.root(), folders.fromJakamo(), archivedBefore, dryRun));
        return new ArchivePruning(integration, archivedBefore, dryRun, results);
    }

    private static ArchiveFolderPruning prune(Path root, String name, Instant cutoff, boolean dryRun) {
        Tally tally = new Tally(name);
        Path dir = root.resolve(name).normalize();
        if (Files.isSymbolicLink(dir)) {
            tally.problems.add(dir + " is a symbolic link: retention never follows links, so nothing in it was "
                    + "removed; configure the real folder instead");
            return tally.result();
        }
        try (DirectoryStream<Path> rootStream = Files.newDirectoryStream(root)) {
            if (rootStream instanceof SecureDirectoryStream<Path> secureRoot) {
                try (SecureDirectoryStream<Path> folder = open(secureRoot, root.relativize(dir))) {
                    for (Path entry : folder) {
                        Path file = entry.getFileName();
                        BasicFileAttributes attributes = folder.getFileAttributeView(file,
                                BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
                        consider(tally, dir.resolve(file), attributes, cutoff, dryRun, () -> folder.deleteFile(file));
                    }
                }
            } else {
                try (DirectoryStream<Path> folder = Files.newDirectoryStream(dir)) {
                    for (Path entry : folder) {
                        BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class,
                                LinkOption.NOFOLLOW_LINKS);
                        consider(tally, entry, attributes, cutoff, dryRun, () -> Files.delete(entry));
                    }
                }
            }
        } catch (NoSuchFileException e) {
            // a folder not created yet holds nothing to remove
        } catch (IOException e) {
            tally.problems.add(AccessFailures.of("remove old files from", dir, e).getMessage());
        }
        return tally.result();
    }

    /** Opens {@code relative} (one or more names) under {@code root} without following a link at any step. */
    private static SecureDirectoryStream<Path> open(SecureDirectoryStream<Path> root, Path relative)
            throws IOException {
        SecureDirectoryStream<Path> current = root.newDirectoryStream(relative.getName(0), LinkOption.NOFOLLOW_LINKS);
        for (int i = 1; i < relative.getNameCount(); i++) {
            SecureDirectoryStream<Path> next;
            try {
                next = current.newDirectoryStream(relative.getName(i), LinkOption.NOFOLLOW_LINKS);
            } finally {
                current.close();
            }
            current = next;
        }
        return current;
    }

    private interface Removal {
        void remove() throws IOException;
    }

    private static void consider(Tally tally, Path path, BasicFileAttributes attributes, Instant cutoff,
                                 boolean dryRun, Removal removal) {
        String fileName = path.getFileName().toString();
        if (!attributes.isRegularFile() || fileName.startsWith(".")) {
            tally.skipped++;
            return;
        }
        Instant archived = archiveTime(path, attributes);
        if (!archived.isBefore(cutoff)) {
            tally.kept++;
            if (tally.oldestKept == null || archived.isBefore(tally.oldestKept)) {
                tally.oldestKept = archived;
            }
            return;
        }
        try {
            if (!dryRun) {
                removal.remove();
            }
            tally.removed++;
            tally.bytes += attributes.size();
        } catch (NoSuchFileException e) {
            // gone meanwhile (the ERP took it): nothing to do
        } catch (IOException e) {
            tally.problems.add(AccessFailures.of("remove", path, e).getMessage());
        }
    }

    /** The status-change time (see the class comment), else the later of modification and creation. */
    static Instant archiveTime(Path path, BasicFileAttributes attributes) {
        try {
            Object ctime = Files.getAttribute(path, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
            if (ctime instanceof FileTime time) {
                return time.toInstant();
            }
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            // no unix view here: fall back below
        }
        Instant modified = attributes.lastModifiedTime().toInstant();
        Instant created = attributes.creationTime().toInstant();
        return modified.isAfter(created) ? modified : created;
    }

    private static final class Tally {
        final String folder;
        long removed;
        long bytes;
        long kept;
        long skipped;
        Instant oldestKept;
        final List<String> problems = new ArrayList<>();

        Tally(String folder) {
            this.folder = folder;
        }

        ArchiveFolderPruning result() {
            return new ArchiveFolderPruning(folder, removed, bytes, kept, Optional.ofNullable(oldestKept), skipped,
                    problems);
        }
    }
}
