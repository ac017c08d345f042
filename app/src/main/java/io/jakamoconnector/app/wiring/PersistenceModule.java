package io.jakamoconnector.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jakamoconnector.adapter.persistence.PostgresDatabase;
import io.jakamoconnector.app.config.ConnectorConfig;
import java.time.Clock;

/** The persistence adapters over whichever database module is installed beside it. */
public final class PersistenceModule extends AbstractModule {

    @Provides
    @Singleton
    PersistenceResource persistence(PostgresDatabase database, ConnectorConfig config, Clock clock, Lifecycle lifecycle) {
        PersistenceResource resource = new PersistenceResource(database, config.dataDirectory(), clock);
        lifecycle.add(resource);
        return resource;
    }
}
