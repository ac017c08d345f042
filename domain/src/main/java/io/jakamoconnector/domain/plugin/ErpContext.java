package io.jakamoconnector.domain.plugin;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** What the application gives an ERP side: time, a place for its own files, the audit trail and the core's answers. */
public interface ErpContext {

    Clock clock();

    /** This process's node name, as the audit trail and leases name it. */
    String node();

    /** The database's installation id; answers from {@link ErpSide#start()} on (the database is up by then). */
    String installationId();

    /**
     * A directory this adapter type owns below the connector's data directory ({@code <data>/erp/<type>}), for its
     * durable state (a spool, cursors); created, writable only by the service's user. It is backed up with nothing
     * else: what must survive a move to another host belongs in the ERP or the database.
     */
    Path stateDirectory();

    /**
     * Appends an event to the tamper-evident audit trail, stamped with time and node, committed when this returns;
     * the actor is the one the event names (set it to an API key's id, never the key), else the service. For what the
     * ERP side does on its own account: each call of an ERP to its API, a refused call, a push to the ERP.
     */
    void audit(AuditEvent.Builder event);

    /**
     * What the core would do with a document handed over now for {@code integration}: the same reading and
     * validation as a pick-up (the integration's kind and validation mode), so an API can answer "refused, because"
     * at once. Pure: records nothing.
     */
    HandOverVerdict judge(IntegrationName integration, byte[] document);

    /** The core's record of a document this side handed over under {@code ref}: its state, attempts, Jakamo's answer. */
    Optional<OutboundRecord> document(IntegrationName integration, ErpDocumentRef ref);
}
