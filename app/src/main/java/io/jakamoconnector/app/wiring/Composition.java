package io.jakamoconnector.app.wiring;

import com.google.inject.Module;
import io.jakamoconnector.adapter.persistence.EmbeddedPostgresDatabase.Sharing;
import io.jakamoconnector.app.config.ConnectorConfig;
import java.time.Clock;

/**
 * The composition root's choices: which modules make up the connector for a configuration. Modules themselves
 * contain no such {@code if}.
 */
public final class Composition {
    private Composition() {
    }

    /**
     * What commands that only need the state store use: the core, the database, the persistence adapters and the meter
     * registry their audit trail counts into. On the embedded database they use the server of a running connector.
     */
    public static Module[] storage(ConnectorConfig config, Clock clock) {
        return new Module[] {core(config, clock), database(config, Sharing.USE_RUNNING_OR_START), new MetricsModule(),
                new PersistenceModule()};
    }

    /**
     * Everything {@code run} needs: storage, the token, Jakamo and ERP adapters, the use cases, the service and
     * the notification channels.
     * On the embedded database this process serves it.
     */
    public static Module[] service(ConnectorConfig config, Clock clock) {
        return service(config, clock, Sharing.SERVE);
    }

    /**
     * The service's modules, with the embedded database served by this process ({@code run}) or, for a one-shot
     * {@code sync} beside a running connector, used from it.
     */
    public static Module[] service(ConnectorConfig config, Clock clock, Sharing sharing) {
        return new Module[] {core(config, clock), database(config, sharing), new MetricsModule(),
                new PersistenceModule(), new AuthModule(), new JakamoModule(), new ErpModule(),
                new ServiceModule(), new NotificationModule(), new ConsoleModule(), new RetentionModule()};
    }

    /**
     * What an operator's redelivery of a quarantined message uses: storage and the ERP sides (beside a running
     * connector, its database).
     */
    public static Module[] storageAndErp(ConnectorConfig config, Clock clock) {
        return new Module[] {core(config, clock), database(config, Sharing.USE_RUNNING_OR_START), new MetricsModule(),
                new PersistenceModule(), new ErpModule()};
    }

    /** What {@code notify test} uses: storage (to audit each message) and the notification channels. */
    public static Module[] notifications(ConnectorConfig config, Clock clock) {
        return new Module[] {core(config, clock), database(config, Sharing.USE_RUNNING_OR_START), new MetricsModule(),
                new PersistenceModule(), new NotificationModule()};
    }

    public static Module core(ConnectorConfig config, Clock clock) {
        return new CoreModule(config, clock);
    }

    /** The configured PostgreSQL server when {@code database} is set, else the embedded one, served by this process. */
    public static Module database(ConnectorConfig config) {
        return database(config, Sharing.SERVE);
    }

    /** The configured PostgreSQL server when {@code database} is set, else the embedded one, shared as said. */
    public static Module database(ConnectorConfig config, Sharing sharing) {
        return config.database().<Module>map(ExternalDatabaseModule::new)
                .orElseGet(() -> new EmbeddedDatabaseModule(config.dataDirectory(), sharing));
    }
}
