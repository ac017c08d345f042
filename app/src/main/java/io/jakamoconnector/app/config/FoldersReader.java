package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import io.jakamoconnector.adapter.erpfolder.ErpFolders;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * {@code integrations[x].folders}: the integration's folder tree and pick-up rules, checked by the folder adapter's own
 * rules. Reads nothing but its {@link ConfigSection}, so it can move into the folder adapter's module (issue 18).
 */
final class FoldersReader {
    private FoldersReader() {
    }

    /** The root (default {@code erp/<name>} beside the configuration file) and the options below it. */
    record Folders(Path root, FolderOptions options) {
    }

    static Folders read(ConfigSection integration, IntegrationName name) {
        Optional<ConfigSection> folders = integration.section("folders");
        Path folderRoot = folders.map(f -> {
            f.knownKeys(Set.of("root", "toJakamo", "fromJakamo", "processed", "failed", "stableSeconds",
                    "attachmentNaming"));
            return f.text("root").map(f::file).orElse(null);
        }).orElse(null);
        if (folderRoot == null) {
            folderRoot = integration.file("erp/" + name);
        }
        Path root = folderRoot;
        FolderOptions options = folders.map(f -> options(f, root)).orElse(FolderOptions.defaults());
        return new Folders(root, options);
    }

    private static FolderOptions options(ConfigSection node, Path root) {
        String at = node.path();
        FolderOptions defaults = FolderOptions.defaults();
        String toJakamo = node.text("toJakamo").orElse(defaults.toJakamo());
        String fromJakamo = node.text("fromJakamo").orElse(defaults.fromJakamo());
        String processed = node.text("processed").orElse(defaults.processed());
        String failed = node.text("failed").orElse(defaults.failed());
        Duration stable = node.integer("stableSeconds", 1, 3600).map(Duration::ofSeconds).orElse(defaults.stableFor());
        FolderOptions.AttachmentNaming naming = node.text("attachmentNaming").map(text -> {
            for (FolderOptions.AttachmentNaming n : FolderOptions.AttachmentNaming.values()) {
                if (n.configName().equals(text)) {
                    return n;
                }
            }
            node.problem(at + ".attachmentNaming: must be first-underscore (PO1001_drawing.pdf) or "
                    + "double-underscore (PO_1001__drawing.pdf)");
            return defaults.attachmentNaming();
        }).orElse(defaults.attachmentNaming());
        // the adapter's own rules: relative, inside the root, four different folders none inside another
        node.value(at, () -> new ErpFolders(root, toJakamo, fromJakamo, processed, failed));
        return new FolderOptions(toJakamo, fromJakamo, processed, failed, stable, naming);
    }
}
