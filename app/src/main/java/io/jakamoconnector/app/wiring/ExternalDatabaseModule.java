package io.jakamoconnector.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jakamoconnector.adapter.persistence.ExternalDatabase;
import io.jakamoconnector.adapter.persistence.PostgresDatabase;
import io.jakamoconnector.app.config.DatabaseConfig;
import io.jakamoconnector.app.config.SecretReader;

/** A configured PostgreSQL server; the password is read from its reference when the pool connects, not before. */
public final class ExternalDatabaseModule extends AbstractModule {
    private final DatabaseConfig config;

    public ExternalDatabaseModule(DatabaseConfig config) {
        this.config = config;
    }

    @Provides
    @Singleton
    PostgresDatabase database() {
        SecretReader secrets = SecretReader.fromProcess();
        return new ExternalDatabase(config.url(), config.user(),
                () -> config.password().map(p -> secrets.read(p, "database.password")).orElseGet(() -> new char[0]));
    }
}
