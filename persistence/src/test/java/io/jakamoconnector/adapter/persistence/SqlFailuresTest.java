package io.jakamoconnector.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.port.out.StateStoreException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class SqlFailuresTest {
    @Test
    void aPoolThatCouldNotOpenAConnectionSaysWhyNotThatItWaited() {
        PSQLException refused = new PSQLException("Connection to db.example:5432 refused. Check that the hostname and "
                + "port are correct and that the postmaster is accepting TCP/IP connections.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT);
        SQLTransientConnectionException waited = new SQLTransientConnectionException(
                "jakamo-db - Connection is not available, request timed out after 30000ms", "08001", refused);

        StateStoreException translated = SqlFailures.translate("checking the database at db.example", waited);

        assertThat(translated.getMessage()).contains("checking the database at db.example", "08001",
                "db.example:5432 refused", "postmaster is accepting");
        assertThat(translated.retryable()).isTrue();
        assertThat(translated.getCause()).isSameAs(waited);
    }

    @Test
    void aPoolThatRanOutOfFreeConnectionsSaysSo() {
        SQLTransientConnectionException waited = new SQLTransientConnectionException(
                "jakamo-db - Connection is not available, request timed out after 30000ms", "08001");

        StateStoreException translated = SqlFailures.translate("recording a message", waited);

        assertThat(translated.getMessage()).contains("recording a message", "Connection is not available");
        assertThat(translated.retryable()).isTrue();
    }
}
