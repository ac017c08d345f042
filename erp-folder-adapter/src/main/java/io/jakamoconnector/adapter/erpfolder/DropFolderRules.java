package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.domain.model.document.BusinessKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which files in the drop folders are the ERP's documents and attachments, and which order an attachment is for.
 * Everything a person or a program leaves while still working is ignored: hidden files (which is how well-behaved
 * writers name a file until they rename it into place), editor and download leftovers, and the connector's own marker
 * and sidecar files.
 */
final class DropFolderRules {
    /** {@code <file>.done}: the ERP says {@code <file>} is complete; it is taken at once and archived with the file. */
    static final String MARKER_SUFFIX = ".done";
    /** {@code <file>.order}: holds the order number of attachment {@code <file>}; wins over the file's name. */
    static final String SIDECAR_SUFFIX = ".order";
    static final String ERROR_SUFFIX = ".error.txt";
    static final int MAX_SIDECAR_BYTES = 1024;

    private static final List<String> WORK_IN_PROGRESS_SUFFIXES = List.of(
            ".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".swp", ".swo", ".swx",
            MARKER_SUFFIX, SIDECAR_SUFFIX);
    private static final List<String> SYSTEM_FILES = List.of("thumbs.db", "desktop.ini");

    private DropFolderRules() {
    }

    /** A name the outbox never picks up. */
    static boolean ignored(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return fileName.startsWith(".")                              // hidden, and every writer's temp name
                || fileName.endsWith("~")                            // editor backups
                || fileName.startsWith("~$")                         // Office lock files
                || (fileName.startsWith("#") && fileName.endsWith("#")) // Emacs autosaves
                || WORK_IN_PROGRESS_SUFFIXES.stream().anyMatch(lower::endsWith)
                || SYSTEM_FILES.contains(lower);
    }

    /** The top level of {@code to_jakamo/} holds documents: {@code *.xml}, in any letter case. */
    static boolean isDocumentName(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".xml") && !ignored(fileName);
    }

    /** The order an attachment's file name names, by the convention in use; empty when it names none. */
    static Optional<BusinessKey> orderFromName(String fileName, AttachmentNaming naming) {
        int cut = fileName.indexOf(naming.separator());
        if (cut <= 0) {
            return Optional.empty();
        }
        return businessKey(fileName.substring(0, cut));
    }

    /** The order a sidecar file names: its first line, trimmed; empty when that is not a usable order number. */
    static Optional<BusinessKey> orderFromSidecar(String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        int end = text.indexOf('\n');
        return businessKey((end >= 0 ? text.substring(0, end) : text).strip());
    }

    /** A file's marker, sidecar or error file: {@code <file><suffix>} beside it. */
    static Path companion(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    /** File names come from outside: no line breaks or other control characters into a log line. */
    static String printable(String value) {
        return value.replaceAll("\\p{Cntrl}", "?");
    }

    private static Optional<BusinessKey> businessKey(String value) {
        try {
            return Optional.of(new BusinessKey(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
