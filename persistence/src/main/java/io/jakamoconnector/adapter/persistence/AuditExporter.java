package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.adapter.persistence.AuditRows.Head;
import io.jakamoconnector.domain.model.audit.CanonicalAuditForm;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/** Exports the audit trail as JSON Lines with a freshly signed checkpoint as the last line. */
final class AuditExporter {
    private final PostgresDatabase database;
    private final AuditSigningKey key;
    private final AuditCheckpointSigner signer;

    AuditExporter(PostgresDatabase database, AuditSigningKey key, AuditCheckpointSigner signer) {
        this.database = Objects.requireNonNull(database, "database");
        this.key = Objects.requireNonNull(key, "key");
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    /**
     * Writes the events that pass {@code filter} as JSON Lines, in sequence order, streaming (constant memory),
     * then a final line with a checkpoint freshly signed over the chain's head as the export began (unless the chain
     * does not check out from its newest checkpoint, as {@link #checkpoint()} would refuse: then nothing is written):
     * {@code {"checkpoint":{"seq":…,"hash":"…","signed_at":"…","key_id":"…","algorithm":"Ed25519",
     * "public_key":"…","signature":"…"},"events":…}}. The caller owns (and closes) {@code out}.
     */
    AuditExportSummary export(AuditExportFilter filter, OutputStream out) throws IOException {
        Objects.requireNonNull(filter, "filter");
        Optional<AuditCheckpoint> anchored = signer.lastAnchored();
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        try {
            AuditExportSummary summary = database.jdbi().inTransaction(TransactionIsolationLevel.REPEATABLE_READ,
                    h -> {
                        h.execute("SET TRANSACTION READ ONLY");
                        h.execute(AuditRows.NO_IDLE_LIMIT);
                        return export(h, filter, writer, anchored);
                    });
            writer.flush();
            // only an export of everything can cover a prune: a filtered one lacks events up to its signed head
            if (summary.refused().isEmpty() && summary.checkpoint().seq() > 0 && filter.since().isEmpty()
                    && filter.until().isEmpty() && filter.integration().isEmpty()) {
                record(summary.checkpoint());
            }
            return summary;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (JdbiException e) {
            throw SqlFailures.translate("exporting the audit trail", e);
        }
    }

    /** Remembers the head this export signed, so a prune can check that an export covers what it removes. */
    private void record(AuditCheckpoint checkpoint) {
        database.jdbi().useHandle(h -> h.createUpdate("INSERT INTO audit_export (seq, hash, signed_at, key_id, "
                        + "signature) VALUES (:seq, :hash, :signedAt, :keyId, :signature) ON CONFLICT DO NOTHING")
                .bind("seq", checkpoint.seq()).bind("hash", AuditRows.HEX.parseHex(checkpoint.hashHex()))
                .bind("signedAt", java.time.OffsetDateTime.ofInstant(checkpoint.signedAt(), java.time.ZoneOffset.UTC))
                .bind("keyId", checkpoint.keyId()).bind("signature", checkpoint.signature()).execute());
    }

    private AuditExportSummary export(Handle h, AuditExportFilter filter, Writer writer,
                                      Optional<AuditCheckpoint> lastAnchored) {
        Head head = AuditRows.readHead(h);
        Optional<CheckpointOutcome.Refused> refused = signer.refusal(h, head, lastAnchored);
        if (refused.isPresent()) {
            return AuditExportSummary.refused(refused.get());
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(AuditRows.EVENT_COLUMNS).append(" FROM audit_event WHERE true");
        filter.since().ifPresent(s -> sql.append(" AND ts >= :since"));
        filter.until().ifPresent(u -> sql.append(" AND ts < :until"));
        filter.integration().ifPresent(i -> sql.append(" AND integration = :integration"));
        sql.append(" ORDER BY seq");
        Query query = h.createQuery(sql.toString()).setFetchSize(AuditRows.FETCH_SIZE).addCustomizer(AuditRows.BINARY_ROWS);
        filter.since().ifPresent(s -> query.bind("since", s));
        filter.until().ifPresent(u -> query.bind("until", u));
        filter.integration().ifPresent(i -> query.bind("integration", i.value()));
        long[] counts = query.scanResultSet((supplier, ctx) -> writeLines(supplier.get(), writer));
        AuditCheckpoint checkpoint = signer.sign(head.seq(), head.hash());
        StringBuilder last = new StringBuilder(512).append("{\"checkpoint\":{\"seq\":").append(checkpoint.seq())
                .append(",\"hash\":\"").append(checkpoint.hashHex())
                .append("\",\"signed_at\":\"").append(CanonicalAuditForm.timestamp(checkpoint.signedAt()))
                .append("\",\"key_id\":\"").append(checkpoint.keyId())
                .append("\",\"algorithm\":\"").append(AuditSigningKey.ALGORITHM)
                .append("\",\"public_key\":\"").append(key.publicKeyBase64())
                .append("\",\"signature\":\"").append(checkpoint.signatureBase64())
                .append("\"},\"events\":").append(counts[0]).append("}\n");
        try {
            writer.append(last);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AuditExportSummary(counts[0], counts[1], counts[2], checkpoint);
    }

    private static long[] writeLines(ResultSet rs, Writer writer) throws SQLException {
        CanonicalAuditForm form = new CanonicalAuditForm();
        long count = 0;
        long first = 0;
        long last = 0;
        try {
            while (rs.next()) {
                long seq = rs.getLong(1);
                AuditRows.buildForm(form, rs);
                writer.append(form.exportLine(rs.getBytes(18), rs.getBytes(19))).append('\n');
                if (count == 0) {
                    first = seq;
                }
                last = seq;
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new long[] {count, first, last};
    }
}
