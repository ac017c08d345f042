package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.audit.CanonicalAuditForm;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.PGStatement;

/** The audit tables as the appender, signer, verifier and exporter read them: columns, rows, the chain's head. */
final class AuditRows {
    static final int FETCH_SIZE = 5000;
    static final String EVENT_COLUMNS = "seq, ts, node, actor, integration, action, outcome, business_key, "
            + "file_name, sha256, reason, correlation_id, remote_correlation_id, duration_ms, attempt, "
            + "token_fingerprint, credential_key_id, prev_hash, hash";
    static final HexFormat HEX = HexFormat.of();
    /**
     * Rows in the driver's binary format: timestamps and hashes arrive as numbers and raw bytes instead of text to
     * parse, which roughly doubles the rows per second of verify and export.
     */
    static final StatementCustomizer BINARY_ROWS = new StatementCustomizer() {
        @Override
        public void beforeExecution(PreparedStatement statement, StatementContext context) throws SQLException {
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
        }
    };

    /**
     * Connections end a transaction left idle for 15 s (a frozen writer must not hold its locks for ever); a
     * read-only snapshot locks nothing anyone waits for, and a slow reader of an export (a pager, a full pipe) must
     * not be cut off.
     */
    static final String NO_IDLE_LIMIT = "SET LOCAL idle_in_transaction_session_timeout = 0";

    /** The chain's head: the last sequence number and its hash. */
    record Head(long seq, byte[] hash) {
    }

    private AuditRows() {
    }

    static Head readHead(Handle h) {
        return h.createQuery("SELECT last_seq, last_hash FROM audit_head WHERE id")
                .map((rs, ctx) -> new Head(rs.getLong(1), rs.getBytes(2))).one();
    }

    static Head lockHead(Handle h) {
        return h.createQuery("SELECT last_seq, last_hash FROM audit_head WHERE id FOR UPDATE")
                .map((rs, ctx) -> new Head(rs.getLong(1), rs.getBytes(2))).one();
    }

    static AuditCheckpoint checkpointRow(ResultSet rs, StatementContext ctx) throws SQLException {
        return new AuditCheckpoint(rs.getLong(1), HEX.formatHex(rs.getBytes(2)),
                rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), rs.getBytes(5));
    }

    /** The current row of a {@link #EVENT_COLUMNS} query, decoded into its canonical form's bytes (with {@code form}). */
    static AuditVerifyPipeline.DecodedEvent decode(CanonicalAuditForm form, ResultSet rs) throws SQLException {
        Instant ts = buildForm(form, rs);
        return new AuditVerifyPipeline.DecodedEvent(rs.getLong(1), ts, form.bytes(), rs.getBytes(18),
                rs.getBytes(19));
    }

    /**
     * Builds the canonical form of the current row of a {@link #EVENT_COLUMNS} query into {@code form}, and returns
     * the row's time.
     */
    static Instant buildForm(CanonicalAuditForm form, ResultSet rs) throws SQLException {
        long duration = rs.getLong(14);
        Long durationMillis = rs.wasNull() ? null : duration;
        int attemptValue = rs.getInt(15);
        Integer attempt = rs.wasNull() ? null : attemptValue;
        Instant ts = rs.getObject(2, OffsetDateTime.class).toInstant();
        form.build(rs.getLong(1), ts, rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), durationMillis,
                attempt, rs.getString(16), rs.getString(17));
        return ts;
    }
}
