package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.port.out.StateStoreException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns JDBC and Jdbi failures into {@link StateStoreException} at the adapter's edge. The message names what was
 * being done, the SQLState and, where the server gave them, the constraint, table or column; never a bound value,
 * which could be a document's content. The cause is kept (Jdbi is configured to leave parameters out of its messages,
 * and the driver to leave the server's detail out of its own).
 */
final class SqlFailures {
    /** SQLState classes and codes after which trying again later can help. */
    private static final Set<String> RETRYABLE_CLASSES = Set.of("08", "53", "57", "58", "40");
    /** SQLState classes whose server text names no value and helps the operator (connection, login, database). */
    private static final Set<String> TELLING_CLASSES = Set.of("08", "28", "3D", "53", "57");

    private SqlFailures() {
    }

    static StateStoreException translate(String what, Exception failure) {
        if (failure instanceof StateStoreException known) {
            return known;
        }
        SQLException sql = sqlCause(failure);
        if (sql instanceof SQLTransientConnectionException && sql.getCause() instanceof SQLException opening) {
            // the pool waited for a connection it could not open: the driver's reason (refused, login failed) is
            // what to fix, not the wait
            sql = opening;
        }
        if (sql == null) {
            boolean retryable = failure instanceof ConnectionException;
            return new StateStoreException(what + " failed: " + failure.getClass().getSimpleName(), retryable,
                    failure);
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        String stateClass = state.length() >= 2 ? state.substring(0, 2) : "";
        boolean retryable = RETRYABLE_CLASSES.contains(stateClass) || sql instanceof SQLTransientException
                || sql instanceof SQLRecoverableException || failure instanceof ConnectionException;
        StringBuilder message = new StringBuilder(what).append(" failed (SQLState ")
                .append(state.isEmpty() ? "none" : state).append(')');
        if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            appendNamed(message, "constraint", server.getConstraint());
            appendNamed(message, "table", server.getTable());
            appendNamed(message, "column", server.getColumn());
            if (TELLING_CLASSES.contains(stateClass) && server.getMessage() != null) {
                message.append(": ").append(server.getMessage());
            }
        } else if (TELLING_CLASSES.contains(stateClass) || state.isEmpty()) {
            // a client-side failure (refused connection, pool exhausted): its text names hosts, never values
            message.append(": ").append(sql.getMessage());
        }
        return new StateStoreException(message.toString(), retryable, failure);
    }

    /** True when the failure is a unique violation (SQLState 23505), which callers may treat as an answer. */
    static boolean isUniqueViolation(Exception failure) {
        SQLException sql = sqlCause(failure);
        return sql != null && "23505".equals(sql.getSQLState());
    }

    /** Whether a JDBC failure is somewhere in the chain (a Flyway failure to connect, say). */
    static boolean hasSqlCause(Throwable failure) {
        return sqlCause(failure) != null;
    }

    private static void appendNamed(StringBuilder message, String kind, String name) {
        if (name != null && !name.isBlank()) {
            message.append(", ").append(kind).append(' ').append(name);
        }
    }

    private static SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** Whether a Jdbi or JDBC failure; anything else (a delivery's own exception) passes through untouched. */
    static boolean isStoreFailure(Exception failure) {
        return failure instanceof JdbiException || failure instanceof SQLException;
    }
}
