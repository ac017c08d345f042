package io.jakamoconnector.adapter.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * What {@link InboundMessageDao#insertIfNewFenced} found: the lease's current fencing token (empty when the
 * integration has no lease row), whether the holder's session still held the lease's lock, and the row as inserted
 * (empty when the token was not the caller's, the lock was gone, or the key was known).
 */
record FencedInsertRow(Optional<Long> currentToken, boolean lockHeld, Optional<InboundMessageRow> inserted) {
    /** The one mapper the drain's Handle statement uses. */
    static final Mapper MAPPER = new Mapper();

    /**
     * Maps {@code current_token} and, where the insert happened, the row's own columns. Public (in a package-private
     * record, so still invisible outside the package) because Jdbi builds it reflectively.
     */
    public static final class Mapper implements RowMapper<FencedInsertRow> {

        public Mapper() {
            // made by Jdbi for @UseRowMapper
        }

        @Override
        public FencedInsertRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            long token = rs.getLong("current_token");
            Optional<Long> current = rs.wasNull() ? Optional.empty() : Optional.of(token);
            boolean lockHeld = rs.getBoolean("lock_held");
            rs.getLong("id");
            if (rs.wasNull()) {
                return new FencedInsertRow(current, lockHeld, Optional.empty());
            }
            return new FencedInsertRow(current, lockHeld, Optional.of(InboundMessageRowMapper.INSTANCE.map(rs, ctx)));
        }
    }
}
