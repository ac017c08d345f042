package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.port.out.ErpFile;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up the files the ERP drops into each integration's {@code to_jakamo/} ({@code *.xml}) and
 * {@code to_jakamo/attachments/} (any file), and archives them into {@code processed/} or {@code failed/}.
 *
 * <p>A file is offered only once it is complete: its {@code <name>.done} marker exists, or its size and modification
 * time stayed the same for {@link ErpOutboxSettings#stableFor()} ({@link DropFolderScanner}). Each offered file is
 * read once, and the read is checked against what the scan saw, so the bytes returned are the whole file; one the
 * connector can never send goes to {@code failed/} instead ({@link DroppedFileReader}). Files come oldest first
 * (modification time, then name) and stay in the drop folder, offered again, until archived ({@link Archiver}).
 *
 * <p>One lock per integration keeps a scan and an archive of the same folder apart.
 */
public final class FileSystemErpOutboxAdapter implements ErpOutboxPort {
    private static final Logger LOG = LoggerFactory.getLogger(FileSystemErpOutboxAdapter.class);

    private final ErpFolderTrees trees;
    private final ErpOutboxSettings settings;
    private final Clock clock;
    private final Archiver archiver;
    private final DroppedFileReader reader;
    private final FailedFolder failedFolder;
    private final Map<IntegrationName, StabilityTracker> trackers = new ConcurrentHashMap<>();

    public FileSystemErpOutboxAdapter(ErpFolderTrees trees, ErpOutboxSettings settings, Clock clock) {
        this.trees = Objects.requireNonNull(trees, "trees");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.archiver = new Archiver(clock);
        this.reader = new DroppedFileReader(settings, archiver);
        this.failedFolder = new FailedFolder(settings.maxDocumentBytes());
    }

    @Override
    public List<ErpFile> pickUp(IntegrationName integration, int max) {
        ErpFolders folders = trees.folders(integration);
        if (max <= 0) {
            return List.of();
        }
        StabilityTracker tracker = tracker(integration);
        synchronized (tracker) {
            List<ErpFile> files = new ArrayList<>();
            for (DroppedFile file : DropFolderScanner.completeFiles(folders, tracker, clock.instant())) {
                if (files.size() >= max) {
                    break;
                }
                reader.take(integration, folders, file, tracker).ifPresent(files::add);
            }
            return List.copyOf(files);
        }
    }

    @Override
    public void archive(IntegrationName integration, ErpDocumentRef ref, ArchiveVerdict verdict) {
        archive(integration, ref, null, verdict);
    }

    /**
     * Reads the file again before moving it: one the ERP rewrote after it was read stays in the drop folder, where the
     * next scan offers it as the new document it is (its stability wait starts again).
     */
    @Override
    public boolean archiveIfUnchanged(IntegrationName integration, ErpDocumentRef ref, Sha256 read,
                                      ArchiveVerdict verdict) {
        Check.notNull("read", read);
        return archive(integration, ref, read, verdict);
    }

    private boolean archive(IntegrationName integration, ErpDocumentRef ref, Sha256 read, ArchiveVerdict verdict) {
        ErpFolders folders = trees.folders(integration);
        Check.notNull("verdict", verdict);
        Path source = resolve(folders, ref);
        StabilityTracker tracker = tracker(integration);
        synchronized (tracker) {
            if (read != null && changedSince(source, read)) {
                LOG.warn("{} of integration {} changed after the connector read it: the version read is handled, this "
                        + "one stays in the drop folder and is picked up as a new document",
                        DropFolderRules.printable(ref.value()), integration);
                tracker.forget(source);
                return false;
            }
            archiver.moveToArchive(integration, folders, source, ref.value(), read, verdict);
            tracker.forget(source);
            return true;
        }
    }

    /**
     * The files of failed/ named as {@code ref}'s file or as archiving renames it, with their bytes as they are now.
     * A file larger than an XML document may be is left out (it could not be sent anyway).
     */
    @Override
    public List<ErpFile> inFailed(IntegrationName integration, ErpDocumentRef ref) {
        ErpFolders folders = trees.folders(integration);
        return failedFolder.read(folders, ref, resolve(folders, ref).getFileName().toString());
    }

    private static boolean changedSince(Path source, Sha256 read) {
        try {
            return Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS) && !DurableFiles.sha256Of(source).equals(read);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw AccessFailures.of("read back", source, e);
        }
    }

    private StabilityTracker tracker(IntegrationName integration) {
        return trackers.computeIfAbsent(integration, i -> new StabilityTracker(settings.stableFor()));
    }

    private static Path resolve(ErpFolders folders, ErpDocumentRef ref) {
        String value = ref.value();
        String prefix = ErpFolders.ATTACHMENTS + "/";
        boolean attachment = value.startsWith(prefix);
        Path dir = attachment ? folders.attachmentsDir() : folders.toJakamoDir();
        String name = attachment ? value.substring(prefix.length()) : value;
        Path path = dir.resolve(name).normalize();
        Check.that(!name.isEmpty() && dir.equals(path.getParent()), "erpDocument",
                "must name a file of to_jakamo/ or to_jakamo/attachments/ as pickUp gave it");
        return path;
    }
}
