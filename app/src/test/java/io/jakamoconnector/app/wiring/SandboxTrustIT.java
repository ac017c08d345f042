package io.jakamoconnector.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jakamoconnector.adapter.auth.MsalAccessTokenAdapter;
import io.jakamoconnector.adapter.jakamo.HttpInboundQueueAdapter;
import io.jakamoconnector.adapter.jakamo.JakamoApiClient;
import io.jakamoconnector.app.cli.SandboxBed;
import io.jakamoconnector.app.config.ConfigLoader;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.config.IntegrationConfig;
import io.jakamoconnector.app.daemon.ServiceMetrics;
import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.auth.EnvironmentKind;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AccessTokenPort;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import io.jakamoconnector.domain.service.AuditWriter;
import io.jakamoconnector.domain.testing.InMemoryAuditTrail;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack 6 of issue 13: with a {@code sandbox:} section in the configuration, the sandbox's CA (a file on this host)
 * must not become trusted for production. A production-environment integration pointed at the sandbox's servers,
 * whose certificates only the sandbox CA signs, fails the TLS handshake in the Jakamo client and in the token client
 * built by the modules {@code run} uses; the sandbox integration on the same servers works.
 */
class SandboxTrustIT {
    private static final IntegrationName PRODUCTION = new IntegrationName("prod");

    @TempDir
    Path dir;
    private SandboxBed bed;
    private final Lifecycle lifecycle = new Lifecycle();
    private ConnectorConfig config;
    private IntegrationName sandboxed;

    @BeforeEach
    void configure() throws Exception {
        bed = new SandboxBed(dir, "");
        ConnectorConfig loaded = new ConfigLoader(Map.of(), dir).load(Optional.of(bed.files.configFile()));
        IntegrationConfig orders = loaded.integrations().get(0);
        sandboxed = orders.name();
        Environment sandbox = orders.environment();
        assertThat(sandbox.kind()).isEqualTo(EnvironmentKind.SANDBOX);
        // production in every respect but the host names: the sandbox's servers stand in for Jakamo's and Entra's
        Environment production = new Environment(EnvironmentKind.PRODUCTION, sandbox.tenantId(), sandbox.authority(),
                sandbox.tokenUrl(), sandbox.scope(), sandbox.apiBaseUrl());
        IntegrationConfig prod = new IntegrationConfig(PRODUCTION, orders.kind(), production, orders.clientId(),
                orders.clientSecret(), orders.clientCertificate(), orders.erp(), orders.polling());
        config = new ConnectorConfig(loaded.source(), loaded.node(), loaded.dataDirectory(), loaded.database(),
                loaded.sandbox(), List.of(orders, prod), loaded.service());
        assertThat(config.sandbox()).as("the configuration has a sandbox section").isPresent();
    }

    @AfterEach
    void stop() {
        lifecycle.close();
        bed.close();
    }

    @Test
    void theTokenClientOfAProductionIntegrationRefusesACertificateOnlyTheSandboxCaSigned() {
        MsalAccessTokenAdapter tokens = new AuthModule().tokens(config,
                new AuditWriter(new InMemoryAuditTrail(), Clock.systemUTC(), "it"), Clock.systemUTC(), lifecycle);
        lifecycle.start();

        assertThat(tokens.token(sandboxed).value()).isNotBlank();
        Throwable refused = catchThrowable(() -> tokens.token(PRODUCTION));
        assertThat(refused).as("no token for production from a server the JDK does not trust")
                .isInstanceOf(AccessTokenUnavailableException.class)
                .hasMessageContaining("TLS certificate of " + config.integrations().get(1).environment().tokenUrl()
                        .getHost())
                .hasMessageContaining("is not trusted (PKIX path building failed)");
    }

    @Test
    void theJakamoClientOfAProductionIntegrationRefusesACertificateOnlyTheSandboxCaSigned() {
        MsalAccessTokenAdapter sandboxTokens = new AuthModule().tokens(config,
                new AuditWriter(new InMemoryAuditTrail(), Clock.systemUTC(), "it"), Clock.systemUTC(), lifecycle);
        lifecycle.start();
        // the sandbox integration's valid token, also for production: only TLS can stop the production request
        AccessToken token = sandboxTokens.token(sandboxed);
        AccessTokenPort tokens = new AccessTokenPort() {
            @Override
            public AccessToken token(IntegrationName integration) {
                return token;
            }

            @Override
            public AccessToken renewedToken(IntegrationName integration, AccessToken rejected) {
                return token;
            }
        };
        JakamoApiClient api = new JakamoModule().api(config, tokens, new ServiceMetrics(new SimpleMeterRegistry()),
                new DocumentReader(), Clock.systemUTC());
        HttpInboundQueueAdapter queue = new HttpInboundQueueAdapter(api);

        assertThat(queue.next(sandboxed)).as("the sandbox's queue answers, empty").isEmpty();
        Throwable refused = catchThrowable(() -> queue.next(PRODUCTION));
        assertThat(refused).isNotNull();
        assertThat(causes(refused)).as(String.valueOf(refused)).anyMatch(SSLHandshakeException.class::isInstance);
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> all = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }
}
