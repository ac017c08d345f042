package io.jakamoconnector.adapter.erpfolder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The names tried, in turn, for a file moved into {@code processed/} or {@code failed/}: its own name first, then
 * {@code <base>.<UTC yyyyMMdd'T'HHmmss.SSS'Z'>-<n><.ext>} for n = 1, 2, ... The caller moves without replacing and
 * takes the next name when one is taken, so two files of one name archived in the same millisecond both survive.
 */
final class ArchiveNames {
    /** Most file systems allow 255 bytes; the longest companion suffix ({@code .error.txt}) must still fit. */
    static final int MAX_NAME_BYTES = 255 - DropFolderRules.ERROR_SUFFIX.length();
    static final int MAX_ATTEMPTS = 10_000;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ArchiveNames() {
    }

    static String candidate(String name, int attempt, Instant now) {
        if (attempt == 0 && bytes(name) <= MAX_NAME_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        boolean hasExtension = dot > 0 && name.length() - dot <= 17;
        String base = hasExtension ? name.substring(0, dot) : name;
        String extension = hasExtension ? name.substring(dot) : "";
        String suffix = "." + STAMP.format(now) + "-" + Math.max(attempt, 1) + extension;
        while (!base.isEmpty() && bytes(base) + bytes(suffix) > MAX_NAME_BYTES) {
            base = base.substring(0, base.offsetByCodePoints(base.length(), -1));
        }
        return base + suffix;
    }

    /** Whether {@code name} is one {@link #candidate} gives for {@code original} (a shortened base aside). */
    static boolean isCandidateFor(String original, String name) {
        if (name.equals(original)) {
            return true;
        }
        int dot = original.lastIndexOf('.');
        boolean hasExtension = dot > 0 && original.length() - dot <= 17;
        String base = hasExtension ? original.substring(0, dot) : original;
        String extension = hasExtension ? original.substring(dot) : "";
        return name.startsWith(base + ".") && name.endsWith(extension) && name.substring(base.length(),
                name.length() - extension.length()).matches("\\.\\d{8}T\\d{6}\\.\\d{3}Z-\\d+");
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
