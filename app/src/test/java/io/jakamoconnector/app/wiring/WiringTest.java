package io.jakamoconnector.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import com.google.inject.Stage;
import io.jakamoconnector.adapter.persistence.EmbeddedPostgresDatabase;
import io.jakamoconnector.adapter.persistence.ExternalDatabase;
import io.jakamoconnector.adapter.persistence.PostgresDatabase;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.config.DatabaseConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The strict injector builds for each composition, without starting anything (Stage.TOOL). */
class WiringTest {
    private static ConnectorConfig config(Optional<DatabaseConfig> database) {
        return new ConnectorConfig("test", "node-1", Path.of("/nonexistent/data"), database, Optional.empty(),
                List.of());
    }

    @Test
    void theEmbeddedDatabaseIsTheDefault() {
        ConnectorConfig config = config(Optional.empty());
        Injector injector = Injectors.strict(Stage.TOOL, Composition.core(config, Clock.systemUTC()),
                Composition.database(config));
        assertThat(injector.getBinding(PostgresDatabase.class)).isNotNull();
        assertThat(Composition.database(config)).isInstanceOf(EmbeddedDatabaseModule.class);
    }

    @Test
    void aConfiguredServerReplacesIt() {
        ConnectorConfig config = config(Optional.of(new DatabaseConfig("jdbc:postgresql://db:5432/j", "j",
                Optional.empty())));
        Injector injector = Injectors.strict(Stage.PRODUCTION, Composition.core(config, Clock.systemUTC()),
                Composition.database(config));
        assertThat(injector.getInstance(PostgresDatabase.class)).isInstanceOf(ExternalDatabase.class)
                .isNotInstanceOf(EmbeddedPostgresDatabase.class);
    }
}
