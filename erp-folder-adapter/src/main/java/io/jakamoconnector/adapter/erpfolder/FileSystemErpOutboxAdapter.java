package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.adapter.erpfolder.StabilityTracker.Fingerprint;
import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.port.out.ErpAccessException;
import io.jakamoconnector.domain.port.out.ErpFile;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up the files the ERP drops into each integration's {@code to_jakamo/} ({@code *.xml}) and
 * {@code to_jakamo/attachments/} (any file), and archives them into {@code processed/} or {@code failed/}.
 *
 * <p>A file is offered only once it is complete: its {@code <name>.done} marker exists, or its size and modification
 * time stayed the same for {@link ErpOutboxSettings#stableFor()}. Hidden, empty and work-in-progress files are never
 * offered (see {@link DropFolderRules}). Each offered file is read once, and the read is checked against what the scan
 * saw, so the bytes returned are the whole file. Files come oldest first (modification time, then name) and stay in
 * the drop folder, offered again, until archived.
 *
 * <p>A file the connector can never send is not offered but moved to {@code failed/} at once with its error file: one
 * over the size limit, a symbolic link or special file, one the connector may not read, one whose name has control
 * characters, an empty file marked done.
 *
 * <p>Archiving moves without replacing: a name taken in the archive gets a UTC time stamp and a counter. Marker and
 * sidecar files move along, named after the archived file. Archiving a file no longer there does nothing.
 */
public final class FileSystemErpOutboxAdapter implements ErpOutboxPort {
    private static final Logger LOG = LoggerFactory.getLogger(FileSystemErpOutboxAdapter.class);
    /** Inside failed/: the files an operator discarded, kept with their reports. */
    static final String DISCARDED = "discarded";
    private static final Comparator<Candidate> OLDEST_FIRST =
            Comparator.comparing((Candidate c) -> c.attributes().lastModifiedTime()).thenComparing(Candidate::ref);

    private final ErpFolderTrees trees;
    private final ErpOutboxSettings settings;
    private final Clock clock;
    private final Map<IntegrationName, StabilityTracker> trackers = new ConcurrentHashMap<>();

    public FileSystemErpOutboxAdapter(ErpFolderTrees trees, ErpOutboxSettings settings, Clock clock) {
        this.trees = Objects.requireNonNull(trees, "trees");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A file as a scan saw it. */
    private record Candidate(Path path, String ref, String fileName, boolean attachment,
                             BasicFileAttributes attributes, boolean marked, Path sidecar, Fingerprint fingerprint) {
    }

    @Override
    public List<ErpFile> pickUp(IntegrationName integration, int max) {
        ErpFolders folders = trees.folders(integration);
        if (max <= 0) {
            return List.of();
        }
        StabilityTracker tracker = tracker(integration);
        synchronized (tracker) {
            List<Candidate> candidates = new ArrayList<>();
            scan(folders.toJakamoDir(), false, candidates);
            scan(folders.attachmentsDir(), true, candidates);
            Set<Path> present = new HashSet<>();
            candidates.forEach(c -> present.add(c.path()));
            tracker.retainOnly(present);

            Instant now = clock.instant();
            List<Candidate> complete = new ArrayList<>();
            for (Candidate c : candidates) {
                // every unmarked file is looked at on every scan, so its stable time runs from its first sighting
                if (tracker.isStable(c.path(), c.fingerprint(), now) || c.marked()) {
                    complete.add(c);
                }
            }
            complete.sort(OLDEST_FIRST);
            List<ErpFile> files = new ArrayList<>();
            for (Candidate c : complete) {
                if (files.size() >= max) {
                    break;
                }
                take(integration, folders, c, tracker).ifPresent(files::add);
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
                        + "one stays in the drop folder and is picked up as a new document", printable(ref.value()),
                        integration);
                tracker.forget(source);
                return false;
            }
            moveToArchive(integration, folders, source, ref.value(), read, verdict);
            tracker.forget(source);
            return true;
        }
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

    // ---- scanning and reading

    private void scan(Path dir, boolean attachments, List<Candidate> out) {
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
                boolean marked = Files.exists(sibling(path, DropFolderRules.MARKER_SUFFIX), LinkOption.NOFOLLOW_LINKS);
                if (a.isRegularFile() && a.size() == 0 && !marked) {
                    continue; // just created and not written yet, or nothing at all: neither is a document
                }
                Path sidecar = sibling(path, DropFolderRules.SIDECAR_SUFFIX);
                BasicFileAttributes s = attachments ? attributesOrNull(sidecar) : null;
                Fingerprint fingerprint = new Fingerprint(a.size(), a.lastModifiedTime(), s == null ? -1 : s.size(),
                        s == null ? null : s.lastModifiedTime());
                String ref = attachments ? ErpFolders.ATTACHMENTS + "/" + name : name;
                out.add(new Candidate(path, ref, name, attachments, a, marked, s == null ? null : sidecar,
                        fingerprint));
            }
        } catch (IOException e) {
            throw AccessFailures.of("list the files of", dir, e);
        }
    }

    private Optional<ErpFile> take(IntegrationName integration, ErpFolders folders, Candidate c,
                                   StabilityTracker tracker) {
        String kind = c.attachment() ? "attachment" : "document";
        if (!c.attributes().isRegularFile()) {
            return refuse(integration, folders, c, "it is a symbolic link or a special file, not a regular file; the "
                    + "connector does not follow links, so a link cannot make it send a file the ERP could not read",
                    "drop the file itself into the folder, not a link to it");
        }
        if (c.attributes().size() == 0) {
            return refuse(integration, folders, c, "the file is empty (0 bytes) although its .done marker says it "
                    + "is complete", "export the " + kind + " again, then write the .done marker");
        }
        ErpDocumentRef ref;
        try {
            ref = new ErpDocumentRef(c.ref());
        } catch (IllegalArgumentException e) {
            return refuse(integration, folders, c, "the file name cannot be used (" + e.getMessage() + ")",
                    "rename the file to a name without control characters, at most 1000 characters long, and drop "
                            + "it again");
        }
        int limit = c.attachment() ? settings.maxAttachmentBytes() : settings.maxDocumentBytes();
        if (c.attributes().size() > limit) {
            return refuse(integration, folders, c, "the " + kind + " is " + c.attributes().size()
                    + " bytes, over the connector's limit of " + limit + " bytes for " + kind + "s",
                    c.attachment() ? "send a smaller file (compress it, or split it into several attachments), or "
                            + "raise the connector's attachment size limit if Jakamo accepts larger files"
                            : "check the export: a Jakamo document is rarely this large; split the order, or raise "
                            + "the connector's document size limit");
        }
        byte[] bytes;
        try {
            Optional<byte[]> read = readExactly(c);
            if (read.isEmpty()) {
                LOG.debug("{} changed while it was read; it waits for the next scan", c.path());
                tracker.forget(c.path());
                return Optional.empty();
            }
            bytes = read.get();
        } catch (AccessDeniedException e) {
            return refuse(integration, folders, c, "the connector's user (" + System.getProperty("user.name")
                    + ") may not read the file", "let the ERP create files readable by the connector's group "
                    + "(umask 002 or 007), then move the file from failed/ back into the drop folder");
        } catch (NoSuchFileException e) {
            tracker.forget(c.path());
            return Optional.empty();
        } catch (IOException e) {
            // a Windows writer's lock, a share's hiccup: try again at the next scan
            LOG.warn("could not read {}; trying again at the next scan: {}", c.path(), e.toString());
            tracker.forget(c.path());
            return Optional.empty();
        }
        if (!c.attachment()) {
            return Optional.of(ErpFile.document(ref, c.fileName(), bytes));
        }
        return Optional.of(ErpFile.attachment(ref, c.fileName(), bytes, orderOf(c), noOrderAdvice(folders, c)));
    }

    /** How this outbox would have learnt the attachment's order: said when it names none. */
    private String noOrderAdvice(ErpFolders folders, Candidate c) {
        String separator = settings.attachmentNaming().separator();
        String name = c.fileName();
        String sidecar = name + DropFolderRules.SIDECAR_SUFFIX;
        String into = folders.toJakamo() + "/" + ErpFolders.ATTACHMENTS + "/";
        String rename = "rename it to <order>" + separator + name + " (for example PO-1001" + separator + name + ")";
        if (c.sidecar() != null) {
            return "the file " + sidecar + " next to it holds no usable order number on its first line (at most "
                    + DropFolderRules.MAX_SIDECAR_BYTES + " bytes, one order number): write the order number there, "
                    + "or " + rename + "; then drop both into " + into + " again, the .order file first";
        }
        return rename + ", or put a file " + sidecar + " next to it that holds the order number on its first "
                + "line (write the .order file before the attachment); then drop it into " + into + " again";
    }

    /** Reads the whole file once, and only if it is still exactly what the scan saw. */
    private static Optional<byte[]> readExactly(Candidate c) throws IOException {
        long size = c.attributes().size();
        byte[] bytes = new byte[(int) size];
        try (SeekableByteChannel channel = Files.newByteChannel(c.path(), StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) {
                    return Optional.empty(); // shorter than seen: rewritten meanwhile
                }
            }
            if (channel.read(ByteBuffer.allocate(1)) > 0) {
                return Optional.empty(); // longer than seen: still being written
            }
        }
        BasicFileAttributes after = Files.readAttributes(c.path(), BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (after.size() != size || !after.lastModifiedTime().equals(c.attributes().lastModifiedTime())) {
            return Optional.empty();
        }
        return Optional.of(bytes);
    }

    private Optional<BusinessKey> orderOf(Candidate c) {
        if (c.sidecar() != null) {
            try {
                byte[] content = DurableFiles.readSmall(c.sidecar(), DropFolderRules.MAX_SIDECAR_BYTES);
                if (content == null) {
                    LOG.warn("{} is larger than {} bytes, so it holds no order number", c.sidecar(),
                            DropFolderRules.MAX_SIDECAR_BYTES);
                    return Optional.empty();
                }
                return DropFolderRules.orderFromSidecar(new String(content, StandardCharsets.UTF_8));
            } catch (IOException e) {
                LOG.warn("could not read {}: {}", c.sidecar(), e.toString());
                return Optional.empty();
            }
        }
        return DropFolderRules.orderFromName(c.fileName(), settings.attachmentNaming());
    }

    private Optional<ErpFile> refuse(IntegrationName integration, ErpFolders folders, Candidate c,
                                     String whatHappened, String whatToDo) {
        LOG.warn("not offering {} of integration {}: {}; moving it to {}", printable(c.path().toString()),
                integration, whatHappened, folders.failedDir());
        moveFile(integration, folders, c.path(), c.ref(), new ArchiveVerdict.Failed(whatHappened, whatToDo));
        return Optional.empty();
    }

    // ---- archiving

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

    /**
     * Moves the file to its archive. One no longer in the drop folder was archived already; if it is in failed/ (the
     * same bytes, under its name or a stamped one) and an operator's correction gave it another outcome since, it
     * follows that outcome: sent, it moves on to processed/ and its report is deleted; discarded, it moves on to
     * failed/discarded/ with a report that says so; failed again, its report is replaced by the new one.
     */
    private void moveToArchive(IntegrationName integration, ErpFolders folders, Path source, String ref, Sha256 read,
                               ArchiveVerdict verdict) {
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            Optional<Path> inFailed = read == null ? Optional.empty()
                    : findInFailed(folders, source.getFileName().toString(), read);
            if (inFailed.isEmpty()) {
                LOG.debug("{} is no longer in the drop folder: archived already", source);
                return;
            }
            Path earlier = inFailed.get();
            Path report = sibling(earlier, DropFolderRules.ERROR_SUFFIX);
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

    /**
     * The files of failed/ named as {@code ref}'s file or as archiving renames it, with their bytes as they are now.
     * A file larger than an XML document may be is left out (it could not be sent anyway).
     */
    @Override
    public List<ErpFile> inFailed(IntegrationName integration, ErpDocumentRef ref) {
        ErpFolders folders = trees.folders(integration);
        String original = resolve(folders, ref).getFileName().toString();
        List<ErpFile> files = new ArrayList<>();
        for (Path candidate : failedCandidates(folders, original)) {
            if (!ArchiveNames.isCandidateFor(original, candidate.getFileName().toString())) {
                continue;
            }
            // opened without following links, and read no further than a document may be: whoever may write in
            // failed/ cannot make the connector read (and send) another file through a link put there meanwhile
            try (SeekableByteChannel channel = Files.newByteChannel(candidate, StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS)) {
                if (channel.size() <= settings.maxDocumentBytes()) {
                    ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
                    while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                        // until full, or the file turned out shorter
                    }
                    files.add(ErpFile.document(ref, candidate.getFileName().toString(),
                            java.util.Arrays.copyOf(buffer.array(), buffer.position())));
                }
            } catch (NoSuchFileException e) {
                LOG.debug("{} went away meanwhile", candidate);
            } catch (IOException e) {
                throw AccessFailures.of("read", candidate, e);
            }
        }
        return List.copyOf(files);
    }

    /** The file of failed/ holding exactly the bytes {@code read}, named {@code original} or as archiving renames it. */
    private static Optional<Path> findInFailed(ErpFolders folders, String original, Sha256 read) {
        for (Path candidate : failedCandidates(folders, original)) {
            try {
                if (DurableFiles.sha256Of(candidate).equals(read)) {
                    return Optional.of(candidate);
                }
            } catch (NoSuchFileException e) {
                LOG.debug("{} went away meanwhile", candidate);
            } catch (IOException e) {
                throw AccessFailures.of("read back", candidate, e);
            }
        }
        return Optional.empty();
    }

    /** The files of failed/ named {@code original} or as archiving renames it, by name. */
    private static List<Path> failedCandidates(ErpFolders folders, String original) {
        Path dir = folders.failedDir();
        int dot = original.lastIndexOf('.');
        String stem = dot > 0 ? original.substring(0, dot) : original;
        List<Path> candidates;
        try (var files = Files.list(dir)) {
            candidates = files.filter(f -> {
                String name = f.getFileName().toString();
                return (name.equals(original) || name.startsWith(stem + ".")) && !name.endsWith(
                        DropFolderRules.ERROR_SUFFIX) && !name.endsWith(DropFolderRules.MARKER_SUFFIX)
                        && !name.endsWith(DropFolderRules.SIDECAR_SUFFIX)
                        && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS);
            }).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw AccessFailures.of("look for an earlier copy in", dir, e);
        }
        return candidates;
    }

    private void moveFile(IntegrationName integration, ErpFolders folders, Path source, String ref,
                          ArchiveVerdict verdict) {
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
            moveCompanion(sibling(source, DropFolderRules.MARKER_SUFFIX), dir.resolve(name
                    + DropFolderRules.MARKER_SUFFIX));
            moveCompanion(sibling(source, DropFolderRules.SIDECAR_SUFFIX), dir.resolve(name
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

    private void writeErrorFile(IntegrationName integration, ErpFolders folders, String ref, Path archived,
                                Instant now, String headline, String whatHappened, String whatToDo) {
        Path errorFile = archived.resolveSibling(archived.getFileName() + DropFolderRules.ERROR_SUFFIX);
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

    // ---- small things

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    private static BasicFileAttributes attributesOrNull(Path path) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() ? a : null;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** File names come from outside: no line breaks or other control characters into a log line. */
    private static String printable(String value) {
        return value.replaceAll("\\p{Cntrl}", "?");
    }
}
