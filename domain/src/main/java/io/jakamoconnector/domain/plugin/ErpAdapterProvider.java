package io.jakamoconnector.domain.plugin;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.util.Map;

/**
 * One kind of ERP side (drop folders, an HTTP API, a database table, ...), found by {@link java.util.ServiceLoader}:
 * the module lists its implementation in {@code META-INF/services/io.jakamoconnector.domain.plugin.ErpAdapterProvider}.
 * It needs a public constructor without parameters and does nothing in it; the work starts in {@link #open}.
 * <p>
 * Lifecycle: for each integration whose {@code erp.type} is {@link #type()}, the application calls {@link #read} with
 * that integration's {@code erp} section; when the whole configuration is free of problems it calls {@link #open} once
 * with every such integration's settings, then {@link ErpSide#start()} after the database is up, and
 * {@link ErpSide#stop()} on shutdown.
 */
public interface ErpAdapterProvider {

    /** The name an integration chooses this adapter by ({@code erp: { type: folders }}): lower case, stable. */
    String type();

    /** One line for people: what this adapter connects, e.g. "the ERP's drop folders". */
    String description();

    /**
     * Reads and validates {@code integrations[x].erp}, every key of it but {@code type}: unknown keys are problems
     * ({@link ConfigSection#knownKeys}); every problem goes to {@link ConfigSection#problem} with its key path and what
     * to write instead, so a person sees them all at once. Returns the settings, or null when there were problems.
     *
     * @param erp         the integration's {@code erp} section; for an integration that writes the older top-level
     *                    {@code folders} key instead, that section (only the folder adapter is ever given it)
     * @param integration what the core knows of the integration
     */
    ErpSettings read(ConfigSection erp, ErpIntegration integration);

    /**
     * Builds the ERP side of every integration of this type; it must not touch the outside world yet (no listener, no
     * folder): that is {@link ErpSide#start()}'s. A problem found only now (two integrations sharing what must not be
     * shared) is an {@link IllegalArgumentException} with the keys to change.
     *
     * @param integrations the settings {@link #read} returned, by integration, in the configuration's order
     */
    ErpSide open(ErpContext context, Map<IntegrationName, ErpSettings> integrations);
}
