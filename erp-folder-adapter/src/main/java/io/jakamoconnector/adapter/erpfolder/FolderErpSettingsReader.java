package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.plugin.ConfigSection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an integration's folder settings from {@code integrations[x].erp} ({@code type: folders}) or the older
 * {@code integrations[x].folders}, which keep the same keys: {@code root} (default {@code erp/<name>} beside the
 * configuration file), {@code toJakamo}, {@code fromJakamo}, {@code processed}, {@code failed}, {@code stableSeconds}
 * and {@code attachmentNaming}. Every problem goes to the section with its key path.
 */
final class FolderErpSettingsReader {
    static final Set<String> KEYS = Set.of("root", "toJakamo", "fromJakamo", "processed", "failed", "stableSeconds",
            "attachmentNaming");

    private FolderErpSettingsReader() {
    }

    /**
     * @param node the section, possibly empty (an integration that writes no folder settings at all)
     * @return the settings, or null when there were problems
     */
    static FolderErpSettings read(ConfigSection node, IntegrationName name) {
        String at = node.path();
        node.knownKeys(KEYS);
        Path root = node.text("root").map(node::file).orElseGet(() -> node.file("erp/" + name));
        String toJakamo = node.text("toJakamo").orElse(ErpFolders.DEFAULT_TO_JAKAMO);
        String fromJakamo = node.text("fromJakamo").orElse(ErpFolders.DEFAULT_FROM_JAKAMO);
        String processed = node.text("processed").orElse(ErpFolders.DEFAULT_PROCESSED);
        String failed = node.text("failed").orElse(ErpFolders.DEFAULT_FAILED);
        Duration stable = node.integer("stableSeconds", 1, 3600).map(Duration::ofSeconds)
                .orElse(ErpOutboxSettings.DEFAULT_STABLE_FOR);
        AttachmentNaming naming = node.text("attachmentNaming").map(text -> naming(node, text))
                .orElse(AttachmentNaming.FIRST_UNDERSCORE);
        // the adapter's own rules: relative, inside the root, four different folders none inside another
        ErpFolders folders = node.value(at, () -> new ErpFolders(root, toJakamo, fromJakamo, processed, failed));
        if (folders == null || naming == null || node.hasProblemAt(at)) {
            return null;
        }
        return new FolderErpSettings(folders, stable, naming);
    }

    private static AttachmentNaming naming(ConfigSection node, String text) {
        for (AttachmentNaming n : AttachmentNaming.values()) {
            if (configName(n).equals(text)) {
                return n;
            }
        }
        node.problem(node.pathOf("attachmentNaming") + ": must be first-underscore (PO1001_drawing.pdf) or "
                + "double-underscore (PO_1001__drawing.pdf)");
        return null;
    }

    /** {@code first-underscore}, {@code double-underscore}: as the configuration writes it. */
    static String configName(AttachmentNaming naming) {
        return naming.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

}
