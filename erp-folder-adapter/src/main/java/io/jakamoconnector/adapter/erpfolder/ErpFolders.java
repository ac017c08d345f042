package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.domain.model.Check;
import java.nio.file.Path;
import java.util.List;

/**
 * One integration's folder tree, laid out as Jakamo's own connector lays it out, so an ERP set up for that connector
 * finds its files where it expects them:
 * <pre>
 * root/
 *   to_jakamo/               the ERP drops documents (*.xml) here
 *   to_jakamo/attachments/   ... and attachments (any file type)
 *   from_jakamo/             the connector delivers documents and attachments from Jakamo here
 *   processed/               files sent to Jakamo
 *   failed/                  files not sent, each with a &lt;name&gt;.error.txt beside it
 * </pre>
 * Each folder name is relative to {@code root} and may not leave it; the five folders must be distinct and not inside
 * one another. Keep them on one file system: archiving is a rename, atomic only within one file system.
 */
public record ErpFolders(Path root, String toJakamo, String fromJakamo, String processed, String failed) {
    public static final String DEFAULT_TO_JAKAMO = "to_jakamo";
    public static final String DEFAULT_FROM_JAKAMO = "from_jakamo";
    public static final String DEFAULT_PROCESSED = "processed";
    public static final String DEFAULT_FAILED = "failed";
    /** The attachments folder inside {@code toJakamo}; fixed, as in Jakamo's connector. */
    public static final String ATTACHMENTS = "attachments";

    public ErpFolders {
        Check.notNull("folders.root", root);
        root = root.toAbsolutePath().normalize();
        checkName("folders.toJakamo", root, toJakamo);
        checkName("folders.fromJakamo", root, fromJakamo);
        checkName("folders.processed", root, processed);
        checkName("folders.failed", root, failed);
        List<Path> all = List.of(root.resolve(toJakamo).normalize(), root.resolve(fromJakamo).normalize(),
                root.resolve(processed).normalize(), root.resolve(failed).normalize());
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                Check.that(!all.get(i).startsWith(all.get(j)) && !all.get(j).startsWith(all.get(i)), "folders",
                        "to_jakamo, from_jakamo, processed and failed must be four different folders, none inside "
                                + "another (" + all.get(i).getFileName() + " and " + all.get(j).getFileName() + ")");
            }
        }
    }

    /** The default layout under {@code root}. */
    public static ErpFolders under(Path root) {
        return new ErpFolders(root, DEFAULT_TO_JAKAMO, DEFAULT_FROM_JAKAMO, DEFAULT_PROCESSED, DEFAULT_FAILED);
    }

    private static void checkName(String field, Path root, String name) {
        Check.notBlank(field, name);
        Check.printable(field, name);
        Path relative = root.getFileSystem().getPath(name);
        Check.that(!relative.isAbsolute(), field, "must be a folder name relative to the root, not an absolute path");
        Path normal = relative.normalize();
        Check.that(!normal.toString().isEmpty() && !normal.startsWith(".."), field,
                "must name a folder inside the root (no '..', not the root itself)");
    }

    public Path toJakamoDir() {
        return root.resolve(toJakamo).normalize();
    }

    public Path attachmentsDir() {
        return toJakamoDir().resolve(ATTACHMENTS);
    }

    public Path fromJakamoDir() {
        return root.resolve(fromJakamo).normalize();
    }

    public Path processedDir() {
        return root.resolve(processed).normalize();
    }

    public Path failedDir() {
        return root.resolve(failed).normalize();
    }

    /** Every folder of the tree, the root first. */
    public List<Path> all() {
        return List.of(root, toJakamoDir(), attachmentsDir(), fromJakamoDir(), processedDir(), failedDir());
    }
}
