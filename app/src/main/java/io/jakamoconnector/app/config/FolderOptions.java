package io.jakamoconnector.app.config;

import java.time.Duration;

/**
 * An integration's folder names below its root and its pick-up rules ({@code integrations[x].folders}).
 *
 * @param stableFor        how long a file's size and time must stay the same before it counts as complete
 *                         ({@code folders.stableSeconds}); a {@code <file>.done} marker makes it complete at once
 * @param attachmentNaming how an attachment's file name says its order ({@code folders.attachmentNaming})
 */
public record FolderOptions(String toJakamo, String fromJakamo, String processed, String failed, Duration stableFor,
                            AttachmentNaming attachmentNaming) {

    /** {@code first-underscore}: {@code PO1001_drawing.pdf}; {@code double-underscore}: {@code PO_1__drawing.pdf}. */
    public enum AttachmentNaming {
        FIRST_UNDERSCORE, DOUBLE_UNDERSCORE;

        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public FolderOptions {
        if (toJakamo == null || fromJakamo == null || processed == null || failed == null || stableFor == null
                || attachmentNaming == null) {
            throw new IllegalArgumentException("folders: every option is required");
        }
    }

    /** Jakamo's connector's layout, files complete after 2 s without change, order before the first underscore. */
    public static FolderOptions defaults() {
        return new FolderOptions("to_jakamo", "from_jakamo", "processed", "failed", Duration.ofSeconds(2),
                AttachmentNaming.FIRST_UNDERSCORE);
    }
}
