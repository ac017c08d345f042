package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundQuery;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundCorrection;
import io.jakamoconnector.domain.model.sync.OutboundQuery;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.Waiting;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an operator sees of the sync state and the two corrections the operator may make. The listings and the
 * lookups only read; the corrections keep who made them and why with the record, and their caller audits them.
 */
public interface MessageQueriesPort {

    List<InboundRecord> listInbound(InboundQuery query);

    List<OutboundRecord> listOutbound(OutboundQuery query);

    Optional<InboundRecord> findInbound(IntegrationName integration, DedupKey key);

    Optional<OutboundRecord> findOutbound(long id);

    /** The raw bytes of a quarantined message, for inspection. */
    Optional<byte[]> quarantinedBytes(IntegrationName integration, DedupKey key);

    /**
     * Sends a FAILED or DEAD document again: back to PENDING with no attempts, no error, no claim and not archived,
     * so the next send files it by how that ends. Refused for any other state.
     */
    OutboundCorrection retry(long id, String operator, String why, Instant now);

    /**
     * Settles an IN_DOUBT document after the operator checked Jakamo: {@code sent} makes it SENT; otherwise it goes
     * back to PENDING with no attempts, to be sent again. Either way it is no longer archived, so the next send files
     * it by its outcome. Refused for any other state.
     */
    OutboundCorrection resolveInDoubt(long id, boolean sent, String operator, String why, Instant now);

    /**
     * Per integration and {@link io.jakamoconnector.domain.model.sync.WaitingState}, how many wait for a person and
     * since when the oldest; only groups with at least one. Read-only and cheap: one grouped query, for gauges and
     * the readiness check refreshed every few seconds.
     */
    List<Waiting> waitingForPerson();
}
