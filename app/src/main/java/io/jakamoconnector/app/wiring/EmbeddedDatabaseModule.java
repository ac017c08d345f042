package io.jakamoconnector.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jakamoconnector.adapter.persistence.EmbeddedPostgresDatabase;
import io.jakamoconnector.adapter.persistence.PostgresDatabase;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The zero-setup default: a PostgreSQL of our own under the data directory, started by the lifecycle. {@code run}
 * serves it; commands use the server of a running connector, or start it for their own duration.
 */
public final class EmbeddedDatabaseModule extends AbstractModule {
    /**
     * Where to unpack the embedded server's binaries instead of {@code <dataDirectory>/postgres-runtime/bin}: a
     * directory whose parent only the connector's OS user can enter (it is made 0700). Builds and test suites that
     * start many data directories share one unpacked copy this way.
     */
    public static final String BINARIES_VARIABLE = "JAKAMO_EMBEDDED_POSTGRES_BINARIES";

    private final Path dataDirectory;
    private final EmbeddedPostgresDatabase.Sharing sharing;

    public EmbeddedDatabaseModule(Path dataDirectory, EmbeddedPostgresDatabase.Sharing sharing) {
        this.dataDirectory = dataDirectory;
        this.sharing = Objects.requireNonNull(sharing, "sharing");
    }

    public EmbeddedDatabaseModule(Path dataDirectory) {
        this(dataDirectory, EmbeddedPostgresDatabase.Sharing.SERVE);
    }

    @Provides
    @Singleton
    PostgresDatabase database() {
        String binaries = System.getenv(BINARIES_VARIABLE);
        Path binaryDirectory = binaries == null || binaries.isBlank()
                ? EmbeddedPostgresDatabase.defaultBinaryDirectory(dataDirectory) : Path.of(binaries);
        return new EmbeddedPostgresDatabase(dataDirectory, 0, sharing, binaryDirectory);
    }
}
