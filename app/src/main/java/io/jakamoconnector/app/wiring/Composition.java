package io.jakamoconnector.app.wiring;

import com.google.inject.Module;
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
     * registry their audit trail counts into.
     */
    public static Module[] storage(ConnectorConfig config, Clock clock) {
        return new Module[] {core(config, clock), database(config), new MetricsModule(), new PersistenceModule()};
    }

    /**
     * Everything {@code run} and {@code sync} need: storage, the token, Jakamo and ERP folder adapters, the use cases
     * and the service.
     */
    public static Module[] service(ConnectorConfig config, Clock clock) {
        return new Module[] {core(config, clock), database(config), new MetricsModule(), new PersistenceModule(),
                new AuthModule(), new JakamoModule(), new ErpFolderModule(), new ServiceModule()};
    }

    public static Module core(ConnectorConfig config, Clock clock) {
        return new CoreModule(config, clock);
    }

    /** The configured PostgreSQL server when {@code database} is set, else the embedded one. */
    public static Module database(ConnectorConfig config) {
        return config.database().<Module>map(ExternalDatabaseModule::new)
                .orElseGet(() -> new EmbeddedDatabaseModule(config.dataDirectory()));
    }
}
