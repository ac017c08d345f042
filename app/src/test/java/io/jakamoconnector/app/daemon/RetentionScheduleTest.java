package io.jakamoconnector.app.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jakamoconnector.adapter.erpfolder.ErpFolderTrees;
import io.jakamoconnector.adapter.erpfolder.ErpFolders;
import io.jakamoconnector.adapter.erpfolder.FileSystemErpArchiveRetentionAdapter;
import io.jakamoconnector.adapter.persistence.JdbiAuditTrailAdapter;
import io.jakamoconnector.app.config.RetentionConfig;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.service.AuditWriter;
import io.jakamoconnector.domain.service.PruneErpArchivesService;
import io.jakamoconnector.domain.testing.InMemoryAuditTrail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's retention schedule: off without days; with them, each round prunes and is audited. */
class RetentionScheduleTest {
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private static final Supplier<JdbiAuditTrailAdapter> NO_TRAIL = () -> {
        throw new IllegalStateException("the audit trail is not pruned without retention.auditDays");
    };

    @TempDir
    Path base;

    @Test
    void aConfiguredScheduleRemovesOldArchivesOnItsOwnAndAuditsTheRound() throws Exception {
        ErpFolderTrees trees = new ErpFolderTrees(Map.of(ORDERS, ErpFolders.under(base.resolve("orders"))),
                Clock.systemUTC());
        trees.start();
        Path sent = Files.writeString(trees.folders(ORDERS).processedDir().resolve("PO-1.xml"), "<Order/>");
        InMemoryAuditTrail audit = new InMemoryAuditTrail();
        Clock inTwoDays = Clock.fixed(Instant.now().plus(Duration.ofDays(2)), ZoneOffset.UTC);
        AuditWriter writer = new AuditWriter(audit, inTwoDays, "node-1");
        RetentionConfig retention = new RetentionConfig(Optional.of(1), Map.of(), Optional.empty());
        RetentionRound round = new RetentionRound(retention, Map.of(ORDERS, 1), Optional.of(
                new PruneErpArchivesService(new FileSystemErpArchiveRetentionAdapter(trees), writer, inTwoDays)),
                NO_TRAIL, writer, inTwoDays);

        try (RetentionSchedule schedule = new RetentionSchedule(round, Duration.ZERO, Duration.ofHours(1))) {
            schedule.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> audit.count(AuditAction.ARCHIVES_PRUNED) == 1);
        }

        assertThat(sent).doesNotExist();
    }

    @Test
    void withoutRetentionNothingIsScheduled() {
        RetentionRound round = new RetentionRound(RetentionConfig.off(), Map.of(), Optional.empty(), NO_TRAIL,
                new AuditWriter(new InMemoryAuditTrail(), Clock.systemUTC(), "node-1"), Clock.systemUTC());

        assertThat(round.configured()).isFalse();
        try (RetentionSchedule schedule = new RetentionSchedule(round, Duration.ZERO, Duration.ofHours(1))) {
            schedule.start();
        }
        assertThat(round.run(false).archives()).isEmpty();
    }
}
