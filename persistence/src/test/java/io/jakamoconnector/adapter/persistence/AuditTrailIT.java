package io.jakamoconnector.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.testing.Pause;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailIT {
    @TempDir
    Path keys;
    private TestDatabase db;
    private AuditSigningKey key;
    private JdbiAuditTrailAdapter trail;

    @BeforeEach
    void setUp() throws IOException {
        db = TestDatabase.create();
        key = AuditSigningKey.loadOrCreate(keys);
        trail = new JdbiAuditTrailAdapter(db.database(), key, Clock.fixed(AuditEvents.T0, ZoneOffset.UTC), 10);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void anEmptyTrailIsIntact() {
        assertThat(trail.verify()).isEqualTo(new AuditVerification.Intact(0, 0, 0));
        assertThat(trail.checkpoint()).isEqualTo(new CheckpointOutcome.Covered(0));
    }

    @Test
    void appendedEventsVerifyWithTheirCheckpoints() {
        for (int i = 1; i <= 25; i++) {
            trail.append(AuditEvents.event(i));
        }
        assertThat(trail.verify()).isEqualTo(new AuditVerification.Intact(25, 25, 2));
        CheckpointOutcome checkpoint = trail.checkpoint();
        assertThat(checkpoint).isInstanceOfSatisfying(CheckpointOutcome.Signed.class,
                c -> assertThat(c.checkpoint().seq()).isEqualTo(25));
        assertThat(trail.checkpoint()).as("nothing new to sign").isEqualTo(new CheckpointOutcome.Covered(25));
        assertThat(trail.verify()).isEqualTo(new AuditVerification.Intact(25, 25, 3));
    }

    @Test
    void theExportCarriesEveryFieldAndLetsAnyoneRecomputeTheChain() throws Exception {
        for (int i = 1; i <= 30; i++) {
            trail.append(AuditEvents.event(i));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditExportSummary summary = trail.export(AuditExportFilter.everything(), out);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(31);
        assertThat(summary.events()).isEqualTo(30);
        assertThat(summary.firstSeq()).isEqualTo(1);
        assertThat(summary.lastSeq()).isEqualTo(30);

        // recompute the chain from the lines alone, as a SIEM would
        byte[] prev = new byte[32];
        var sha = java.security.MessageDigest.getInstance("SHA-256");
        Pattern hashes = Pattern.compile(",\"prev_hash\":\"([0-9a-f]{64})\",\"hash\":\"([0-9a-f]{64})\"}$");
        for (String line : lines.subList(0, 30)) {
            Matcher m = hashes.matcher(line);
            assertThat(m.find()).isTrue();
            String canonical = line.substring(0, m.start()) + "}";
            assertThat(m.group(1)).isEqualTo(HexFormat.of().formatHex(prev));
            sha.reset();
            sha.update(prev);
            prev = sha.digest(canonical.getBytes(StandardCharsets.UTF_8));
            assertThat(m.group(2)).isEqualTo(HexFormat.of().formatHex(prev));
        }
        String first = lines.get(0);
        assertThat(first).startsWith("{\"seq\":1,\"ts\":\"2026-03-01T10:15:30.124456Z\",\"node\":\"node-1\"");
        assertThat(lines.get(5)).contains("\"actor\":\"connector\"", "\"integration\":\"orders\"",
                "\"action\":\"" + AuditAction.values()[6].code() + "\"", "\"file_name\":\"PO-6_\u00e4\u00f6.xml\"",
                "\"reason\":\"HTTP 503; AADSTS7000215 \\\\ \\\"quoted\\\"\"", "\"duration_ms\":6", "\"attempt\":2");
        assertThat(lines.get(6)).contains("\"actor\":\"operator \\\"ops\\\"\"", "\"business_key\":null",
                "\"duration_ms\":null");

        // the final line: a checkpoint over the head, verifiable with the public key it carries
        String last = lines.get(30);
        assertThat(last).startsWith("{\"checkpoint\":{\"seq\":30,\"hash\":\"" + HexFormat.of().formatHex(prev) + "\"")
                .contains("\"algorithm\":\"Ed25519\"", "\"key_id\":\"" + key.keyId() + "\"")
                .endsWith(",\"events\":30}");
        String publicKey = field(last, "public_key");
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey))));
        verifier.update(summary.checkpoint().signedText().getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(field(last, "signature")))).isTrue();
        assertThat(summary.checkpoint().signedText()).contains("seq=30\n", "signed_at=" + field(last, "signed_at"));
    }

    @Test
    void theExportFilters() throws Exception {
        for (int i = 1; i <= 40; i++) {
            trail.append(AuditEvents.event(i));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditExportSummary summary = trail.export(new AuditExportFilter(
                Optional.of(stored(AuditEvents.T0.plusMillis(10))),
                Optional.of(stored(AuditEvents.T0.plusMillis(20))), Optional.of(new IntegrationName("orders"))), out);
        // events 10..19 happened in that window; the even ones are for orders
        assertThat(summary.events()).isEqualTo(5);
        assertThat(summary.firstSeq()).isEqualTo(10);
        assertThat(summary.lastSeq()).isEqualTo(18);
        assertThat(summary.checkpoint().seq()).as("the checkpoint still covers the whole chain").isEqualTo(40);
        assertThat(out.toString(StandardCharsets.UTF_8).lines().limit(5))
                .allMatch(l -> l.contains("\"integration\":\"orders\""));
    }

    @Test
    void aSlowReaderOfTheExportIsNotCutOffByTheIdleTransactionLimit() throws Exception {
        for (int i = 1; i <= 1000; i++) {
            trail.append(AuditEvents.event(i));
        }
        long[] written = new long[1];
        java.io.OutputStream pager = new java.io.OutputStream() {   // a pager whose reader looks away for a while
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (written[0] == 0) {
                    try {
                        Pause.slowPeer(Duration.ofMillis(ConnectionFactory.IDLE_IN_TRANSACTION_MILLIS + 2000L),
                                "the pager's reader looks away for longer than the idle-in-transaction limit");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                written[0] += len;
            }
        };
        AuditExportSummary summary = trail.export(new AuditExportFilter(Optional.empty(), Optional.empty(),
                Optional.empty()), pager);
        assertThat(summary.events()).isEqualTo(1000);
        assertThat(written[0]).as("the pause came while the export was still in its snapshot").isGreaterThan(1 << 16);
    }

    @Test
    void timesAreKeptToTheMicrosecondAndNullsStayNull() {
        AuditEvent sparse = AuditEvent.builder(AuditAction.SERVICE_STARTED, AuditOutcome.OK)
                .at(Instant.parse("2026-10-25T00:59:59.999999999Z")).node("n").actor("a").build();
        trail.append(sparse);
        assertThat(trail.verify()).isInstanceOf(AuditVerification.Intact.class);
        Instant stored = db.database().jdbi().withHandle(h -> h.createQuery("SELECT ts FROM audit_event")
                .mapTo(Instant.class).one());
        assertThat(stored).isEqualTo(Instant.parse("2026-10-25T00:59:59.999999Z"));
    }

    @Test
    void theApplicationRoleMayOnlyInsertAndSelect() throws Exception {
        trail.append(AuditEvents.event(1));
        assertThat(db.database().usesApplicationRole()).isTrue();
        try (Connection c = db.ownerConnection(); Statement s = c.createStatement()) {
            s.execute("SET ROLE " + PostgresDatabase.APPLICATION_ROLE);
            s.executeQuery("SELECT count(*) FROM audit_event").close();
            for (String sql : List.of("UPDATE audit_event SET reason = 'x'", "DELETE FROM audit_event",
                    "TRUNCATE audit_event", "UPDATE audit_checkpoint SET key_id = 'x'",
                    "DELETE FROM audit_checkpoint", "TRUNCATE audit_checkpoint")) {
                assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied")
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            }
        }
        assertThat(trail.verify()).isInstanceOf(AuditVerification.Intact.class);
    }

    @Test
    void evenTheOwnerIsRefusedByTheTrigger() throws Exception {
        trail.append(AuditEvents.event(1));
        trail.checkpoint();
        try (Connection c = db.ownerConnection(); Statement s = c.createStatement()) {
            for (String sql : List.of("UPDATE audit_event SET reason = 'x'", "DELETE FROM audit_event",
                    "TRUNCATE audit_event", "UPDATE audit_checkpoint SET key_id = 'x'",
                    "DELETE FROM audit_checkpoint", "TRUNCATE audit_checkpoint")) {
                assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                        .hasMessageContaining("append-only");
            }
        }
        assertThat(trail.verify()).isEqualTo(new AuditVerification.Intact(1, 1, 1));
    }

    @Test
    void theSigningKeyIsKeptOwnerOnlyAndReloaded() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("audit-signing.key"))))
                .isEqualTo("rw-------");
        AuditSigningKey again = AuditSigningKey.loadOrCreate(keys);
        assertThat(again.keyId()).isEqualTo(key.keyId());
        assertThat(again.toString()).doesNotContain(Base64.getEncoder().encodeToString(
                Files.readAllBytes(keys.resolve("audit-signing.key"))).substring(0, 20));
    }

    @Test
    void aCheckpointFromAnotherKeyIsReported(@TempDir Path otherKeys) throws Exception {
        for (int i = 1; i <= 10; i++) {
            trail.append(AuditEvents.event(i));
        }
        JdbiAuditTrailAdapter impostor = new JdbiAuditTrailAdapter(db.database(),
                AuditSigningKey.loadOrCreate(otherKeys), Clock.systemUTC(), 1000);
        assertThat(impostor.verify()).isInstanceOfSatisfying(AuditVerification.Broken.class, b -> {
            assertThat(b.firstBadSequence()).isEqualTo(10);
            assertThat(b.reason()).contains("signed by key");
        });
    }

    private static Instant stored(Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
