package io.jakamoconnector.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jakamoconnector.adapter.persistence.EmbeddedPostgresDatabase;
import io.jakamoconnector.adapter.persistence.PostgresDatabase;
import java.nio.file.Path;

/** The zero-setup default: a PostgreSQL of our own under the data directory, started by the lifecycle. */
public final class EmbeddedDatabaseModule extends AbstractModule {
    private final Path dataDirectory;

    public EmbeddedDatabaseModule(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    @Provides
    @Singleton
    PostgresDatabase database() {
        return new EmbeddedPostgresDatabase(dataDirectory, 0);
    }
}
