package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.adapter.erpfolder.ErpFolderProblem.Severity;
import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ErpAccessException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ERP folder trees of every integration: one root per integration, shared by {@link FileSystemErpInboxAdapter}
 * and {@link FileSystemErpOutboxAdapter}. {@link #start()} creates what is missing, with permissions that let the
 * ERP's user (in the connector's group) drop files and take deliveries, and proves each folder writable;
 * {@link #check(IntegrationName)} is what {@code doctor} asks.
 */
public final class ErpFolderTrees {
    /** Below this much free space in a tree, {@code doctor} warns. */
    public static final long DEFAULT_MIN_FREE_BYTES = 100L * 1024 * 1024;
    /** Connector temp files older than this are what a crash left; {@link #start()} removes them. */
    static final Duration STALE_TEMP_AGE = Duration.ofHours(1);
    /** The folders the ERP's user writes into (drops, takes deliveries away, moves failed files back). */
    private static final Set<PosixFilePermission> SHARED = PosixFilePermissions.fromString("rwxrwxr-x");
    /** The root and the archive of sent files: the ERP's user reads them. */
    private static final Set<PosixFilePermission> OWN = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Logger LOG = LoggerFactory.getLogger(ErpFolderTrees.class);

    private final Map<IntegrationName, ErpFolders> trees;
    private final long minFreeBytes;
    private final Clock clock;

    public ErpFolderTrees(Map<IntegrationName, ErpFolders> trees, Clock clock) {
        this(trees, DEFAULT_MIN_FREE_BYTES, clock);
    }

    public ErpFolderTrees(Map<IntegrationName, ErpFolders> trees, long minFreeBytes, Clock clock) {
        Check.notNull("erp.folders", trees);
        Check.that(!trees.isEmpty(), "erp.folders", "must configure the folders of at least one integration");
        Check.notNegative("erp.minFreeBytes", minFreeBytes);
        this.trees = Map.copyOf(trees);
        this.minFreeBytes = minFreeBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
        Map<Path, IntegrationName> owner = new HashMap<>();
        trees.forEach((integration, folders) -> {
            for (Path p : List.of(folders.toJakamoDir(), folders.fromJakamoDir(), folders.processedDir(),
                    folders.failedDir())) {
                IntegrationName other = owner.putIfAbsent(p, integration);
                Check.that(other == null, "erp.folders." + integration,
                        "shares the folder " + p + " with integration " + other
                                + "; give each integration its own root");
            }
        });
    }

    /** A tree per integration, each under {@code base/<integration>} with the default layout. */
    public static Map<IntegrationName, ErpFolders> underOneBase(Path base, Set<IntegrationName> integrations) {
        Map<IntegrationName, ErpFolders> map = new LinkedHashMap<>();
        for (IntegrationName i : integrations) {
            map.put(i, ErpFolders.under(base.resolve(i.value())));
        }
        return map;
    }

    public Set<IntegrationName> integrations() {
        return trees.keySet();
    }

    /** The tree of one integration; an integration without one is a wiring mistake. */
    public ErpFolders folders(IntegrationName integration) {
        ErpFolders folders = trees.get(integration);
        if (folders == null) {
            throw new ErpAccessException("no ERP folders are configured for integration " + integration
                    + "; add them to the configuration", false, null);
        }
        return folders;
    }

    Clock clock() {
        return clock;
    }

    /**
     * Creates every missing folder of every tree (new folders: to_jakamo, its attachments, from_jakamo and failed
     * rwxrwxr-x; root and processed rwxr-xr-x; existing folders keep theirs), proves each writable, and removes temp
     * files a crash left. Idempotent.
     *
     * @throws ErpAccessException naming the folder and what to do, when one cannot be created or written
     */
    public void start() {
        for (Map.Entry<IntegrationName, ErpFolders> e : trees.entrySet()) {
            ErpFolders f = e.getValue();
            for (Path dir : f.all()) {
                boolean shared = !dir.equals(f.root()) && !dir.equals(f.processedDir());
                ensureFolder(dir, shared ? SHARED : OWN);
                probeWritable(dir);
            }
            for (Path dir : List.of(f.fromJakamoDir(), f.failedDir(), f.processedDir())) {
                try {
                    DurableFiles.removeStaleTemps(dir, STALE_TEMP_AGE, clock.instant());
                } catch (IOException ex) {
                    throw AccessFailures.of("clean up", dir, ex);
                }
            }
            LOG.info("ERP folders of integration {} ready under {}", e.getKey(), f.root());
        }
    }

    /** The file in each tree's root that names the installation working the tree. */
    public static final String OWNER_FILE = ".jakamo-connector-installation";
    private static final java.util.regex.Pattern INSTALLATION = java.util.regex.Pattern.compile("[0-9a-f]{32}");

    /**
     * Claims every tree for {@code installation} (the id its database holds), or refuses, before anything is picked up
     * or delivered: instances of one installation share a database and coordinate through it, but a second
     * installation with a database of its own would send every document again and take every message again. The
     * first claim writes {@value #OWNER_FILE} in the tree's root (atomically); later ones compare.
     *
     * @throws ErpAccessException (not retryable) naming the tree, both installations and what to do
     */
    public void claim(String installation, String node) {
        Check.that(installation != null && INSTALLATION.matcher(installation).matches(), "installation",
                "must be 32 hex digits");
        for (Map.Entry<IntegrationName, ErpFolders> e : trees.entrySet()) {
            Path file = e.getValue().root().resolve(OWNER_FILE);
            try {
                if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    String text = installation + "\n# the jakamo-connector installation (its database) that works "
                            + "these folders; first claimed by node " + node + " at " + clock.instant() + ".\n"
                            + "# Delete this file only when that installation is gone for good.\n";
                    try {
                        DurableFiles.writeNew(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                DurableFiles.Interruption.NONE);
                        LOG.info("ERP folders of integration {} claimed for installation {}", e.getKey(), installation);
                        continue;
                    } catch (java.nio.file.FileAlreadyExistsException raced) {
                        // another instance claimed it a moment ago: compare below
                    }
                }
                byte[] bytes = DurableFiles.readSmall(file, 4096);
                String owner = bytes == null ? "" : new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                        .lines().findFirst().orElse("").strip();
                if (!owner.equals(installation)) {
                    throw new ErpAccessException("the ERP folders of integration " + e.getKey() + " under "
                            + e.getValue().root() + " belong to another jakamo-connector installation (" + owner
                            + ", named in " + file + "); this one's database is installation " + installation + ". Two "
                            + "installations on one folder tree would both send every document and both take every "
                            + "message. Point this instance at that installation's database (instances sharing a "
                            + "database may share the folders), or give it folders of its own; if that installation is "
                            + "gone for good, delete " + file, false, null);
                }
            } catch (IOException ex) {
                throw AccessFailures.of("claim", file, ex);
            }
        }
    }

    private static void ensureFolder(Path dir, Set<PosixFilePermission> permissions) {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new ErpAccessException("cannot use " + dir + " as an ERP folder: a file of that name is there. "
                    + "Move the file away or configure another folder", false, null);
        }
        try {
            Files.createDirectories(dir);
            if (Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null) {
                // set after creating: the umask would otherwise take the group's write bit away
                Files.setPosixFilePermissions(dir, permissions);
            }
            LOG.info("created ERP folder {}", dir);
        } catch (IOException e) {
            throw AccessFailures.of("create the folder", dir, e);
        }
    }

    /** Proves a folder writable by writing: permission bits say little on shares, under ACLs or as root. */
    private static void probeWritable(Path dir) {
        Path probe = dir.resolve(DurableFiles.tempNameFor("jakamo-connector-probe"));
        try {
            Files.newByteChannel(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
            Files.delete(probe);
        } catch (IOException e) {
            throw AccessFailures.of("write into", dir, e);
        }
    }

    /**
     * What is wrong with one integration's folders, for {@code doctor}; empty when all is well. Creates nothing; the
     * writability probe writes and deletes one hidden temp file per folder.
     */
    public List<ErpFolderProblem> check(IntegrationName integration) {
        ErpFolders f = folders(integration);
        List<ErpFolderProblem> problems = new ArrayList<>();
        for (Path dir : f.all()) {
            if (!Files.isDirectory(dir)) {
                boolean file = Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
                problems.add(new ErpFolderProblem(integration, Severity.ERROR, dir,
                        file ? "a file stands where this folder should be" : "the folder does not exist",
                        file ? "move the file away or configure another folder"
                                : "start the connector once (it creates missing folders) or create it: mkdir -p "
                                + dir));
                continue;
            }
            try {
                probeWritable(dir);
            } catch (ErpAccessException e) {
                problems.add(new ErpFolderProblem(integration, Severity.ERROR, dir,
                        "the connector's user (" + System.getProperty("user.name") + ") cannot write into it",
                        "give that user write access, e.g. chgrp <erp-group> " + dir + " && chmod 2775 " + dir));
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        for (Path dir : List.of(f.toJakamoDir(), f.attachmentsDir(), f.fromJakamoDir())) {
            groupWritable(integration, dir).ifPresent(problems::add);
        }
        try {
            FileStore drop = Files.getFileStore(f.toJakamoDir());
            for (Path archive : List.of(f.processedDir(), f.failedDir(), f.attachmentsDir())) {
                if (!Files.getFileStore(archive).equals(drop)) {
                    problems.add(new ErpFolderProblem(integration, Severity.WARNING, archive,
                            "is on another file system than " + f.toJakamoDir()
                                    + ", so archiving copies instead of renaming and is not atomic",
                            "keep to_jakamo, processed and failed on one file system (one share, one disk)"));
                }
            }
            for (Path dir : List.of(f.fromJakamoDir(), f.processedDir())) {
                long free = Files.getFileStore(dir).getUsableSpace();
                if (free < minFreeBytes) {
                    problems.add(new ErpFolderProblem(integration, Severity.WARNING, dir,
                            "only " + free / (1024 * 1024) + " MiB free (less than " + minFreeBytes / (1024 * 1024)
                                    + " MiB)",
                            "free space, or move old files out of processed/ and failed/ into long-term storage"));
                }
            }
        } catch (IOException e) {
            problems.add(new ErpFolderProblem(integration, Severity.WARNING, f.root(),
                    "could not read the file system's details: " + e, "check the folder by hand: df -h " + f.root()));
        }
        return problems;
    }

    private static Optional<ErpFolderProblem> groupWritable(IntegrationName integration, Path dir) {
        try {
            if (Files.getFileAttributeView(dir, PosixFileAttributeView.class) == null) {
                return Optional.empty();
            }
            if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.GROUP_WRITE)) {
                return Optional.of(new ErpFolderProblem(integration, Severity.WARNING, dir,
                        "the folder's group may not write into it, so an ERP user in the connector's group cannot "
                                + "drop files here or take them away",
                        "chmod g+w " + dir + " (and make the ERP's user a member of the folder's group)"));
            }
        } catch (IOException e) {
            LOG.debug("cannot read the permissions of {}: {}", dir, e.toString());
        }
        return Optional.empty();
    }
}
