package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.sync.AttemptEnd;
import io.jakamoconnector.domain.model.sync.ClaimedWrite;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundRegistration;
import io.jakamoconnector.domain.model.sync.OutboundWork;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What was picked up from the ERP, claimed, sent and archived: the memory that keeps a document from being sent twice
 * on the way out. The picking-up and sending use cases' writes, each a transition a sender may make, and the reads they
 * need, including what was received for an order (a ConfirmAllChanges instruction's confirmation URL, the evidence
 * for a document in doubt); listings for people are {@link MessageQueriesPort}.
 *
 * <p>Each state change can carry the audit events that say it happened ({@code audit}). They are appended to the
 * audit trail in the same unit of work as the change, in the order given: a crash keeps both or neither, so the trail
 * never says something happened that the state does not show, nor the other way round, and a change with its events
 * costs one commit instead of one per event. When the change is refused (a lost claim) or fails, its events are not
 * written either; the caller audits what happened instead. A lost claim ({@link ClaimedWrite.ClaimLost}) is an
 * answer; {@link StateStoreException} means the store itself failed.
 */
public interface OutboundStatePort {

    /**
     * Records a document picked up from the ERP, with its exact bytes: PENDING, or FAILED with {@code refusal} when it
     * was refused on reading. At most one record per integration, SHA-256 and business key:
     * the same bytes are one document, except that an attachment's order is not in its bytes, so the same file for two
     * orders is two documents (two uploads), and for the same order one. An XML document's key comes from its bytes,
     * so for documents this is the same as one record per SHA-256. The record already there is returned as
     * {@link OutboundRegistration.AlreadyRegistered}. {@code audit} makes the events written with a new record, from
     * the record as stored; it is not called when the document was registered already.
     */
    OutboundRegistration registerOutbound(IntegrationName integration, OutgoingDocument document,
                                          Optional<String> refusal, Instant now,
                                          Function<OutboundRecord, List<AuditEvent>> audit);

    default OutboundRegistration registerOutbound(IntegrationName integration, OutgoingDocument document,
                                                  Optional<String> refusal, Instant now) {
        return registerOutbound(integration, document, refusal, now, record -> List.of());
    }

    /**
     * Claims the next PENDING document that is due, for {@code claimant}, so no other sender gets it. A claim older than
     * {@code claimTtl} is free again. A claimant is one sequential sender: when it claims, it is working on no other
     * document, so its own PENDING claim is free to it at once. That is how a document claimed just before the database
     * went away (its {@link #markSending} failed) is sent as soon as the database is back, not a {@code claimTtl}
     * later. Keeps order per integration and business key. A document that may still go, or may
     * have gone (PENDING, SENDING, IN_DOUBT), holds back: an OrderChange, StatusMessage or attachment waits while an
     * Order for its key is such, even an Order recorded after it; an Order waits for an earlier such Order; documents
     * other than Orders and attachments go in the order they were recorded. One that cannot go (FAILED: Jakamo refused
     * it; DEAD: out of attempts) holds back nothing of its own kind, so its corrected copy goes; but what refers to an
     * Order waits while the key has an Order that cannot go and none that was SENT, as Jakamo does not have it.
     */
    Optional<OutboundWork> claimNext(IntegrationName integration, String claimant, Instant now, Duration claimTtl);

    /**
     * The claimant is about to send: from here on, a crash leaves the document IN_DOUBT. Counts the attempt. Writes
     * {@code audit} with it. {@link ClaimedWrite.ClaimLost}, changing nothing, when the document is not PENDING under
     * this claimant (its claim expired and another sender took it).
     */
    ClaimedWrite markSending(long id, String claimant, Instant now, List<AuditEvent> audit);

    default ClaimedWrite markSending(long id, String claimant, Instant now) {
        return markSending(id, claimant, now, List.of());
    }

    /**
     * Records how {@code claimant}'s attempt ended ({@link AttemptEnd#state()}, its error and its next attempt time).
     * {@link ClaimedWrite.ClaimLost} when the document is no longer SENDING under this claimant (its claim expired and
     * it was declared in doubt, resolved, or taken by another sender): a late outcome never overwrites a newer state,
     * and {@code audit} is then not written.
     */
    ClaimedWrite recordOutcome(long id, String claimant, AttemptEnd end, Instant now, List<AuditEvent> audit);

    default ClaimedWrite recordOutcome(long id, String claimant, AttemptEnd end, Instant now) {
        return recordOutcome(id, claimant, end, now, List.of());
    }

    /** Records that the ERP file was moved to its archive, with {@code audit}. */
    void markArchived(long id, Instant now, List<AuditEvent> audit);

    default void markArchived(long id, Instant now) {
        markArchived(id, now, List.of());
    }

    /**
     * Turns documents left SENDING by a claimant that stopped (claim older than {@code claimTtl}) into IN_DOUBT and
     * returns them: they may have reached Jakamo. A document whose type is {@link DocumentType#repeatable()} goes back
     * to PENDING instead (claim cleared, attempts kept, due at once), since sending it again is harmless; it is returned
     * too, in that state.
     */
    List<OutboundRecord> expireAbandonedSends(IntegrationName integration, Instant now, Duration claimTtl);

    /** Finished documents (SENT, FAILED, DEAD, IN_DOUBT) whose ERP file has not been archived yet. */
    List<OutboundRecord> unarchived(IntegrationName integration);

    Optional<OutboundRecord> findOutbound(long id);

    // what the sender needs to know of the messages received for an order

    /**
     * The Order or OrderChange received last for this order number on this integration (by time received, then by the
     * order recorded), delivered to the ERP; empty when none was. Its {@link InboundRecord#confirmUrl()} is where all
     * changes of the sales order are accepted.
     */
    Optional<InboundRecord> latestOrderMessage(IntegrationName integration, BusinessKey orderNumber);

    /**
     * The first message received for this order number on this integration at or after {@code since} (by time
     * received), in any state: what the connector knows of an order after it sent something for it, e.g. the
     * supplier's OrderResponse that shows an Order in doubt arrived. Empty when none was.
     */
    Optional<InboundRecord> firstReceivedFor(IntegrationName integration, BusinessKey orderNumber, Instant since);
}
