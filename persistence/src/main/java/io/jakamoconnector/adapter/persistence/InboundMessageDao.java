package io.jakamoconnector.adapter.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;

/** Single statements on {@code inbound_message}. */
@RegisterConstructorMapper(InboundMessageRow.class)
interface InboundMessageDao {
    String COLUMNS = "id, integration, dedup_key, document_type, business_key, sha256, state, received_at, "
            + "acknowledged_at, deliveries, delivered_as, quarantine_reason, confirm_url";

    /** See {@link #insertIfNewFenced}; the drain runs it as a Handle statement (no SqlObject per statement). */
    String INSERT_IF_NEW_FENCED = "WITH lease AS (SELECT fencing_token, EXISTS (SELECT 1 FROM pg_locks "
            + "WHERE locktype = 'advisory' AND pid = :holderPid AND classid = CAST(:lockClassId AS bigint)::oid "
            + "AND objid = CAST(:lockObjectId AS bigint)::oid AND objsubid = 2 AND granted) AS lock_held "
            + "FROM queue_lease WHERE integration = :integration FOR SHARE), "
            + "inserted AS (INSERT INTO inbound_message (integration, dedup_key, document_type, business_key, sha256, "
            + "state, received_at, deliveries, quarantine_reason, quarantined_bytes, fencing_token, confirm_url) "
            + "SELECT :integration, :dedupKey, :documentType, :businessKey, :sha256, :state, "
            + "CAST(:receivedAt AS timestamptz), 0, :quarantineReason, CAST(:quarantinedBytes AS bytea), "
            + "lease.fencing_token, :confirmUrl FROM lease WHERE lease.fencing_token = :fencingToken "
            + "AND lease.lock_held "
            + "ON CONFLICT (integration, dedup_key) DO NOTHING RETURNING " + COLUMNS + ") "
            + "SELECT (SELECT fencing_token FROM lease) AS current_token, "
            + "COALESCE((SELECT lock_held FROM lease), false) AS lock_held, inserted.* "
            + "FROM (VALUES (1)) AS one (n) LEFT JOIN inserted ON true";

    /** See {@link #markDelivered}. */
    String MARK_DELIVERED = "UPDATE inbound_message SET delivered_as = :deliveredAs, delivered_at = :at, "
            + "deliveries = deliveries + 1 WHERE id = :id RETURNING " + COLUMNS;

    /** See {@link #acknowledge}. */
    String ACKNOWLEDGE = "UPDATE inbound_message SET acknowledged_at = :ackAt, state = CASE state "
            + "WHEN 'QUARANTINED' THEN 'QUARANTINED_ACKNOWLEDGED' ELSE 'ACKNOWLEDGED' END "
            + "WHERE integration = :ackIntegration AND dedup_key = :ackKey AND state IN ('DELIVERED', 'QUARANTINED')";

    /**
     * {@link #MARK_DELIVERED} and, in the same statement, {@link #ACKNOWLEDGE} of the message before (another row: the
     * marked one was inserted by this transaction): one round trip for two.
     */
    String MARK_DELIVERED_ACKNOWLEDGING = "WITH acknowledged AS (" + ACKNOWLEDGE + ") " + MARK_DELIVERED;

    /**
     * Inserts unless the key is known; the row as inserted when it was. Blocks while another transaction inserts the
     * key.
     */
    @SqlQuery("INSERT INTO inbound_message (integration, dedup_key, document_type, business_key, sha256, state, "
            + "received_at, deliveries, quarantine_reason, quarantined_bytes, fencing_token, confirm_url) "
            + "VALUES (:integration, :dedupKey, :documentType, :businessKey, :sha256, :state, :receivedAt, 0, "
            + ":quarantineReason, :quarantinedBytes, :fencingToken, :confirmUrl) "
            + "ON CONFLICT (integration, dedup_key) DO NOTHING RETURNING " + COLUMNS)
    Optional<InboundMessageRow> insertIfNew(@Bind("integration") String integration, @Bind("dedupKey") String dedupKey,
                               @Bind("documentType") String documentType, @Bind("businessKey") String businessKey,
                               @Bind("sha256") String sha256, @Bind("state") String state,
                               @Bind("receivedAt") Instant receivedAt,
                               @Bind("quarantineReason") String quarantineReason,
                               @Bind("quarantinedBytes") byte[] quarantinedBytes,
                               @Bind("fencingToken") long fencingToken, @Bind("confirmUrl") String confirmUrl);

    /**
     * {@link #insertIfNew} fenced by the queue lease in the same statement: reads the integration's fencing token
     * {@code FOR SHARE} (so no takeover commits before this transaction ends) and inserts only under the caller's
     * token; says which token is current and the row as inserted, if it was. One round trip for what took two. It
     * also checks that the lease's session ({@code holderPid}) still holds the lease's advisory lock, so a holder whose
     * lease connection was cut stores nothing even before anyone takes the lease over.
     */
    @SqlQuery(INSERT_IF_NEW_FENCED)
    @UseRowMapper(FencedInsertRow.Mapper.class)
    FencedInsertRow insertIfNewFenced(@Bind("integration") String integration, @Bind("dedupKey") String dedupKey,
                                      @Bind("documentType") String documentType,
                                      @Bind("businessKey") String businessKey, @Bind("sha256") String sha256,
                                      @Bind("state") String state, @Bind("receivedAt") Instant receivedAt,
                                      @Bind("quarantineReason") String quarantineReason,
                                      @Bind("quarantinedBytes") byte[] quarantinedBytes,
                                      @Bind("fencingToken") long fencingToken,
                                      @Bind("confirmUrl") String confirmUrl, @Bind("holderPid") int holderPid,
                                      @Bind("lockClassId") long lockClassId,
                                      @Bind("lockObjectId") long lockObjectId);

    /** The row as updated. */
    @SqlQuery(MARK_DELIVERED)
    InboundMessageRow markDelivered(@Bind("id") long id, @Bind("deliveredAs") String deliveredAs,
                                    @Bind("at") Instant at);

    @SqlQuery("SELECT " + COLUMNS + " FROM inbound_message WHERE id = :id")
    InboundMessageRow byId(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM inbound_message WHERE integration = :integration AND dedup_key = :dedupKey")
    Optional<InboundMessageRow> find(@Bind("integration") String integration, @Bind("dedupKey") String dedupKey);

    /** The rule of {@code InboundStatePort#findUnacknowledged}: few rows are ever unacknowledged. */
    @SqlQuery("SELECT " + COLUMNS + " FROM inbound_message WHERE integration = :integration AND sha256 = :sha256 "
            + "AND state IN ('DELIVERED', 'QUARANTINED') ORDER BY id DESC LIMIT 1")
    Optional<InboundMessageRow> unacknowledged(@Bind("integration") String integration, @Bind("sha256") String sha256);

    /** The rule of {@code OutboundStatePort#latestOrderMessage}, on the index of migration V8. */
    @SqlQuery("SELECT " + COLUMNS + " FROM inbound_message WHERE integration = :integration "
            + "AND business_key = :businessKey AND document_type IN ('ORDER', 'ORDER_CHANGE') "
            + "AND state IN ('DELIVERED', 'ACKNOWLEDGED') ORDER BY received_at DESC, id DESC LIMIT 1")
    Optional<InboundMessageRow> latestOrderMessage(@Bind("integration") String integration,
                                                   @Bind("businessKey") String businessKey);

    /** The rule of {@code OutboundStatePort#firstReceivedFor}, on the business-key index of migration V1. */
    @SqlQuery("SELECT " + COLUMNS + " FROM inbound_message WHERE integration = :integration "
            + "AND business_key = :businessKey AND received_at >= :since ORDER BY received_at, id LIMIT 1")
    Optional<InboundMessageRow> firstReceivedFor(@Bind("integration") String integration,
                                                 @Bind("businessKey") String businessKey,
                                                 @Bind("since") Instant since);

    @SqlUpdate("UPDATE inbound_message SET acknowledged_at = :at, state = CASE state "
            + "WHEN 'QUARANTINED' THEN 'QUARANTINED_ACKNOWLEDGED' ELSE 'ACKNOWLEDGED' END "
            + "WHERE integration = :integration AND dedup_key = :dedupKey AND state IN ('DELIVERED', 'QUARANTINED')")
    int acknowledge(@Bind("integration") String integration, @Bind("dedupKey") String dedupKey,
                    @Bind("at") Instant at);

    /** The rule of {@code InboundStatePort#recordClearedBefore}: the rows as updated. */
    @SqlQuery("UPDATE inbound_message SET acknowledged_at = :at, state = CASE state "
            + "WHEN 'QUARANTINED' THEN 'QUARANTINED_ACKNOWLEDGED' ELSE 'ACKNOWLEDGED' END "
            + "WHERE integration = :integration AND state IN ('DELIVERED', 'QUARANTINED') AND dedup_key <> :head "
            + "RETURNING " + COLUMNS)
    List<InboundMessageRow> acknowledgeAllBut(@Bind("integration") String integration, @Bind("head") String head,
                                              @Bind("at") Instant at);

    @SqlQuery("SELECT quarantined_bytes FROM inbound_message WHERE integration = :integration "
            + "AND dedup_key = :dedupKey AND quarantined_bytes IS NOT NULL")
    Optional<byte[]> quarantinedBytes(@Bind("integration") String integration, @Bind("dedupKey") String dedupKey);

    /** Locks the lease's row against a takeover until commit, and says which token is current. */
    @SqlQuery("SELECT fencing_token FROM queue_lease WHERE integration = :integration FOR SHARE")
    Optional<Long> currentFencingToken(@Bind("integration") String integration);
}
