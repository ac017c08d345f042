package io.jakamoconnector.adapter.erpfolder;

import static io.jakamoconnector.adapter.erpfolder.DropFolderRules.companion;
import static io.jakamoconnector.adapter.erpfolder.DropFolderRules.printable;

import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.port.out.ErpAccessException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a dropped file to the archive its verdict names ({@code processed/}, {@code failed/} with an error file, or
 * {@code failed/discarded/}) without replacing anything: a name taken in the archive gets a UTC time stamp and a
 * counter. Marker and sidecar files move along, named after the archived file. Archiving a file no longer there does
 * nothing, unless it waits in {@code failed/} and a later verdict moves it on.
 */
final class Archiver {
    private static final Logger LOG = LoggerFactory.getLogger(Archiver.class);
    /** Inside failed/: the files an operator discarded, kept with their reports. */
    static final String DISCARDED = "discarded";

    private final Clock clock;

    Archiver(Clock clock) {
        this.clock = clock;
    }

    /**
     * Moves the file to its archive. One no longer in the drop folder was archived already; if it is in failed/ (the
     * same bytes, under its name or a stamped one) and an operator's correction gave it another outcome since, it
     * follows that outcome: sent, it moves on to processed/ and its report is deleted; discarded, it moves on to
     * failed/discarded/ with a report that says so; failed again, its report is replaced by the new one.
     */
    void moveToArchive(IntegrationName integration, ErpFolders folders, Path source, String ref, Sha256 read,
                       ArchiveVerdict verdict) {
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            Optional<Path> inFailed = read == null ? Optional.empty()
                    : FailedFolder.find(folders, source.getFileName().toString(), read);
            if (inFailed.isEmpty()) {
                LOG.debug("{} is no longer in the drop folder: archived already", source);
                return;
            }
            Path earlier = inFailed.get();
            Path report = companion(earlier, DropFolderRules.ERROR_SUFFIX);
            if (verdict instanceof ArchiveVerdict.Failed f) {
                DurableFiles.deleteQuietly(report);
                writeErrorFile(integration, folders, ref, earlier, clock.instant(), ErrorReport.headline(f.delivery()),
                        f.whatHappened(), f.whatToDo());
                LOG.info("{} of integration {} is still in failed/; its report now says: {}", printable(ref),
                        integration, f.delivery());
                return;
            }
            moveFile(integration, folders, earlier, ref, verdict);
            DurableFiles.deleteQuietly(report);
            DurableFiles.syncDirectory(folders.failedDir());
            return;
        }
        moveFile(integration, folders, source, ref, verdict);
    }

    void moveFile(IntegrationName integration, ErpFolders folders, Path source, String ref, ArchiveVerdict verdict) {
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            LOG.debug("{} is gone: archived already", source);
            return;
        }
        Path dir = verdict instanceof ArchiveVerdict.Failed ? folders.failedDir()
                : verdict instanceof ArchiveVerdict.Discarded ? discardedDir(folders) : folders.processedDir();
        if (!Files.isDirectory(dir)) {
            throw AccessFailures.notAFolder("archive into", dir);
        }
        Instant now = clock.instant();
        String original = source.getFileName().toString();
        for (int attempt = 0; attempt < ArchiveNames.MAX_ATTEMPTS; attempt++) {
            String name = ArchiveNames.candidate(original, attempt, now);
            if (taken(dir, name)) {
                continue;
            }
            // companions first: a crash after them leaves the file without its marker, waiting to be stable, never a
            // stale marker that would make a later file of the same name count as complete while it is written
            moveCompanion(companion(source, DropFolderRules.MARKER_SUFFIX), dir.resolve(name
                    + DropFolderRules.MARKER_SUFFIX));
            moveCompanion(companion(source, DropFolderRules.SIDECAR_SUFFIX), dir.resolve(name
                    + DropFolderRules.SIDECAR_SUFFIX));
            Path target = dir.resolve(name);
            try {
                DurableFiles.moveWithoutReplacing(source, target);
            } catch (FileAlreadyExistsException e) {
                continue; // taken since we looked: the next name
            } catch (NoSuchFileException e) {
                if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                    LOG.debug("{} was archived meanwhile by another attempt", source);
                    return;
                }
                throw AccessFailures.of("archive " + source + " into", dir, e);
            } catch (IOException e) {
                throw AccessFailures.of("archive " + source + " into", dir, e);
            }
            DurableFiles.syncDirectory(dir);
            DurableFiles.syncDirectory(source.getParent());
            if (verdict instanceof ArchiveVerdict.Failed f) {
                writeErrorFile(integration, folders, ref, target, now, ErrorReport.headline(f.delivery()),
                        f.whatHappened(), f.whatToDo());
            } else if (verdict instanceof ArchiveVerdict.Discarded d) {
                writeErrorFile(integration, folders, ref, target, now, ErrorReport.DISCARDED, d.whatHappened(),
                        d.whatToDo());
            }
            LOG.info("archived {} of integration {} as {}", printable(ref), integration, target);
            return;
        }
        throw new ErpAccessException("found no free name in " + dir + " for " + printable(original) + " after "
                + ArchiveNames.MAX_ATTEMPTS + " attempts; move old files out of it", true, null);
    }

    private static boolean taken(Path dir, String name) {
        for (String suffix : List.of("", DropFolderRules.MARKER_SUFFIX, DropFolderRules.SIDECAR_SUFFIX,
                DropFolderRules.ERROR_SUFFIX)) {
            if (Files.exists(dir.resolve(name + suffix), LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }

    private static void moveCompanion(Path companion, Path target) {
        if (!Files.exists(companion, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            DurableFiles.moveWithoutReplacing(companion, target);
        } catch (FileAlreadyExistsException e) {
            // never leave a marker behind: it would mark the next file of that name complete too early
            LOG.warn("{} exists; deleting {} instead of archiving it", target, companion);
            DurableFiles.deleteQuietly(companion);
        } catch (NoSuchFileException e) {
            LOG.debug("{} went away meanwhile", companion);
        } catch (IOException e) {
            throw AccessFailures.of("archive " + companion + " into", target.getParent(), e);
        }
    }

    /**
     * A discarded file is kept (it is the ERP's data) but out of failed/, whose files are work to do: in
     * {@code failed/discarded/}, made when first needed.
     */
    private static Path discardedDir(ErpFolders folders) {
        Path dir = folders.failedDir().resolve(DISCARDED);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw AccessFailures.of("create", dir, e);
        }
        return dir;
    }

    private static void writeErrorFile(IntegrationName integration, ErpFolders folders, String ref, Path archived,
                                       Instant now, String headline, String whatHappened, String whatToDo) {
        Path errorFile = companion(archived, DropFolderRules.ERROR_SUFFIX);
        long size = -1;
        Optional<String> sha256 = Optional.empty();
        try {
            if (Files.isRegularFile(archived, LinkOption.NOFOLLOW_LINKS)) {
                size = Files.size(archived);
                sha256 = Optional.of(DurableFiles.sha256Of(archived).hex());
            }
        } catch (IOException e) {
            LOG.debug("cannot read {} back for its error file: {}", archived, e.toString());
        }
        String text = ErrorReport.text(integration, folders.toJakamo() + "/" + ref,
                folders.root().relativize(archived).toString().replace('\\', '/'), size, sha256, now, headline,
                whatHappened, whatToDo);
        try {
            DurableFiles.writeNew(errorFile, text.getBytes(StandardCharsets.UTF_8), DurableFiles.Interruption.NONE);
        } catch (IOException e) {
            // the file is archived; only its explanation is missing, which the log line below keeps
            LOG.error("{} is in failed/ but its error file {} could not be written ({}): {} / {}", archived,
                    errorFile, e, whatHappened, whatToDo);
        }
    }
}
