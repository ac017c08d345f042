package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.audit.AttemptHistory;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.AuditedDocument;
import io.jakamoconnector.domain.model.audit.CorrelationId;
import io.jakamoconnector.domain.model.auth.Fingerprint;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AuditQueriesPort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.JdbiException;

/** The operator's reads of the audit trail (a document's history, when documents were sent); it never writes. */
public final class JdbiAuditQueriesAdapter implements AuditQueriesPort {
    private static final String COLUMNS = "seq, ts, node, actor, integration, action, outcome, business_key, "
            + "file_name, sha256, reason, correlation_id, remote_correlation_id, duration_ms, attempt, "
            + "token_fingerprint, credential_key_id";
    private final PostgresDatabase database;

    public JdbiAuditQueriesAdapter(PostgresDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public List<AuditEvent> eventsAbout(AuditedDocument document, int limit) {
        return read("reading the audit events of a document", h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM (SELECT " + COLUMNS + " FROM audit_event WHERE integration = :integration "
                        + "AND sha256 = :sha256 ORDER BY seq DESC LIMIT :limit) newest ORDER BY seq")
                .bind("integration", document.integration().value()).bind("sha256", document.sha256().hex())
                .bind("limit", limit).map((rs, ctx) -> event(rs)).list());
    }

    @Override
    public Map<AuditedDocument, Instant> lastSent(Collection<AuditedDocument> documents) {
        if (documents.isEmpty()) {
            return Map.of();
        }
        Set<AuditedDocument> wanted = Set.copyOf(documents);
        List<String> hashes = wanted.stream().map(d -> d.sha256().hex()).distinct().toList();
        Map<AuditedDocument, Instant> sent = new HashMap<>();
        read("reading when documents were sent", h -> h.createQuery("SELECT DISTINCT ON (integration, sha256) "
                        + "integration, sha256, ts FROM audit_event WHERE action = :sent AND outcome = :ok "
                        + "AND sha256 IN (<hashes>) ORDER BY integration, sha256, seq DESC")
                .bind("sent", AttemptHistory.SENT.code()).bind("ok", AuditOutcome.OK.code())
                .bindList("hashes", hashes)
                .map((rs, ctx) -> Map.entry(new AuditedDocument(new IntegrationName(rs.getString("integration")),
                        new Sha256(rs.getString("sha256"))), rs.getObject("ts", OffsetDateTime.class).toInstant()))
                .list())
                .stream().filter(e -> wanted.contains(e.getKey())).forEach(e -> sent.put(e.getKey(), e.getValue()));
        return sent;
    }

    private static AuditEvent event(ResultSet rs) throws SQLException {
        Long duration = rs.getObject("duration_ms", Long.class);
        Integer attempt = rs.getObject("attempt", Integer.class);
        return new AuditEvent(rs.getObject("ts", OffsetDateTime.class).toInstant(), rs.getString("node"),
                rs.getString("actor"), optional(rs.getString("integration"), IntegrationName::new),
                AuditAction.valueOf(rs.getString("action").toUpperCase(Locale.ROOT)),
                AuditOutcome.valueOf(rs.getString("outcome").toUpperCase(Locale.ROOT)),
                optional(rs.getString("business_key"), BusinessKey::new), rs.getString("file_name"),
                optional(rs.getString("sha256"), Sha256::new), rs.getString("reason"),
                optional(rs.getString("correlation_id"), CorrelationId::new), rs.getString("remote_correlation_id"),
                duration, attempt, optional(rs.getString("token_fingerprint"), Fingerprint::new),
                rs.getString("credential_key_id"));
    }

    private static <T> T optional(String value, Function<String, T> type) {
        return value == null ? null : type.apply(value);
    }

    private <T> T read(String what, HandleCallback<T, RuntimeException> work) {
        try {
            return database.jdbi().withHandle(work);
        } catch (JdbiException e) {
            throw SqlFailures.translate(what, e);
        }
    }
}
