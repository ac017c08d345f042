package io.jakamoconnector.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jakamoconnector.app.daemon.ServiceMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The meter registry ({@code /metrics} scrapes it) and the connector's own meters. The counting decorators that feed
 * it are put around the ports where those are bound: the audit trail ({@link PersistenceModule}), the token port and
 * the queue ({@link JakamoModule}); the adapters stay unaware of metrics. Constructing it touches nothing outside.
 */
public final class MetricsModule extends AbstractModule {

    @Provides
    @Singleton
    PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("application", "jakamo-connector");
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    @Provides
    @Singleton
    ServiceMetrics metrics(PrometheusMeterRegistry registry) {
        return new ServiceMetrics(registry);
    }

}
