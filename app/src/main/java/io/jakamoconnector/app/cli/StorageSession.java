package io.jakamoconnector.app.cli;

import com.google.inject.Injector;
import com.google.inject.Stage;
import io.jakamoconnector.app.config.ConfigurationException;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.wiring.Composition;
import io.jakamoconnector.app.wiring.Injectors;
import io.jakamoconnector.app.wiring.Lifecycle;
import io.jakamoconnector.app.wiring.PersistenceResource;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.port.out.PortFailureException;
import io.jakamoconnector.domain.service.AuditWriter;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/** How the commands that work on the state store run: start it, do the work, record the operator's action. */
final class StorageSession {
    private StorageSession() {
    }

    /**
     * Runs {@code work} on the started persistence of the configuration; if {@code auditAs} is given, records
     * afterwards (so an export does not hold its own event) that the operator did that and how it ended. Maps
     * failures to exit codes with what to do.
     */
    static int run(RootCommand root, PrintWriter err, Optional<String> auditAs,
                   Function<PersistenceResource, Integer> work) {
        return run(root, err, auditAs, (BiFunction<PersistenceResource, String, Integer>) (persistence, node) ->
                work.apply(persistence));
    }

    /**
     * Runs an operator's correction, which audits itself (in the transaction of its change) with this node's name, the
     * second argument of {@code work}.
     */
    static int correct(RootCommand root, PrintWriter err, BiFunction<PersistenceResource, String, Integer> work) {
        return run(root, err, Optional.empty(), Composition::storage, (injector, node) ->
                work.apply(injector.getInstance(PersistenceResource.class), node));
    }

    /** {@link #correct} for a correction that also writes into the ERP folders: {@code work} gets the injector. */
    static int correctWithErpFolders(RootCommand root, PrintWriter err, BiFunction<Injector, String, Integer> work) {
        return run(root, err, Optional.empty(), Composition::storageAndErp, work);
    }

    /**
     * {@link #correctWithErpFolders} when integrations are configured, else {@link #correct}'s storage only: {@code
     * work} then finds no ERP folder binding in the injector, and must not ask for one.
     */
    static int correctWithErpFoldersIfAny(RootCommand root, PrintWriter err,
                                          BiFunction<Injector, String, Integer> work) {
        return run(root, err, Optional.empty(), (config, clock) -> config.integrations().isEmpty()
                ? Composition.storage(config, clock) : Composition.storageAndErp(config, clock), work);
    }

    private static int run(RootCommand root, PrintWriter err, Optional<String> auditAs,
                           BiFunction<PersistenceResource, String, Integer> work) {
        return run(root, err, auditAs, Composition::storage, (injector, node) ->
                work.apply(injector.getInstance(PersistenceResource.class), node));
    }

    private static int run(RootCommand root, PrintWriter err, Optional<String> auditAs,
                           BiFunction<ConnectorConfig, Clock, com.google.inject.Module[]> modules,
                           BiFunction<Injector, String, Integer> work) {
        ConnectorConfig config;
        try {
            config = root.loadConfig();
        } catch (ConfigurationException e) {
            err.println("jakamo-connector: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        Injector injector = Injectors.strict(Stage.PRODUCTION, modules.apply(config, Clock.systemUTC()));
        PersistenceResource persistence = injector.getInstance(PersistenceResource.class);
        try (Lifecycle lifecycle = injector.getInstance(Lifecycle.class)) {
            lifecycle.start();
            int code = work.apply(injector, config.node());
            auditAs.ifPresent(what -> new AuditWriter(persistence.auditTrail(), Clock.systemUTC(), config.node(),
                    Operator.name()).write(AuditEvent.builder(AuditAction.OPERATOR_ACTION, code == ExitCodes.OK
                    ? AuditOutcome.OK : AuditOutcome.FAIL).reason(what + " (exit code " + code + ")")));
            return code;
        } catch (PortFailureException e) {
            err.println("jakamo-connector: " + e.getMessage());
            err.println("  fix: run 'jakamo-connector doctor' to check the database");
            return ExitCodes.UNAVAILABLE;
        }
    }
}
