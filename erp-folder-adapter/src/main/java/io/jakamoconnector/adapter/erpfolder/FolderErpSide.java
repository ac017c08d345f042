package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.plugin.ErpCheck;
import io.jakamoconnector.domain.plugin.ErpContext;
import io.jakamoconnector.domain.plugin.ErpSide;
import io.jakamoconnector.domain.port.out.ErpArchiveRetentionPort;
import io.jakamoconnector.domain.port.out.ErpInboxPort;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import io.jakamoconnector.domain.port.out.PortFailureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The drop folders of every integration of type {@code folders}: one tree each, shared by the inbox, the outbox (with
 * each integration's own pick-up rules) and retention. {@link #start()} creates the trees and claims them for the
 * installation, as the service always has.
 */
final class FolderErpSide implements ErpSide {
    private final ErpContext context;
    private final Map<IntegrationName, FolderErpSettings> settings;
    private final ErpFolderTrees trees;
    private final ErpOutboxPort outbox;
    private final ErpInboxPort inbox;
    private final ErpArchiveRetentionPort retention;

    FolderErpSide(ErpContext context, Map<IntegrationName, FolderErpSettings> settings) {
        this.context = context;
        this.settings = Map.copyOf(settings);
        Map<IntegrationName, ErpFolders> folders = new LinkedHashMap<>();
        Map<IntegrationName, ErpOutboxPort> outboxes = new LinkedHashMap<>();
        settings.forEach((name, s) -> folders.put(name, s.folders()));
        // two integrations on one folder are refused here, naming both and saying to give each its own root
        this.trees = new ErpFolderTrees(folders, context.clock());
        settings.forEach((name, s) -> outboxes.put(name, new FileSystemErpOutboxAdapter(trees, s.outboxSettings(),
                context.clock())));
        this.outbox = new PerIntegrationFolderOutboxAdapter(trees, outboxes);
        this.inbox = new FileSystemErpInboxAdapter(trees);
        this.retention = new FileSystemErpArchiveRetentionAdapter(trees);
    }

    /** The trees, for tests in this module. */
    ErpFolderTrees trees() {
        return trees;
    }

    @Override
    public ErpOutboxPort outbox() {
        return outbox;
    }

    @Override
    public ErpInboxPort inbox() {
        return inbox;
    }

    @Override
    public ErpArchiveRetentionPort retention() {
        return retention;
    }

    @Override
    public void start() {
        trees.start();
        // two installations with databases of their own on one tree would each send every document: refuse
        trees.claim(context.installationId(), context.node());
    }

    @Override
    public void stop() {
        // nothing held between calls: every file operation opens and closes what it uses
    }

    /** Creates what is missing (as the service would), then checks every folder; claims nothing. */
    @Override
    public List<ErpCheck> check(IntegrationName integration) {
        String name = "folders " + integration;
        ErpFolders folders = trees.folders(integration);
        try {
            new ErpFolderTrees(Map.of(integration, folders), context.clock()).start();
        } catch (PortFailureException e) {
            return List.of(ErpCheck.fail(name, e.getMessage()));
        }
        List<ErpCheck> checks = new ArrayList<>();
        for (ErpFolderProblem p : trees.check(integration)) {
            String detail = p.path() + ": " + p.problem() + "; fix: " + p.fix();
            checks.add(p.severity() == ErpFolderProblem.Severity.ERROR ? ErpCheck.fail(name, detail)
                    : ErpCheck.warn(name, detail));
        }
        if (checks.stream().noneMatch(c -> c.status() == ErpCheck.Status.FAIL)) {
            checks.add(ErpCheck.ok(name, folders.root() + " ready (" + folders.toJakamo() + ", "
                    + folders.fromJakamo() + ", " + folders.processed() + ", " + folders.failed() + ")"));
        }
        return checks;
    }

    /** Whether each folder is still there: one look at each, no writing. */
    @Override
    public List<ErpCheck> health(IntegrationName integration) {
        ErpFolders folders = trees.folders(integration);
        for (Path dir : folders.all()) {
            if (!Files.isDirectory(dir)) {
                return List.of(ErpCheck.fail("folders", dir + " is missing: nothing is picked up or delivered; "
                        + "create it again (mkdir -p " + dir + ") or restart the service, which creates it"));
            }
        }
        return List.of(ErpCheck.ok("folders", folders.root().toString()));
    }

    /**
     * Files in {@code to_jakamo/} and its {@code attachments/} that may still be picked up: visible regular files other
     * than markers and common temporary names (a close estimate of the scanner's rules, for progress only).
     */
    @Override
    public OptionalLong waiting(IntegrationName integration) {
        ErpFolders folders = trees.folders(integration);
        return OptionalLong.of(count(folders.toJakamoDir(), true) + count(folders.attachmentsDir(), false));
    }

    @Override
    public Duration settleTime(IntegrationName integration) {
        FolderErpSettings s = settings.get(integration);
        if (s == null) {
            trees.folders(integration);   // refuses, naming the integration
        }
        return s.stableFor();
    }

    private static long count(Path folder, boolean xmlOnly) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !n.endsWith("~") && !n.startsWith("~$"))
                    .map(n -> n.toLowerCase(Locale.ROOT))
                    .filter(n -> !n.endsWith(".done") && !n.endsWith(".order") && !n.endsWith(".tmp")
                            && !n.endsWith(".part") && !n.endsWith(".partial") && !n.endsWith(".swp"))
                    .filter(n -> !xmlOnly || n.endsWith(".xml"))
                    .count();
        } catch (IOException e) {
            return 0;
        }
    }
}
