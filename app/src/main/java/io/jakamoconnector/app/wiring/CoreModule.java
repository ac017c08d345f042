package io.jakamoconnector.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.domain.model.document.DocumentReader;
import java.time.Clock;

/** The configuration, the clock and the domain's own services. */
public final class CoreModule extends AbstractModule {
    private final ConnectorConfig config;
    private final Clock clock;

    public CoreModule(ConnectorConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Provides
    @Singleton
    ConnectorConfig config() {
        return config;
    }

    @Provides
    @Singleton
    Clock clock() {
        return clock;
    }

    @Provides
    @Singleton
    DocumentReader documentReader() {
        return new DocumentReader();
    }

    @Provides
    @Singleton
    Lifecycle lifecycle() {
        return new Lifecycle();
    }
}
