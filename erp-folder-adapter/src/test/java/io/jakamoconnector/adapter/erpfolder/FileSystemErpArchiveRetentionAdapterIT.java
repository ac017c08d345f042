package io.jakamoconnector.adapter.erpfolder;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.exchange.ArchiveFolderPruning;
import io.jakamoconnector.domain.model.exchange.ArchivePruning;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.in.PruneErpArchivesCommand;
import io.jakamoconnector.domain.service.AuditWriter;
import io.jakamoconnector.domain.service.PruneErpArchivesService;
import io.jakamoconnector.domain.testing.InMemoryAuditTrail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention of the archive folders on a real file system. Files get modification times 400 days back, as an ERP's
 * exports may have: the archive time that counts is the rename into the folder (ctime), which a test cannot set back,
 * so the limit is moved instead ({@code archivedBefore} in the future means "every file archived so far").
 */
class FileSystemErpArchiveRetentionAdapterIT {
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private static final FileTime LONG_AGO = FileTime.from(Instant.now().minus(Duration.ofDays(400)));

    @TempDir
    Path base;
    private ErpFolders folders;
    private ErpFolderTrees trees;
    private FileSystemErpArchiveRetentionAdapter retention;

    @BeforeEach
    void folders() {
        trees = new ErpFolderTrees(Map.of(ORDERS, ErpFolders.under(base.resolve("orders"))), Clock.systemUTC());
        trees.start();
        folders = trees.folders(ORDERS);
        retention = new FileSystemErpArchiveRetentionAdapter(trees);
    }

    private static Path oldFile(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path file = Files.writeString(dir.resolve(name), "<Order/>", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, LONG_AGO);
        return file;
    }

    private static Instant inAMinute() {
        return Instant.now().plus(Duration.ofMinutes(1));
    }

    private static ArchiveFolderPruning folder(ArchivePruning result, String name) {
        return result.folders().stream().filter(f -> f.folder().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void filesArchivedBeforeTheLimitAreRemovedFromProcessedAndFromJakamoAndNothingElse() throws IOException {
        Path sent = oldFile(folders.processedDir(), "PO-1.xml");
        Path marker = oldFile(folders.processedDir(), "PO-1.xml.done");
        Path delivered = oldFile(folders.fromJakamoDir(), "OrderResponse-PO-1-a1.xml");
        Path staged = oldFile(folders.fromJakamoDir(), ".OrderResponse-PO-2-b2.xml.staged");
        Path nested = oldFile(folders.processedDir().resolve("kept-by-hand"), "PO-0.xml");
        Path failed = oldFile(folders.failedDir(), "PO-3.xml");
        Path report = oldFile(folders.failedDir(), "PO-3.xml.error.txt");
        Path discarded = oldFile(folders.failedDir().resolve("discarded"), "PO-4.xml");
        Path dropped = oldFile(folders.toJakamoDir(), "PO-5.xml");

        ArchivePruning result = retention.prune(ORDERS, inAMinute(), false);

        assertThat(sent).doesNotExist();
        assertThat(marker).doesNotExist();
        assertThat(delivered).doesNotExist();
        assertThat(List.of(staged, nested, failed, report, discarded, dropped)).allMatch(Files::exists);
        assertThat(folder(result, "processed").removed()).isEqualTo(2);
        assertThat(folder(result, "processed").skipped()).isEqualTo(1);
        assertThat(folder(result, "from_jakamo").removed()).isEqualTo(1);
        assertThat(folder(result, "from_jakamo").skipped()).isEqualTo(1);
        assertThat(result.folders()).extracting(ArchiveFolderPruning::folder).containsExactly("processed",
                "from_jakamo");
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void aFileArchivedJustNowIsKeptHoweverOldItsModificationTime() throws IOException {
        Instant started = Instant.now().minusSeconds(2);
        Path dropped = oldFile(folders.toJakamoDir(), "PO-7.xml");
        Path archived = folders.processedDir().resolve("PO-7.xml");
        Files.move(dropped, archived);

        ArchivePruning result = retention.prune(ORDERS, Instant.now().minus(Duration.ofDays(30)), false);

        assertThat(archived).exists();
        assertThat(Files.getLastModifiedTime(archived)).isEqualTo(LONG_AGO);
        assertThat(folder(result, "processed").removed()).isZero();
        assertThat(folder(result, "processed").kept()).isEqualTo(1);
        assertThat(folder(result, "processed").oldestKept()).hasValueSatisfying(t -> assertThat(t).isAfter(started));
    }

    @Test
    void linksAreNeitherFollowedNorRemovedAndAFolderThatIsALinkIsReported() throws IOException {
        Path outside = Files.createDirectories(base.resolve("elsewhere"));
        Path victim = oldFile(outside, "precious.xml");
        Path link = Files.createSymbolicLink(folders.processedDir().resolve("PO-8.xml"), victim);
        Files.delete(folders.fromJakamoDir());
        Files.createSymbolicLink(folders.fromJakamoDir(), outside);

        ArchivePruning result = retention.prune(ORDERS, inAMinute(), false);

        assertThat(victim).exists();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(folder(result, "processed").removed()).isZero();
        assertThat(folder(result, "processed").skipped()).isEqualTo(1);
        assertThat(folder(result, "from_jakamo").problems()).singleElement().asString()
                .contains("symbolic link").contains("nothing in it was removed");
    }

    @Test
    void aDryRunCountsWhatWouldGoAndRemovesNothing() throws IOException {
        Path sent = oldFile(folders.processedDir(), "PO-9.xml");

        ArchivePruning result = retention.prune(ORDERS, inAMinute(), true);

        assertThat(sent).exists();
        assertThat(result.dryRun()).isTrue();
        assertThat(folder(result, "processed").removed()).isEqualTo(1);
        assertThat(folder(result, "processed").bytes()).isEqualTo(8);
    }

    @Test
    void theUseCaseRemovesByEachIntegrationsDaysAndWritesOneAuditEventPerRun() throws IOException {
        Path sent = oldFile(folders.processedDir(), "PO-10.xml");
        Path delivered = oldFile(folders.fromJakamoDir(), "Order-PO-10-c3.xml");
        InMemoryAuditTrail audit = new InMemoryAuditTrail();
        Clock inForty = Clock.fixed(Instant.now().plus(Duration.ofDays(40)), ZoneOffset.UTC);
        PruneErpArchivesService service = new PruneErpArchivesService(retention,
                new AuditWriter(audit, inForty, "node-1"), inForty);

        List<ArchivePruning> kept = service.prune(new PruneErpArchivesCommand(Map.of(ORDERS, 60), false));
        assertThat(kept.get(0).removed()).isZero();
        assertThat(audit.events()).isEmpty();
        assertThat(service.prune(new PruneErpArchivesCommand(Map.of(ORDERS, 30), true)).get(0).removed())
                .isEqualTo(2);
        assertThat(audit.events()).isEmpty();
        List<ArchivePruning> pruned = service.prune(new PruneErpArchivesCommand(Map.of(ORDERS, 30), false));

        assertThat(sent).doesNotExist();
        assertThat(delivered).doesNotExist();
        assertThat(pruned.get(0).removed()).isEqualTo(2);
        assertThat(audit.events()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.ARCHIVES_PRUNED);
            assertThat(e.outcome()).isEqualTo(AuditOutcome.OK);
            assertThat(e.reason()).contains("orders").contains("processed: 1 removed")
                    .contains("from_jakamo: 1 removed");
        });
        assertThat(audit.events()).extracting(AuditEvent::actor).containsExactly("connector");
    }
}
