package io.jakamoconnector.adapter.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.SingleValue;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Single statements on {@code outbound_document}. */
@RegisterConstructorMapper(OutboundDocumentRow.class)
interface OutboundDocumentDao {
    String COLUMNS = "id, integration, erp_ref, file_name, sha256, document_type, business_key, state, attempts, "
            + "created_at, next_attempt_at, claimed_by, last_error, archived_at IS NOT NULL AS archived, warnings";

    @SqlQuery("INSERT INTO outbound_document (integration, erp_ref, file_name, sha256, document_type, business_key, "
            + "content, state, last_error, warnings, created_at, updated_at) "
            + "VALUES (:integration, :erpRef, :fileName, :sha256, :documentType, :businessKey, :content, :state, "
            + ":lastError, :warnings, :now, :now) ON CONFLICT (integration, sha256, (coalesce(business_key, ''))) "
            + "DO NOTHING RETURNING " + COLUMNS)
    Optional<OutboundDocumentRow> insertIfNew(@Bind("integration") String integration, @Bind("erpRef") String erpRef,
                                              @Bind("fileName") String fileName, @Bind("sha256") String sha256,
                                              @Bind("documentType") String documentType,
                                              @Bind("businessKey") String businessKey, @Bind("content") byte[] content,
                                              @Bind("state") String state, @Bind("lastError") String lastError,
                                              @Bind("warnings") String warnings, @Bind("now") Instant now);

    /** The record {@link #insertIfNew} found in its way: same integration, bytes and business key (null: none). */
    @SqlQuery("SELECT " + COLUMNS + " FROM outbound_document WHERE integration = :integration AND sha256 = :sha256 "
            + "AND coalesce(business_key, '') = coalesce(:businessKey, '')")
    Optional<OutboundDocumentRow> sameDocument(@Bind("integration") String integration,
                                               @Bind("sha256") String sha256,
                                               @Bind("businessKey") String businessKey);

    /** The newest document handed over under {@code erpRef}: an ERP may reuse a name once the first was archived. */
    @SqlQuery("SELECT " + COLUMNS + " FROM outbound_document WHERE integration = :integration AND erp_ref = :erpRef "
            + "ORDER BY id DESC LIMIT 1")
    Optional<OutboundDocumentRow> byRef(@Bind("integration") String integration, @Bind("erpRef") String erpRef);

    @SqlQuery("SELECT " + COLUMNS + " FROM outbound_document WHERE id = :id")
    Optional<OutboundDocumentRow> byId(@Bind("id") long id);

    @SqlQuery("SELECT content FROM outbound_document WHERE id = :id")
    @SingleValue
    byte[] content(@Bind("id") long id);

    /**
     * Claims the first due PENDING document in id order that is unclaimed, claim-expired or claimed by this same
     * claimant, and that no document of the same business key holds back (the rule of
     * {@code OutboundStatePort#claimNext}). SKIP LOCKED lets concurrent claimers pass each other's rows; a row claimed
     * meanwhile fails the re-check and is skipped.
     */
    @SqlQuery("UPDATE outbound_document SET claimed_by = :claimant, claimed_at = :now, updated_at = :now "
            + "WHERE id = (SELECT c.id FROM outbound_document c "
            + "  WHERE c.integration = :integration AND c.state = 'PENDING' "
            + "    AND (c.claimed_at IS NULL OR c.claimed_at < :expiredBefore OR c.claimed_by = :claimant) "
            + "    AND (c.next_attempt_at IS NULL OR c.next_attempt_at <= :now) "
            + "    AND NOT EXISTS (SELECT 1 FROM outbound_document e "
            + "      WHERE e.integration = c.integration AND e.business_key = c.business_key AND e.id <> c.id "
            // only what may still go, or may have gone, holds back: not what Jakamo refused or ran out of attempts
            + "        AND e.state IN ('PENDING', 'SENDING', 'IN_DOUBT') AND ("
            // such an Order holds back everything else for its key, and later Orders
            + "          (e.document_type = 'ORDER' AND (c.document_type <> 'ORDER' OR e.id < c.id)) "
            // changes, status messages and the like go in the order they were recorded
            + "          OR (c.document_type NOT IN ('ORDER', 'ATTACHMENT') "
            + "              AND e.document_type NOT IN ('ORDER', 'ATTACHMENT') AND e.id < c.id))) "
            // what refers to an Order Jakamo does not have waits for a corrected Order to be sent
            + "    AND NOT (c.document_type <> 'ORDER' "
            + "      AND EXISTS (SELECT 1 FROM outbound_document f WHERE f.integration = c.integration "
            + "        AND f.business_key = c.business_key AND f.document_type = 'ORDER' AND f.state IN ('FAILED', 'DEAD', 'DISCARDED')) "
            + "      AND NOT EXISTS (SELECT 1 FROM outbound_document s WHERE s.integration = c.integration "
            + "        AND s.business_key = c.business_key AND s.document_type = 'ORDER' AND s.state = 'SENT')) "
            + "  ORDER BY c.id LIMIT 1 FOR UPDATE SKIP LOCKED) "
            + "RETURNING " + COLUMNS)
    Optional<OutboundDocumentRow> claimNext(@Bind("integration") String integration,
                                            @Bind("claimant") String claimant, @Bind("now") Instant now,
                                            @Bind("expiredBefore") Instant expiredBefore);

    @SqlUpdate("UPDATE outbound_document SET state = 'SENDING', attempts = attempts + 1, claimed_at = :now, "
            + "updated_at = :now WHERE id = :id AND claimed_by = :claimant AND state = 'PENDING'")
    int markSending(@Bind("id") long id, @Bind("claimant") String claimant, @Bind("now") Instant now);

    /** Only the sender that holds the claim records an outcome: a late one never overwrites a newer state. */
    @SqlUpdate("UPDATE outbound_document SET state = :state, last_error = :error, next_attempt_at = :nextAttemptAt, "
            + "claimed_by = NULL, claimed_at = NULL, updated_at = :now "
            + "WHERE id = :id AND state = 'SENDING' AND claimed_by = :claimant")
    int recordOutcome(@Bind("id") long id, @Bind("claimant") String claimant, @Bind("state") String state,
                      @Bind("error") String error, @Bind("nextAttemptAt") Instant nextAttemptAt,
                      @Bind("now") Instant now);

    @SqlUpdate("UPDATE outbound_document SET archived_at = COALESCE(archived_at, :now), updated_at = :now "
            + "WHERE id = :id")
    int markArchived(@Bind("id") long id, @Bind("now") Instant now);

    /** A repeatable document (confirm-all) goes back to PENDING, due at once; any other is IN_DOUBT. */
    @SqlQuery("UPDATE outbound_document SET "
            + "state = CASE WHEN document_type IN (<repeatable>) THEN 'PENDING' ELSE 'IN_DOUBT' END, "
            + "last_error = 'the sender ' || claimed_by || ' stopped while sending' "
            + "|| CASE WHEN document_type IN (<repeatable>) THEN '; sent again, as repeating it is harmless' "
            + "ELSE '' END, "
            + "next_attempt_at = CASE WHEN document_type IN (<repeatable>) THEN NULL ELSE next_attempt_at END, "
            + "claimed_by = NULL, claimed_at = NULL, updated_at = :now "
            + "WHERE integration = :integration AND state = 'SENDING' AND claimed_at < :expiredBefore "
            + "RETURNING " + COLUMNS)
    List<OutboundDocumentRow> expireAbandonedSends(@Bind("integration") String integration, @Bind("now") Instant now,
                                                   @Bind("expiredBefore") Instant expiredBefore,
                                                   @BindList("repeatable") List<String> repeatable);

    @SqlQuery("SELECT " + COLUMNS + " FROM outbound_document WHERE integration = :integration "
            + "AND archived_at IS NULL AND state IN ('SENT', 'FAILED', 'DEAD', 'IN_DOUBT', 'DISCARDED') ORDER BY id")
    List<OutboundDocumentRow> unarchived(@Bind("integration") String integration);
}
