package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundQuery;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundQuery;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.Waiting;
import java.util.List;
import java.util.Optional;

/**
 * What an operator sees of the sync state: listings and lookups, which only read. The corrections are written through
 * {@link OperatorCorrectionsPort}, each with its audit event.
 */
public interface MessageQueriesPort {

    List<InboundRecord> listInbound(InboundQuery query);

    List<OutboundRecord> listOutbound(OutboundQuery query);

    Optional<InboundRecord> findInbound(IntegrationName integration, DedupKey key);

    Optional<OutboundRecord> findOutbound(long id);

    /**
     * The document an ERP side handed over for {@code integration} under {@code ref}, for the side's own status
     * answers; when the ERP reused the reference (a later file of the same name), the newest. Empty when there is none.
     */
    Optional<OutboundRecord> findOutbound(IntegrationName integration, ErpDocumentRef ref);

    /** The raw bytes of a quarantined message, for inspection. */
    Optional<byte[]> quarantinedBytes(IntegrationName integration, DedupKey key);

    /**
     * Per integration and {@link io.jakamoconnector.domain.model.sync.WaitingState}, how many wait for a person and
     * since when the oldest; only groups with at least one. Read-only and cheap: one grouped query, for gauges and
     * the readiness check refreshed every few seconds.
     */
    List<Waiting> waitingForPerson();
}
