package io.jakamoconnector.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jakamoconnector.adapter.auth.SecretSources;
import io.jakamoconnector.adapter.auth.SecretValue;
import io.jakamoconnector.adapter.auth.UnreadableSecretException;
import io.jakamoconnector.adapter.persistence.ExternalDatabase;
import io.jakamoconnector.adapter.persistence.PostgresDatabase;
import io.jakamoconnector.app.config.ConfigurationException;
import io.jakamoconnector.app.config.DatabaseConfig;
import java.util.List;

/**
 * A configured PostgreSQL server. The password is read from its reference each time the pool connects, by the same
 * reader as every other secret (a file others can read is refused), and never kept in a String.
 */
public final class ExternalDatabaseModule extends AbstractModule {
    private final DatabaseConfig config;

    public ExternalDatabaseModule(DatabaseConfig config) {
        this.config = config;
    }

    @Provides
    @Singleton
    PostgresDatabase database() {
        SecretSources sources = SecretSources.system();
        return new ExternalDatabase(config.url(), config.user(), () -> config.password().map(ref -> {
            try (SecretValue value = AuthModule.reference(ref).read(sources); SecretValue trimmed = value.trimmed()) {
                return trimmed.chars();
            } catch (UnreadableSecretException e) {
                throw new ConfigurationException("(database.password)", List.of("database.password: "
                        + e.getMessage()));
            }
        }).orElseGet(() -> new char[0]));
    }
}
