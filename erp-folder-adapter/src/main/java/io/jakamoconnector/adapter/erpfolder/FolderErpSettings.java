package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.plugin.ErpSettings;
import java.time.Duration;

/**
 * One integration's drop folders as its {@code erp} section (or the older {@code folders} section) sets them: the tree
 * and the pick-up rules.
 *
 * @param stableFor        how long a file's size and time must stay the same before it counts as complete
 *                         ({@code stableSeconds}); a {@code <file>.done} marker makes it complete at once
 * @param attachmentNaming how an attachment's file name says its order ({@code attachmentNaming})
 */
public record FolderErpSettings(ErpFolders folders, Duration stableFor, AttachmentNaming attachmentNaming)
        implements ErpSettings {
    public FolderErpSettings {
        Check.notNull("folders", folders);
        Check.notNull("folders.stableSeconds", stableFor);
        Check.notNull("folders.attachmentNaming", attachmentNaming);
    }

    /** The default layout under {@code root}, files complete after 2 s, the order before the first underscore. */
    public static FolderErpSettings under(java.nio.file.Path root) {
        return new FolderErpSettings(ErpFolders.under(root), ErpOutboxSettings.DEFAULT_STABLE_FOR,
                AttachmentNaming.FIRST_UNDERSCORE);
    }

    /** The outbox's rules for this integration. */
    public ErpOutboxSettings outboxSettings() {
        return ErpOutboxSettings.defaults().withStableFor(stableFor).withAttachmentNaming(attachmentNaming);
    }

    @Override
    public String describe() {
        ErpFolders f = folders;
        return "folders under " + f.root() + " (" + f.toJakamo() + ", " + f.fromJakamo() + ", " + f.processed() + ", "
                + f.failed() + "), files complete after " + stableFor.toSeconds() + " s";
    }
}
