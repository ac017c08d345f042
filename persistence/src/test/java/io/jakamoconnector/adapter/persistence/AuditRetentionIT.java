package io.jakamoconnector.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.audit.AuditPruneOutcome;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.model.audit.CanonicalAuditForm;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.testing.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention of the audit trail on PostgreSQL: a prune covered by an export file, what it refuses, and what a database
 * insider's own "prune" looks like to {@code verify}. The trail: events 1..30 with a checkpoint every 10 events, an
 * export of them, then events 31..35; event n was written n ms after {@link AuditEvents#T0}.
 */
class AuditRetentionIT {
    @TempDir
    Path dir;
    private TestDatabase db;
    private AuditSigningKey key;
    private MutableClock clock;
    private AuditAnchorFile anchor;
    private JdbiAuditTrailAdapter trail;
    private Path export;

    @BeforeEach
    void setUp() throws IOException {
        db = TestDatabase.create();
        key = AuditSigningKey.loadOrCreate(dir.resolve("keys"));
        clock = MutableClock.at("2026-03-01T10:20:00Z");
        anchor = new AuditAnchorFile(dir.resolve("anchor").resolve("audit-anchor.log"));
        trail = new JdbiAuditTrailAdapter(db.database(), key, clock,
                new AuditCheckpointPolicy(10, Optional.of(Duration.ofMinutes(5)), Optional.of(anchor)));
        for (int i = 1; i <= 30; i++) {
            trail.append(AuditEvents.event(i));
        }
        assertThat(trail.checkpoint()).isInstanceOf(CheckpointOutcome.Covered.class);
        export = exportTo("audit-1.jsonl", AuditExportFilter.everything());
        for (int i = 31; i <= 35; i++) {
            trail.append(AuditEvents.event(i));
        }
        assertThat(trail.checkpoint()).isInstanceOf(CheckpointOutcome.Signed.class);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private Path exportTo(String name, AuditExportFilter filter) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            trail.export(filter, out);
        }
        return file;
    }

    /** Event n's time as stored (microseconds): events before n are older, n is not. */
    private static Instant before(int n) {
        return CanonicalAuditForm.storedTime(AuditEvents.T0.plusMillis(n));
    }

    @Test
    void aPruneCoveredByAnExportFileRemovesTheOldEventsAndVerifyStartsAtItsSignedHead() throws IOException {
        AuditPruneOutcome outcome = trail.pruneCoveredBy(before(31), export);

        assertThat(outcome).isInstanceOf(AuditPruneOutcome.Pruned.class);
        AuditPruneOutcome.Pruned pruned = (AuditPruneOutcome.Pruned) outcome;
        assertThat(pruned.removed()).isEqualTo(30);
        assertThat(pruned.horizon().lastRemoved()).isEqualTo(30);
        assertThat(pruned.horizon().coveredBy()).isEqualTo("audit-1.jsonl");
        AuditVerificationReport report = trail.verifyInDetail(Optional.empty());
        assertThat(report.warnings()).isEmpty();
        assertThat(report.result()).isEqualTo(new AuditVerification.Intact(5, 35, 1, Optional.of(pruned.horizon())));
        long kept = db.database().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_event")
                .mapTo(Long.class).one());
        assertThat(kept).isEqualTo(5);
        // the anchor file's older lines (up to event 30) stay valid, and the chain goes on
        trail.append(AuditEvents.event(36));
        assertThat(trail.checkpoint()).isInstanceOf(CheckpointOutcome.Signed.class);
        assertThat(trail.verify()).isInstanceOf(AuditVerification.Intact.class);
    }

    @Test
    void anOlderExportWhoseHeadIsBeforeTheHorizonIsNotBroken() throws IOException {
        assertThat(trail.pruneCoveredBy(before(31), export)).isInstanceOf(AuditPruneOutcome.Pruned.class);
        AuditCheckpoint old = AuditExportFile.checkpoint(export).orElseThrow();

        AuditVerificationReport report = trail.verifyInDetail(Optional.of(old));

        assertThat(report.result()).isInstanceOf(AuditVerification.Intact.class);
        assertThat(((AuditVerification.Intact) report.result()).horizon().orElseThrow().lastRemoved())
                .isGreaterThanOrEqualTo(old.seq());
    }

    @Test
    void oldEventsTheExportDoesNotHoldAreRefusedNamingThem() throws IOException {
        AuditPruneOutcome outcome = trail.pruneCoveredBy(before(34), export);

        assertThat(outcome).isInstanceOf(AuditPruneOutcome.Refused.class);
        assertThat(((AuditPruneOutcome.Refused) outcome).reason()).contains("events 31 to 33")
                .contains("jakamo-connector audit export --output FILE");
        assertThat(trail.horizon()).isEmpty();
        assertThat(trail.verify()).isEqualTo(new AuditVerification.Intact(35, 35, 4));
    }

    @Test
    void aFilteredExportIsNotTakenAsCoverage() throws IOException {
        Path orders = exportTo("orders.jsonl", new AuditExportFilter(Optional.empty(), Optional.empty(),
                Optional.of(new IntegrationName("orders"))));

        AuditPruneOutcome outcome = trail.pruneCoveredBy(before(31), orders);

        assertThat(outcome).isInstanceOf(AuditPruneOutcome.Refused.class);
        assertThat(((AuditPruneOutcome.Refused) outcome).reason()).contains("does not hold event 1");
        assertThat(trail.horizon()).isEmpty();
    }

    @Test
    void onlyAnExportOfEverythingIsRecordedAsCoverageForTheScheduledPrune() throws IOException {
        exportTo("orders-later.jsonl", new AuditExportFilter(Optional.empty(), Optional.empty(),
                Optional.of(new IntegrationName("orders"))));

        assertThat(trail.newestRecordedExport()).hasValueSatisfying(c -> assertThat(c.headSeq()).isEqualTo(30));
        assertThat(trail.prune(before(34), trail.newestRecordedExport().orElseThrow()))
                .isInstanceOf(AuditPruneOutcome.Refused.class);
        assertThat(trail.prune(before(31), trail.newestRecordedExport().orElseThrow()))
                .isInstanceOf(AuditPruneOutcome.Pruned.class);
    }

    @Test
    void anExportOfAnotherInstallationIsNotTakenAsCoverage() throws IOException {
        TestDatabase other = TestDatabase.create();
        try {
            JdbiAuditTrailAdapter foreign = new JdbiAuditTrailAdapter(other.database(),
                    AuditSigningKey.loadOrCreate(dir.resolve("other-keys")), clock, 10);
            for (int i = 1; i <= 30; i++) {
                foreign.append(AuditEvents.event(i));
            }
            Path theirs = dir.resolve("theirs.jsonl");
            try (OutputStream out = Files.newOutputStream(theirs)) {
                foreign.export(AuditExportFilter.everything(), out);
            }

            AuditPruneOutcome outcome = trail.pruneCoveredBy(before(31), theirs);

            assertThat(outcome).isInstanceOf(AuditPruneOutcome.Refused.class);
            assertThat(trail.horizon()).isEmpty();
        } finally {
            other.close();
        }
    }

    @Test
    void theAppendOnlyTriggerStillRefusesADeleteOutsideAPruneAndTheSettingIsNoPrivilege() {
        assertThatThrownBy(() -> asOwner(h -> h.execute("DELETE FROM audit_event WHERE seq = 1")))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> asOwner(h -> {
            h.execute("SET LOCAL ROLE jakamo_app");
            h.execute("SELECT set_config('jakamo.audit_prune_upto', '5', true)");
            h.execute("DELETE FROM audit_event WHERE seq = 1");
        })).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> asOwner(h -> h.execute("TRUNCATE audit_horizon")))
                .hasMessageContaining("append-only");
    }

    @Test
    void anInsidersHorizonWhereNoCheckpointWasSignedIsBroken() {
        asOwner(h -> {
            h.execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
            h.execute("DELETE FROM audit_event WHERE seq <= 15");
            h.execute("ALTER TABLE audit_event ENABLE TRIGGER USER");
            h.execute("INSERT INTO audit_horizon SELECT 15, e.hash, now(), now(), 'made-up.jsonl', x.seq, x.hash, "
                    + "x.signed_at, x.key_id, x.signature FROM audit_checkpoint e, audit_export x "
                    + "WHERE e.seq = 10 LIMIT 1");
        });

        AuditVerification result = trail.verify();

        assertThat(result).isInstanceOf(AuditVerification.Broken.class);
        assertThat(((AuditVerification.Broken) result).firstBadSequence()).isEqualTo(16);
        assertThat(((AuditVerification.Broken) result).reason()).contains("no signed checkpoint");
    }

    @Test
    void anInsidersHorizonClaimingAnExportWithoutItsSignatureIsBroken() {
        asOwner(h -> {
            h.execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
            h.execute("DELETE FROM audit_event WHERE seq <= 20");
            h.execute("ALTER TABLE audit_event ENABLE TRIGGER USER");
            h.execute("INSERT INTO audit_horizon SELECT 20, c.hash, now(), now(), 'made-up.jsonl', 20, c.hash, "
                    + "now(), c.key_id, c.signature FROM audit_checkpoint c WHERE c.seq = 20");
        });

        AuditVerification result = trail.verify();

        assertThat(result).isInstanceOf(AuditVerification.Broken.class);
        assertThat(((AuditVerification.Broken) result).reason()).contains("made-up.jsonl")
                .contains("signature");
    }

    private void asOwner(Consumer<Handle> change) {
        Jdbi.create(db.jdbcUrl(), db.user(), db.password() == null ? null : new String(db.password()))
                .useTransaction(change::accept);
    }
}
