package io.jakamoconnector.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Stage;
import io.jakamoconnector.adapter.auth.MsalAccessTokenAdapter;
import io.jakamoconnector.app.config.ConfigLoader;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.daemon.ConnectorService;
import io.jakamoconnector.app.daemon.HealthServer;
import io.jakamoconnector.app.daemon.MeteredAuditTrail;
import io.jakamoconnector.app.daemon.MeteredInboundQueue;
import io.jakamoconnector.app.daemon.OneShotSync;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsUseCase;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesUseCase;
import io.jakamoconnector.domain.port.in.SendOutboundDocumentsUseCase;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.port.out.ErpInboxPort;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import io.jakamoconnector.domain.port.out.InboundQueuePort;
import io.jakamoconnector.domain.port.out.InboundStatePort;
import io.jakamoconnector.domain.port.out.OutboundExchangePort;
import io.jakamoconnector.domain.port.out.OutboundStatePort;
import io.jakamoconnector.domain.port.out.QueueLeasePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's injector for a full sandbox configuration (two integrations, a secret and a certificate): it is
 * complete and strict in {@code Stage.TOOL}, and in {@code Stage.PRODUCTION} building it creates every singleton
 * without touching the database, the folders or the network.
 */
class ServiceWiringTest {
    private static final String TENANT = "5d1f1c4e-0000-4000-8000-000000000001";

    @TempDir
    Path dir;

    private ConnectorConfig load(String environment) throws IOException {
        String yaml = """
                node: wiring-test
                dataDirectory: ./data
                sandbox:
                  tenantId: %1$s
                  authority: https://127.0.0.1:48443/%1$s/
                  scope: https://sandbox.jakamoapp.local/.default
                  apiBaseUrl: https://127.0.0.1:48444
                  caCertificate: ./sandbox-ca.pem
                polling: { inboundSeconds: 5, outboundSeconds: 2, senders: 3 }
                health: { port: 0 }
                integrations:
                  - name: orders
                    kind: purchase-orders
                    environment: %2$s
                    clientId: 3f0c2a9e-0000-4000-8000-00000000000a
                    clientSecret: { file: ./orders.secret }
                  - name: claims
                    kind: claims
                    environment: %2$s
                    clientId: 3f0c2a9e-0000-4000-8000-00000000000b
                    clientCertificate: { pkcs12: { file: ./claims.p12 }, password: { env: CLAIMS_P12_PASSWORD } }
                """.formatted(TENANT, environment);
        if (!environment.equals("sandbox")) {
            // without an integration on the sandbox, its section goes too (the trust would read its CA file)
            yaml = yaml.substring(0, yaml.indexOf("sandbox:")) + yaml.substring(yaml.indexOf("polling:"));
        }
        Files.writeString(dir.resolve("jakamo-connector.yml"), yaml);
        return new ConfigLoader(Map.of(), dir).load(Optional.empty());
    }

    @Test
    void theFullSandboxCompositionIsCompleteInToolStage() throws IOException {
        ConnectorConfig config = load("sandbox");
        assertThat(config.sandbox()).isPresent();
        Injector injector = Injectors.strict(Stage.TOOL, Composition.service(config, Clock.systemUTC()));
        for (Class<?> type : new Class<?>[] {ConnectorService.class, OneShotSync.class, HealthServer.class,
                ReceiveInboundMessagesUseCase.class, PickUpErpDocumentsUseCase.class, SendOutboundDocumentsUseCase.class,
                InboundQueuePort.class, OutboundExchangePort.class, InboundStatePort.class, OutboundStatePort.class,
                QueueLeasePort.class,
                ErpInboxPort.class, ErpOutboxPort.class, AuditTrailPort.class, MsalAccessTokenAdapter.class,
                Lifecycle.class}) {
            assertThat(injector.getExistingBinding(Key.get(type))).as(type.getSimpleName()).isNotNull();
        }
    }

    @Test
    void buildingItForProductionConstructsEverythingAndStartsNothing() throws IOException {
        ConnectorConfig config = load("demo");
        Injector injector = Injectors.strict(Stage.PRODUCTION, Composition.service(config, Clock.systemUTC()));

        assertThat(injector.getInstance(InboundQueuePort.class)).isInstanceOf(MeteredInboundQueue.class);
        assertThat(injector.getInstance(AuditTrailPort.class)).isInstanceOf(MeteredAuditTrail.class);
        assertThat(injector.getInstance(ConnectorService.class).isRunning()).isFalse();
        assertThat(Files.exists(dir.resolve("data"))).as("no database started, no key written").isFalse();
        assertThat(Files.exists(dir.resolve("erp"))).as("no folder created").isFalse();
    }
}
