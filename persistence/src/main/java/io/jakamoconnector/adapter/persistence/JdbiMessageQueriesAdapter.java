package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundState;
import io.jakamoconnector.domain.model.sync.InboundQuery;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundQuery;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.model.sync.Waiting;
import io.jakamoconnector.domain.model.sync.WaitingState;
import io.jakamoconnector.domain.port.out.MessageQueriesPort;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.Query;

/** The operator's view of the sync state (listings, lookups), for the CLI; it only reads. */
public final class JdbiMessageQueriesAdapter implements MessageQueriesPort {
    private final PostgresDatabase database;

    public JdbiMessageQueriesAdapter(PostgresDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public List<InboundRecord> listInbound(InboundQuery q) {
        return read("listing inbound messages", h -> {
            StringBuilder sql = new StringBuilder("SELECT ").append(InboundMessageDao.COLUMNS)
                    .append(" FROM inbound_message WHERE true");
            q.integration().ifPresent(i -> sql.append(" AND integration = :integration"));
            q.state().ifPresent(s -> sql.append(" AND state = :state"));
            q.businessKey().ifPresent(b -> sql.append(" AND business_key = :businessKey"));
            q.from().ifPresent(f -> sql.append(" AND received_at >= :from"));
            q.until().ifPresent(u -> sql.append(" AND received_at < :until"));
            sql.append(" ORDER BY received_at DESC, id DESC LIMIT :limit OFFSET :offset");
            Query query = h.createQuery(sql.toString());
            bindFilters(query, q.integration(), q.state().map(Enum::name), q.businessKey(), q.from(), q.until(),
                    q.limit(), q.offset());
            return query.map(ConstructorMapper.of(InboundMessageRow.class)).stream().map(SyncStateMapper::inbound)
                    .toList();
        });
    }

    @Override
    public List<OutboundRecord> listOutbound(OutboundQuery q) {
        return read("listing outbound documents", h -> {
            StringBuilder sql = new StringBuilder("SELECT ").append(OutboundDocumentDao.COLUMNS)
                    .append(" FROM outbound_document WHERE true");
            q.integration().ifPresent(i -> sql.append(" AND integration = :integration"));
            q.state().ifPresent(s -> sql.append(" AND state = :state"));
            q.businessKey().ifPresent(b -> sql.append(" AND business_key = :businessKey"));
            q.from().ifPresent(f -> sql.append(" AND created_at >= :from"));
            q.until().ifPresent(u -> sql.append(" AND created_at < :until"));
            sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset");
            Query query = h.createQuery(sql.toString());
            bindFilters(query, q.integration(), q.state().map(Enum::name), q.businessKey(), q.from(), q.until(),
                    q.limit(), q.offset());
            return query.map(ConstructorMapper.of(OutboundDocumentRow.class)).stream()
                    .map(SyncStateMapper::outbound).toList();
        });
    }

    private static void bindFilters(Query query, Optional<IntegrationName> integration, Optional<String> state,
                                    Optional<BusinessKey> businessKey, Optional<Instant> from,
                                    Optional<Instant> until, int limit, int offset) {
        integration.ifPresent(i -> query.bind("integration", i.value()));
        state.ifPresent(s -> query.bind("state", s));
        businessKey.ifPresent(b -> query.bind("businessKey", b.value()));
        from.ifPresent(f -> query.bind("from", f));
        until.ifPresent(u -> query.bind("until", u));
        query.bind("limit", limit).bind("offset", offset);
    }

    @Override
    public Optional<InboundRecord> findInbound(IntegrationName integration, DedupKey key) {
        return read("reading inbound message " + key.shortForm(), h ->
                h.attach(InboundMessageDao.class).find(integration.value(), key.value()).map(SyncStateMapper::inbound));
    }

    @Override
    public Optional<OutboundRecord> findOutbound(long id) {
        return read("reading outbound document " + id, h ->
                h.attach(OutboundDocumentDao.class).byId(id).map(SyncStateMapper::outbound));
    }

    @Override
    public Optional<OutboundRecord> findOutbound(IntegrationName integration, ErpDocumentRef ref) {
        return read("reading the outbound document " + ref + " of integration " + integration, h ->
                h.attach(OutboundDocumentDao.class).byRef(integration.value(), ref.value())
                        .map(SyncStateMapper::outbound));
    }

    @Override
    public Optional<byte[]> quarantinedBytes(IntegrationName integration, DedupKey key) {
        return read("reading quarantined message " + key.shortForm(), h ->
                h.attach(InboundMessageDao.class).quarantinedBytes(integration.value(), key.value()));
    }

    private <T> T read(String what, HandleCallback<T, RuntimeException> work) {
        try {
            return database.jdbi().withHandle(work);
        } catch (JdbiException e) {
            throw SqlFailures.translate(what, e);
        }
    }

    @Override
    public List<Waiting> waitingForPerson() {
        List<String> outbound = Arrays.stream(WaitingState.values()).filter(WaitingState::outbound)
                .map(Enum::name).toList();
        List<String> inbound = Arrays.stream(WaitingState.values()).filter(s -> !s.outbound())
                .map(Enum::name).toList();
        return read("counting what waits for a person", h -> h.createQuery(
                        "SELECT true AS outbound, integration, state, count(*) AS n, min(updated_at) AS oldest "
                                + "FROM outbound_document WHERE state IN (<outbound>) GROUP BY integration, state "
                                + "UNION ALL "
                                + "SELECT false, integration, state, count(*), min(received_at) "
                                + "FROM inbound_message WHERE state IN (<inbound>) GROUP BY integration, state")
                .bindList("outbound", outbound).bindList("inbound", inbound)
                .map((rs, ctx) -> new Waiting(new IntegrationName(rs.getString("integration")),
                        rs.getBoolean("outbound") ? WaitingState.of(OutboundState.valueOf(rs.getString("state")))
                                : WaitingState.of(InboundState.valueOf(rs.getString("state"))),
                        rs.getLong("n"), rs.getObject("oldest", OffsetDateTime.class).toInstant()))
                .list());
    }
}
