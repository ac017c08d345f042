package io.jakamoconnector.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.model.audit.CanonicalAuditForm;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.testing.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database insider (the owner, append-only triggers switched off) rewrites the trail the way issue 13 did, each time
 * re-hashing the chain and moving its head so the chain itself is consistent again. The schedule's checkpoints, the
 * anchor file and an earlier export must each give the forgery away.
 *
 * <p>The trail: events 1..20, a scheduled checkpoint, five minutes later events 21..38 and the shutdown checkpoint;
 * an export taken then; verify runs ten minutes later, past the interval and its grace.
 */
class AuditForgeryIT {
    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final long ASIDE = 1_000_000L;

    @TempDir
    Path dir;
    private TestDatabase db;
    private AuditSigningKey key;
    private MutableClock clock;
    private AuditAnchorFile anchor;
    /** The connector's trail: scheduled, anchored. */
    private JdbiAuditTrailAdapter trail;
    /** The same database and key, the schedule known, no anchor file: what the database alone shows. */
    private JdbiAuditTrailAdapter databaseOnly;
    private AuditCheckpoint exported;

    @BeforeEach
    void setUp() throws IOException {
        db = TestDatabase.create();
        key = AuditSigningKey.loadOrCreate(dir.resolve("keys"));
        clock = MutableClock.at("2026-11-02T08:00:00Z");
        anchor = new AuditAnchorFile(dir.resolve("anchor").resolve("audit-anchor.log"));
        trail = new JdbiAuditTrailAdapter(db.database(), key, clock,
                AuditCheckpointPolicy.scheduled(INTERVAL, anchor));
        databaseOnly = new JdbiAuditTrailAdapter(db.database(), key, clock,
                new AuditCheckpointPolicy(1000, Optional.of(INTERVAL), Optional.empty()));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private void writeTheTrail() throws IOException {
        for (int i = 1; i <= 20; i++) {
            trail.append(event(i));
        }
        assertThat(trail.checkpoint()).isInstanceOf(CheckpointOutcome.Signed.class);
        clock.advance(INTERVAL);
        for (int i = 21; i <= 38; i++) {
            trail.append(event(i));
        }
        assertThat(trail.checkpoint()).isInstanceOf(CheckpointOutcome.Signed.class);
        Path export = dir.resolve("before.jsonl");
        try (OutputStream out = Files.newOutputStream(export)) {
            trail.export(AuditExportFilter.everything(), out);
        }
        exported = AuditExportFile.checkpoint(export).orElseThrow();
        clock.advance(Duration.ofMinutes(10));
        assertThat(trail.verifyInDetail(Optional.of(exported)))
                .isEqualTo(new AuditVerificationReport(new AuditVerification.Intact(38, 38, 2), List.of()));
        assertThat(databaseOnly.verify()).isEqualTo(new AuditVerification.Intact(38, 38, 2));
    }

    private AuditEvent event(int n) {
        return AuditEvent.builder(AuditAction.values()[n % AuditAction.values().length], AuditOutcome.OK)
                .at(clock.instant()).node("node-1").actor("connector").integration(new IntegrationName(
                        n % 2 == 0 ? "orders" : "claims")).reason("event " + n).build();
    }

    // ---- the forgeries ----

    /** (a) event 13 says something else; the chain from 13 and the head are re-hashed. */
    private void editEvent13() {
        forge(h -> {
            h.execute("UPDATE audit_event SET reason = 'nothing happened' WHERE seq = 13");
            rehashFrom(h, 13);
        });
    }

    /** (b) the last five events are gone; the head points at event 33. */
    private void cutTheLastFive() {
        forge(h -> {
            h.execute("DELETE FROM audit_event WHERE seq > 33");
            rehashFrom(h, 34);
        });
    }

    /** (c) event 20 is gone; 21..38 are renumbered 20..37 and re-hashed. */
    private void deleteEvent20AndRenumber() {
        forge(h -> {
            h.execute("DELETE FROM audit_event WHERE seq = 20");
            h.execute("UPDATE audit_event SET seq = seq + " + ASIDE + " WHERE seq > 20");
            h.execute("UPDATE audit_event SET seq = seq - " + (ASIDE + 1) + " WHERE seq > " + ASIDE);
            rehashFrom(h, 20);
        });
    }

    /** (d) as (b), and the shutdown checkpoint that would give it away is deleted too. */
    private void cutTheLastFiveAndTheirCheckpoint() {
        forge(h -> {
            h.execute("DELETE FROM audit_event WHERE seq > 33");
            h.execute("DELETE FROM audit_checkpoint WHERE seq = 38");
            rehashFrom(h, 34);
        });
    }

    @Test
    void anEditedAndRehashedEventIsFound() throws IOException {
        writeTheTrail();
        editEvent13();
        assertBroken(trail.verify(), 20, "differs from the signed checkpoint at 20");
        assertBroken(databaseOnly.verify(), 20, "differs from the signed checkpoint at 20");
        assertBroken(databaseOnly.verifyInDetail(Optional.of(exported)).result(), 20, "differs");
        assertThat(trail.checkpoint()).as("nothing rewritten is signed").isEqualTo(new CheckpointOutcome.Refused(38,
                "event 38 differs from the signed checkpoint at 38"));
        assertThat(trail.export(AuditExportFilter.everything(), OutputStream.nullOutputStream()).refused())
                .as("nor exported with a signature").isPresent();
    }

    @Test
    void aCutTailIsFound() throws IOException {
        writeTheTrail();
        cutTheLastFive();
        assertBroken(trail.verify(), 34, "events were cut off");
        assertBroken(databaseOnly.verify(), 34, "a checkpoint was signed at event 38: events were cut off");
        assertBroken(databaseOnly.verifyInDetail(Optional.of(exported)).result(), 34, "cut off");
    }

    @Test
    void aDeletedAndRenumberedEventIsFound() throws IOException {
        writeTheTrail();
        deleteEvent20AndRenumber();
        assertBroken(trail.verify(), 20, "differs from the signed checkpoint at 20");
        assertBroken(databaseOnly.verify(), 20, "differs from the signed checkpoint at 20");
        assertBroken(databaseOnly.verifyInDetail(Optional.of(exported)).result(), 20, "differs");
        assertThat(databaseOnly.checkpoint()).isEqualTo(new CheckpointOutcome.Refused(38, "the chain's head is event "
                + "37 but a checkpoint was signed at event 38: events were cut off"));
    }

    @Test
    void aCutTailWithItsCheckpointDeletedIsFoundByTheAnchorTheExportAndTheSchedule() throws IOException {
        writeTheTrail();
        cutTheLastFiveAndTheirCheckpoint();
        assertBroken(trail.verify(), 34, "line 2 of the anchor file " + anchor
                + " holds a checkpoint signed at event 38: events were cut off");
        assertBroken(databaseOnly.verifyInDetail(Optional.of(exported)).result(), 34,
                "the export's checkpoint holds a checkpoint signed at event 38: events were cut off");
        // the database alone: events 21..33 are older than the interval and its grace, and nothing covers them
        assertBroken(databaseOnly.verify(), 21, "event 21, written at 2026-11-02T08:05:00Z, is covered by no signed "
                + "checkpoint, though the connector signs one at least every 5 min");
        // the next start of the connector does not sign the forged head, which would hide the cut
        assertThat(trail.checkpoint()).isEqualTo(new CheckpointOutcome.Refused(34, "the anchor file " + anchor
                + " holds a checkpoint at event 38 but the chain's head is 33: events were cut off"));
        assertBroken(trail.verify(), 34, "events were cut off");
    }

    @Test
    void anExportOfOneIntegrationStillPinsTheWholeChain() throws IOException {
        writeTheTrail();
        Path export = dir.resolve("orders.jsonl");
        try (OutputStream out = Files.newOutputStream(export)) {
            trail.export(new AuditExportFilter(Optional.empty(), Optional.empty(),
                    Optional.of(new IntegrationName("orders"))), out);
        }
        AuditCheckpoint orders = AuditExportFile.checkpoint(export).orElseThrow();
        assertThat(orders.seq()).isEqualTo(38);
        cutTheLastFiveAndTheirCheckpoint();
        assertBroken(databaseOnly.verifyInDetail(Optional.of(orders)).result(), 34, "the export's checkpoint");
    }

    @Test
    void anExportSignedByAnotherKeyIsNotTakenAsEvidence() throws IOException {
        writeTheTrail();
        AuditSigningKey other = AuditSigningKey.loadOrCreate(dir.resolve("other-keys"));
        AuditCheckpoint unsigned = new AuditCheckpoint(38, exported.hashHex(), exported.signedAt(), other.keyId(),
                new byte[0]);
        AuditCheckpoint foreign = new AuditCheckpoint(38, exported.hashHex(), exported.signedAt(), other.keyId(),
                other.sign(unsigned.signedBytes()));
        assertBroken(trail.verifyInDetail(Optional.of(foreign)).result(), 38, "the export's checkpoint: "
                + "checkpoint at 38 was signed by key " + other.keyId());
    }

    // ---- the schedule ----

    @Test
    void anEventOlderThanTheIntervalAndItsGraceMustBeCoveredAndTheNextStartCoversIt() {
        for (int i = 1; i <= 5; i++) {
            trail.append(event(i));
        }
        clock.advance(INTERVAL.plus(AuditCheckpointPolicy.GRACE).minusSeconds(1));
        assertThat(trail.verify()).as("within the grace").isEqualTo(new AuditVerification.Intact(5, 5, 0));
        clock.advance(Duration.ofSeconds(2));
        assertBroken(trail.verify(), 1, "event 1, written at 2026-11-02T08:00:00Z, is covered by no signed "
                + "checkpoint");
        // a crash left them uncovered; the next start signs them: an honest crash does not look like a forgery
        assertThat(trail.checkpoint()).isInstanceOfSatisfying(CheckpointOutcome.Signed.class,
                s -> assertThat(s.checkpoint().seq()).isEqualTo(5));
        assertThat(trail.verify()).isEqualTo(new AuditVerification.Intact(5, 5, 1));
    }

    // ---- the anchor file ----

    @Test
    void everyCheckpointIsAnchoredOwnerOnlyIncludingThoseSignedEveryNEvents() throws IOException {
        JdbiAuditTrailAdapter everyTen = new JdbiAuditTrailAdapter(db.database(), key, clock,
                new AuditCheckpointPolicy(10, Optional.of(INTERVAL), Optional.of(anchor)));
        for (int i = 1; i <= 25; i++) {
            everyTen.append(event(i));
        }
        assertThat(everyTen.checkpoint()).isInstanceOf(CheckpointOutcome.Signed.class);
        List<String> lines = Files.readAllLines(anchor.path());
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("{\"seq\":10,\"hash\":\"").contains("\"key_id\":\"" + key.keyId() + "\"");
        assertThat(lines.get(2)).startsWith("{\"seq\":25,");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(anchor.path())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(anchor.path().getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys"))))
                .as("the signing key's directory, created by the key").isEqualTo("rwx------");
        assertThat(everyTen.checkpoint()).isEqualTo(new CheckpointOutcome.Covered(25));
        assertThat(Files.readAllLines(anchor.path())).as("nothing anchored twice").hasSize(3);
    }

    @Test
    void aForgedAnchorLineIsBrokenAndAMissingAnchorFileIsAWarning() throws IOException {
        writeTheTrail();
        Files.writeString(anchor.path(), Files.readString(anchor.path()).replace("\"seq\":38,", "\"seq\":37,"));
        assertBroken(trail.verify(), 37, "line 2 of the anchor file " + anchor + ": the signature of the "
                + "checkpoint at 37 is not valid");

        Files.delete(anchor.path());
        AuditVerificationReport report = trail.verifyInDetail(Optional.empty());
        assertThat(report.result()).isEqualTo(new AuditVerification.Intact(38, 38, 2));
        assertThat(report.warnings()).containsExactly("the anchor file " + anchor + " does not exist, though the "
                + "database holds 2 checkpoint(s) signed by this installation's key: restore it from your backup or "
                + "SIEM, or, if it was moved deliberately, set audit.anchorFile to where it is now");
    }

    // ---- helpers ----

    private static void assertBroken(AuditVerification result, long at, String reason) {
        assertThat(result).isInstanceOfSatisfying(AuditVerification.Broken.class, b -> {
            assertThat(b.firstBadSequence()).as(b.reason()).isEqualTo(at);
            assertThat(b.reason()).contains(reason);
        });
    }

    /** As the owner, with the append-only triggers off, in one transaction. */
    private void forge(Consumer<Handle> change) {
        Jdbi owner = Jdbi.create(db.jdbcUrl(), db.user(), db.password() == null ? null : new String(db.password()));
        owner.useTransaction(h -> {
            h.execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
            h.execute("ALTER TABLE audit_checkpoint DISABLE TRIGGER USER");
            change.accept(h);
            h.execute("ALTER TABLE audit_event ENABLE TRIGGER USER");
            h.execute("ALTER TABLE audit_checkpoint ENABLE TRIGGER USER");
        });
    }

    /** Recomputes prev_hash and hash of every event from {@code from} on, and moves the head to the last one. */
    private static void rehashFrom(Handle h, long from) {
        byte[] prev = from == 1 ? CanonicalAuditForm.genesis() : h.createQuery("SELECT hash FROM audit_event "
                + "WHERE seq = :seq").bind("seq", from - 1).mapTo(byte[].class).one();
        CanonicalAuditForm form = new CanonicalAuditForm();
        List<Long> seqs = h.createQuery("SELECT seq FROM audit_event WHERE seq >= :from ORDER BY seq")
                .bind("from", from).mapTo(Long.class).list();
        for (long seq : seqs) {
            byte[] previous = prev;
            byte[] hash = h.createQuery("SELECT seq, ts, node, actor, integration, action, outcome, business_key, "
                            + "file_name, sha256, reason, correlation_id, remote_correlation_id, duration_ms, attempt, "
                            + "token_fingerprint, credential_key_id FROM audit_event WHERE seq = :seq")
                    .bind("seq", seq).map((rs, ctx) -> {
                        Long duration = rs.getObject(14) == null ? null : rs.getLong(14);
                        Integer attempt = rs.getObject(15) == null ? null : rs.getInt(15);
                        form.build(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                                rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                                rs.getString(13), duration, attempt, rs.getString(16), rs.getString(17));
                        return form.hash(previous);
                    }).one();
            h.createUpdate("UPDATE audit_event SET prev_hash = :prev, hash = :hash WHERE seq = :seq")
                    .bind("prev", prev).bind("hash", hash).bind("seq", seq).execute();
            prev = hash;
        }
        long last = from - 1 + seqs.size();
        h.createUpdate("UPDATE audit_head SET last_seq = :seq, last_hash = :hash WHERE id")
                .bind("seq", last).bind("hash", prev).execute();
    }
}
