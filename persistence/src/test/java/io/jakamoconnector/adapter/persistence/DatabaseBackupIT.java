package io.jakamoconnector.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.audit.AuditVerification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseBackupIT {
    private static final Clock CLOCK = Clock.fixed(AuditEvents.T0, ZoneOffset.UTC);

    @TempDir
    Path dir;
    private TestDatabase source;
    private TestDatabase target;
    private AuditSigningKey key;
    private JdbiAuditTrailAdapter trail;

    @BeforeEach
    void setUp() throws IOException {
        source = TestDatabase.create();
        target = TestDatabase.create();
        key = AuditSigningKey.loadOrCreate(dir.resolve("keys"));
        trail = new JdbiAuditTrailAdapter(source.database(), key, CLOCK, 50);
    }

    @AfterEach
    void tearDown() {
        source.close();
        target.close();
    }

    @Test
    void aBackupTakenWhileWritesGoOnIsOneSnapshotThatRestoresToAVerifyingChain() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong written = new AtomicLong();
        CountDownLatch going = new CountDownLatch(200);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (Connection connection = source.ownerConnection()) {
                for (long n = 1; !stop.get(); n++) {
                    trail.append(AuditEvents.event(n));
                    insertDocument(connection, n);
                    written.incrementAndGet();
                    going.countDown();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(going.await(60, TimeUnit.SECONDS)).as("the writer got going").isTrue();
        BackupManifest manifest;
        try {
            manifest = DatabaseBackup.write(source.database(), dir.resolve("backup.zip"), CLOCK);
        } finally {
            stop.set(true);
            writer.get(60, TimeUnit.SECONDS);
        }
        long atBackup = manifest.auditHeadSeq();
        assertThat(atBackup).as("taken while events were written").isGreaterThanOrEqualTo(200)
                .isLessThan(written.get() + 1);
        assertThat(manifest.rows("audit_event")).isEqualTo(atBackup);
        // the writer commits each event, then its document: one snapshot sees the document of every event but
        // perhaps the last (taken between the two commits); tables copied at different moments would see more
        assertThat(manifest.rows("outbound_document")).as("the same snapshot for every table")
                .isBetween(atBackup - 1, atBackup);

        PostgresDatabase restored = target.unstarted(4);
        try {
            DatabaseRestore.Summary summary = DatabaseRestore.restore(restored, dir.resolve("backup.zip"), false);
            assertThat(summary.manifest()).isEqualTo(manifest);
            JdbiAuditTrailAdapter restoredTrail = new JdbiAuditTrailAdapter(restored, key, CLOCK, 50);
            assertThat(restoredTrail.verify()).isInstanceOfSatisfying(AuditVerification.Intact.class,
                    intact -> assertThat(intact.lastSequence()).isEqualTo(atBackup));
            Map<String, Long> counts = DatabaseRestore.rowCounts(restored);
            manifest.parts().forEach(p -> assertThat(counts).containsEntry(p.table(), p.rows()));
            try (Connection connection = target.ownerConnection()) {
                assertThat(contentOf(connection, 7)).isEqualTo(bytes(7));
                // the identity continues after the restored ids
                insertDocument(connection, 1_000_000);
                assertThat(scalar(connection, "SELECT max(id) FROM outbound_document WHERE erp_ref = 'doc-1000000'"))
                        .isGreaterThan(scalar(connection, "SELECT max(id) FROM outbound_document "
                                + "WHERE erp_ref <> 'doc-1000000'"));
                assertThat(scalar(connection, "SELECT count(*) FROM installation")).isEqualTo(1);
            }
            try (Connection s = source.ownerConnection(); Connection t = target.ownerConnection()) {
                assertThat(text(t, "SELECT id FROM installation")).isEqualTo(text(s, "SELECT id FROM installation"));
            }
        } finally {
            restored.close();
        }
    }

    @Test
    void theFileIsPrivateAndAnExistingFileIsNeverOverwritten() throws IOException {
        trail.append(AuditEvents.event(1));
        Path file = dir.resolve("b.zip");
        DatabaseBackup.write(source.database(), file, CLOCK);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        byte[] first = Files.readAllBytes(file);

        assertThatThrownBy(() -> DatabaseBackup.write(source.database(), file, CLOCK))
                .isInstanceOfSatisfying(DatabaseBackupException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DatabaseBackupException.Reason.FILE);
                    assertThat(e.getMessage()).contains("exists already").contains("choose another name");
                });
        assertThat(Files.readAllBytes(file)).isEqualTo(first);
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsOnly("b.zip", "keys");
        }
    }

    @Test
    void aDamagedPartIsRefusedByNameBeforeTheTargetIsTouched() throws Exception {
        for (long n = 1; n <= 20; n++) {
            trail.append(AuditEvents.event(n));
        }
        try (Connection connection = source.ownerConnection()) {
            insertDocument(connection, 1);
        }
        Path good = dir.resolve("good.zip");
        DatabaseBackup.write(source.database(), good, CLOCK);
        Path bad = dir.resolve("bad.zip");
        rewrite(good, bad, "data/outbound_document.copy");

        PostgresDatabase restored = target.unstarted(4);
        try {
            assertThatThrownBy(() -> DatabaseRestore.restore(restored, bad, false))
                    .isInstanceOfSatisfying(DatabaseBackupException.class, e -> {
                        assertThat(e.reason()).isEqualTo(DatabaseBackupException.Reason.CORRUPT);
                        assertThat(e.getMessage()).contains("data/outbound_document.copy")
                                .contains("does not match its SHA-256");
                    });
        } finally {
            restored.close();
        }
        try (Connection connection = target.ownerConnection()) {
            assertThat(scalar(connection, "SELECT count(*) FROM pg_tables WHERE tablename = 'audit_event'"))
                    .as("nothing was migrated or loaded").isZero();
        }
        Path cut = dir.resolve("cut.zip");
        byte[] whole = Files.readAllBytes(good);
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> DatabaseRestore.check(cut)).isInstanceOfSatisfying(DatabaseBackupException.class,
                e -> assertThat(e.reason()).isEqualTo(DatabaseBackupException.Reason.CORRUPT));
    }

    @Test
    void aTargetThatHoldsDataIsRefusedSayingWhatWouldBeLostAndReplacedOnlyWhenForced() {
        for (long n = 1; n <= 30; n++) {
            trail.append(AuditEvents.event(n));
        }
        trail.checkpoint();
        Path file = dir.resolve("b.zip");
        BackupManifest manifest = DatabaseBackup.write(source.database(), file, CLOCK);
        // the target: a connector's database with a trail of its own
        PostgresDatabase other = target.unstarted(2);
        other.start();
        JdbiAuditTrailAdapter otherTrail = new JdbiAuditTrailAdapter(other, key, CLOCK, 50);
        for (long n = 1; n <= 5; n++) {
            otherTrail.append(AuditEvents.event(100 + n));
        }
        PostgresDatabase whileRunning = target.unstarted(2);
        assertThatThrownBy(() -> DatabaseRestore.restore(whileRunning, file, true))
                .as("a connector works on it").isInstanceOfSatisfying(DatabaseBackupException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DatabaseBackupException.Reason.IN_USE);
                    assertThat(e.getMessage()).contains("stop it first");
                });
        other.close();

        PostgresDatabase refused = target.unstarted(2);
        assertThatThrownBy(() -> DatabaseRestore.restore(refused, file, false))
                .isInstanceOfSatisfying(DatabaseBackupException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DatabaseBackupException.Reason.NOT_EMPTY);
                    assertThat(e.getMessage()).contains("5 row(s) in audit_event").contains("would be lost")
                            .contains("--force");
                });
        refused.close();

        PostgresDatabase forced = target.unstarted(2);
        try {
            DatabaseRestore.restore(forced, file, true);
            assertThat(new JdbiAuditTrailAdapter(forced, key, CLOCK, 50).verify())
                    .isEqualTo(new AuditVerification.Intact(30, 30, 1));
            assertThat(DatabaseRestore.rowCounts(forced)).containsEntry("audit_event", manifest.rows("audit_event"));
        } finally {
            forced.close();
        }
        try (Connection connection = target.ownerConnection()) {
            assertThatThrownBy(() -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DELETE FROM audit_event");
                }
            }).as("the append-only triggers are on again").hasMessageContaining("append-only");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void rewrite(Path from, Path to, String damaged) throws IOException {
        try (ZipFile zip = new ZipFile(from.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                byte[] content;
                try (InputStream in = zip.getInputStream(entry)) {
                    content = in.readAllBytes();
                }
                if (entry.getName().equals(damaged)) {
                    content[content.length / 2] ^= 1;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
    }

    private static byte[] bytes(long n) {
        return ("<Order>\u00e4 \\ \t tab\nline " + n + "</Order>").getBytes(StandardCharsets.UTF_8);
    }

    private static void insertDocument(Connection connection, long n) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO outbound_document (integration, "
                + "erp_ref, file_name, sha256, document_type, business_key, content, state, created_at, updated_at) "
                + "VALUES ('orders', ?, ?, ?, 'ORDER', ?, ?, 'PENDING', now(), now())")) {
            insert.setString(1, "doc-" + n);
            insert.setString(2, "doc-" + n + ".xml");
            insert.setString(3, String.format("%064x", n));
            insert.setString(4, "PO-" + n);
            insert.setBytes(5, bytes(n));
            insert.executeUpdate();
        }
    }

    private static byte[] contentOf(Connection connection, long n) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT content FROM outbound_document "
                + "WHERE erp_ref = ?")) {
            query.setString(1, "doc-" + n);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }

    private static long scalar(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
