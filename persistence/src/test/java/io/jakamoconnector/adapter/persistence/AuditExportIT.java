package io.jakamoconnector.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.audit.CanonicalAuditForm;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Exporting a million events streams them: the heap that survives a collection stays flat while lines go out. */
class AuditExportIT {
    private static final Logger LOG = LoggerFactory.getLogger(AuditExportIT.class);
    private static final int EVENTS = 1_000_000;
    /** Far below what a million exported lines (~450 MB of text) or rows held in memory would need. */
    private static final long HEAP_GROWTH_LIMIT = 48L * 1024 * 1024;

    @Test
    void aMillionEventsExportInConstantMemory() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            db.database();
            long started = System.nanoTime();
            try (var owner = db.ownerConnection(); var s = owner.createStatement()) {
                // set-based: the export reads what is stored and recomputes nothing, so the hashes need not chain
                s.execute("INSERT INTO audit_event (seq, ts, node, actor, integration, action, outcome, business_key, "
                        + "file_name, sha256, reason, correlation_id, remote_correlation_id, duration_ms, attempt, "
                        + "token_fingerprint, credential_key_id, prev_hash, hash) "
                        + "SELECT g, timestamptz '2026-01-01 00:00:00+00' + g * interval '1 millisecond', "
                        + "'node-' || (g % 3), 'connector', CASE WHEN g % 2 = 0 THEN 'orders' ELSE 'claims' END, "
                        + "'message_delivered', 'ok', 'PO-' || g, 'OrderResponse-PO-' || g || '.xml', "
                        + "md5(g::text) || md5((g + 1)::text), 'HTTP 200', 'c-' || g, 'r-' || g, g % 1000, 1, "
                        + "substr(md5(g::text), 1, 16), 'kid-1', sha256(int8send(g - 1)), sha256(int8send(g)) "
                        + "FROM generate_series(1, " + EVENTS + ") g");
                s.execute("UPDATE audit_head SET last_seq = " + EVENTS + ", last_hash = sha256(int8send("
                        + EVENTS + "::bigint))");
            }
            LOG.info("{} events generated in {} ms", EVENTS, (System.nanoTime() - started) / 1_000_000);

            AuditSigningKey key = AuditSigningKey.loadOrCreate(Files.createTempDirectory("audit-keys"));
            JdbiAuditTrailAdapter trail = new JdbiAuditTrailAdapter(db.database(), key, Clock.systemUTC());
            // the head is signed, as the connector's schedule would have: an export signs only a head that checks
            // out from the newest checkpoint (and would verify these made-up hashes from the first event otherwise)
            byte[] headHash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(java.nio.ByteBuffer.allocate(Long.BYTES).putLong(EVENTS).array());
            AuditCheckpoint unsigned = new AuditCheckpoint(EVENTS, java.util.HexFormat.of().formatHex(headHash),
                    CanonicalAuditForm.storedTime(java.time.Instant.now()), key.keyId(), new byte[0]);
            try (var owner = db.ownerConnection(); var insert = owner.prepareStatement("INSERT INTO audit_checkpoint "
                    + "(seq, hash, signed_at, key_id, signature) VALUES (?, ?, ?, ?, ?)")) {
                insert.setLong(1, EVENTS);
                insert.setBytes(2, headHash);
                insert.setObject(3, java.time.OffsetDateTime.ofInstant(unsigned.signedAt(), java.time.ZoneOffset.UTC));
                insert.setString(4, key.keyId());
                insert.setBytes(5, key.sign(unsigned.signedBytes()));
                insert.execute();
            }
            HeapWatchingSink sink = new HeapWatchingSink(100_000);
            started = System.nanoTime();
            AuditExportSummary summary = trail.export(AuditExportFilter.everything(), sink);
            long millis = (System.nanoTime() - started) / 1_000_000;
            LOG.info("exported {} events ({} MB) in {} ms; live heap after GC at each 100k lines: {} MB",
                    summary.events(), sink.bytes / 1_000_000, millis,
                    sink.samples.stream().map(b -> b / 1_000_000).toList());

            assertThat(summary.events()).isEqualTo(EVENTS);
            assertThat(summary.lastSeq()).isEqualTo(EVENTS);
            assertThat(sink.lines).isEqualTo(EVENTS + 1);
            assertThat(sink.bytes).as("the export really is big").isGreaterThan(300_000_000L);
            assertThat(sink.lastLine).startsWith("{\"checkpoint\":{\"seq\":" + EVENTS + ",")
                    .endsWith("\"events\":" + EVENTS + "}");
            assertThat(sink.samples).hasSizeGreaterThanOrEqualTo(9);
            long baseline = sink.samples.get(0);
            assertThat(sink.samples).allSatisfy(used -> assertThat(used - baseline)
                    .as("live heap growth while exporting").isLessThan(HEAP_GROWTH_LIMIT));
        }
    }

    /** Counts bytes and lines, and measures the live heap (after a full collection) every {@code every} lines. */
    private static final class HeapWatchingSink extends OutputStream {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final int every;
        final List<Long> samples = new ArrayList<>();
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(4096);
        String lastLine = "";
        long bytes;
        long lines;

        HeapWatchingSink(int every) {
            this.every = every;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                bytes++;
                if (buffer[i] != '\n') {
                    line.write(buffer[i]);
                    continue;
                }
                lastLine = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (++lines % every == 0) {
                    System.gc();
                    samples.add(memory.getHeapMemoryUsage().getUsed());
                }
            }
        }
    }
}
