package io.jakamoconnector.domain.plugin;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ErpArchiveRetentionPort;
import io.jakamoconnector.domain.port.out.ErpInboxPort;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * The ERP side of every integration of one adapter type, as {@link ErpAdapterProvider#open} built it. Its ports are
 * called with the integration's name and must refuse ({@link io.jakamoconnector.domain.port.out.ErpAccessException})
 * an integration they were not opened for. They pass the ERP port contracts of the domain's test-jar
 * ({@code ErpOutboxPortContract}, {@code ErpInboxPortContract}).
 * <p>
 * An ERP that pushes (calls an API of this side) is served by the side itself: what it hands over is kept durably by
 * the side until {@link ErpOutboxPort#pickUp} offers it to the core, and what the core delivers waits, durably, until
 * the ERP fetched and acknowledged it (or took a push). So push and pull look the same to the core.
 */
public interface ErpSide {

    /** Documents from the ERP: pick-up, archiving with the core's verdict. */
    ErpOutboxPort outbox();

    /** Messages for the ERP: staged with the record, published once it is committed. */
    ErpInboxPort inbox();

    /** Removes what this side archived once it is older than retention allows; counts only on a dry run. */
    ErpArchiveRetentionPort retention();

    /**
     * Makes the side ready: creates what it owns and is missing (folders, its spool), proves it can write there,
     * binds a listener. Called once, after the database is up ({@link ErpContext#installationId()} answers from then
     * on) and before the loops start. A side that cannot work throws
     * {@link io.jakamoconnector.domain.port.out.ErpAccessException} saying what to fix, and the service does not start.
     */
    void start();

    /** Stops taking work (a listener stops accepting, in-flight calls end), then releases what it holds. Idempotent. */
    void stop();

    /**
     * {@code doctor}'s checks of one integration: thorough, may create what {@link #start()} would create, never sends
     * or takes a document. Each finding that is not OK says what to do.
     */
    List<ErpCheck> check(IntegrationName integration);

    /** Cheap findings for the readiness endpoint, refreshed every few seconds: no I/O that can block for long. */
    List<ErpCheck> health(IntegrationName integration);

    /**
     * How many documents the ERP handed over that wait to be picked up, for a one-shot {@code sync}'s progress; empty
     * when the side cannot tell cheaply.
     */
    OptionalLong waiting(IntegrationName integration);

    /**
     * How long after a hand-over a document is first offered by {@link ErpOutboxPort#pickUp}: a folder's stability
     * time (a file must stop changing), zero for a side that takes documents whole. A one-shot {@code sync} waits this
     * long before its last pick-up.
     */
    Duration settleTime(IntegrationName integration);
}
