package io.jakamoconnector.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jakamoconnector.adapter.jakamo.AttachmentContentTypes;
import io.jakamoconnector.adapter.jakamo.HttpInboundQueueAdapter;
import io.jakamoconnector.adapter.jakamo.HttpOutboundExchangeAdapter;
import io.jakamoconnector.adapter.jakamo.JakamoApiClient;
import io.jakamoconnector.adapter.jakamo.JakamoIntegration;
import io.jakamoconnector.adapter.jakamo.JakamoOptions;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.config.IntegrationConfig;
import io.jakamoconnector.app.daemon.MeteredAccessTokens;
import io.jakamoconnector.app.daemon.TokenOutage;
import io.jakamoconnector.app.daemon.MeteredInboundQueue;
import io.jakamoconnector.app.daemon.ServiceMetrics;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AccessTokenPort;
import io.jakamoconnector.domain.port.out.InboundQueuePort;
import io.jakamoconnector.domain.port.out.OutboundExchangePort;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Jakamo API adapters over one HTTP client for the demo and production integrations (the JDK's trust) and one for
 * the sandbox integrations, which alone trusts the sandbox's CA ({@link SandboxTrust}). The token port the client uses and the queue the core reads are wrapped in their
 * counting decorators (token requests and failures, poll latency).
 */
public final class JakamoModule extends AbstractModule {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    @Provides
    @Singleton
    JakamoApiClient api(ConnectorConfig config, AccessTokenPort tokens, ServiceMetrics metrics, DocumentReader reader,
                        Clock clock) {
        // the JDK's trust for demo and production; the sandbox's CA only for sandbox integrations
        HttpClient everyone = JakamoApiClient.newHttpClient(CONNECT_TIMEOUT, null);
        Map<IntegrationName, HttpClient> clients = new HashMap<>();
        for (IntegrationConfig integration : config.integrations()) {
            clients.put(integration.name(), SandboxTrust.forIntegration(config, integration)
                    .map(trust -> JakamoApiClient.newHttpClient(CONNECT_TIMEOUT, trust)).orElse(everyone));
        }
        return new JakamoApiClient(integration -> clients.get(integration.name()),
                new MeteredAccessTokens(tokens, metrics, new TokenOutage(config.integrations().stream()
                        .map(IntegrationConfig::name).collect(Collectors.toSet()), clock)), reader,
                config.integrations().stream()
                .map(i -> JakamoIntegration.of(i.name(), i.kind(), i.environment(),
                        options(i).withLongestRetryAfter(config.service().retry().longestRetryAfter()))
                        .withTrustedHosts(i.jakamo().trustedHosts()))
                .toList(), clock);
    }

    /** The adapter's defaults with what {@code integrations[x].jakamo} sets. */
    public static JakamoOptions options(IntegrationConfig integration) {
        JakamoOptions options = JakamoOptions.defaults().withPaths(integration.jakamo().paths(
                JakamoOptions.defaults().paths()));
        return integration.jakamo().changeMethod().map(m -> options.withChangeMethod(JakamoOptions.ChangeMethod
                .valueOf(m))).orElse(options);
    }

    /** The queue as the core reads it: every read timed (the poll latency). */
    @Provides
    @Singleton
    InboundQueuePort queue(JakamoApiClient api, ServiceMetrics metrics) {
        return new MeteredInboundQueue(new HttpInboundQueueAdapter(api), metrics);
    }

    @Provides
    @Singleton
    HttpOutboundExchangeAdapter exchange(JakamoApiClient api, ConnectorConfig config) {
        return new HttpOutboundExchangeAdapter(api,
                AttachmentContentTypes.jakamosWith(config.attachmentContentTypes()));
    }

    @Provides
    @Singleton
    OutboundExchangePort outbound(HttpOutboundExchangeAdapter exchange) {
        return exchange;
    }
}
