package io.jakamoconnector.adapter.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link InboundMessageRow} by its columns' names, written out: the drain maps a row or two per message, and Jdbi's
 * constructor mapper reads the record's constructor again for every statement.
 */
final class InboundMessageRowMapper implements RowMapper<InboundMessageRow> {
    static final InboundMessageRowMapper INSTANCE = new InboundMessageRowMapper();

    private InboundMessageRowMapper() {
    }

    @Override
    public InboundMessageRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new InboundMessageRow(rs.getLong("id"), rs.getString("integration"), rs.getString("dedup_key"),
                rs.getString("document_type"), rs.getString("business_key"), rs.getString("sha256"),
                rs.getString("state"), instant(rs, "received_at"), instant(rs, "acknowledged_at"),
                rs.getInt("deliveries"), rs.getString("delivered_as"), rs.getString("quarantine_reason"),
                rs.getString("confirm_url"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
