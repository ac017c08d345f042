package io.jakamoconnector.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jakamoconnector.adapter.erpfolder.AttachmentNaming;
import io.jakamoconnector.adapter.erpfolder.ErpFolders;
import io.jakamoconnector.adapter.erpfolder.FolderErpSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's keys: polling, health, logging, shutdown, and an integration's own polling and folder options. */
class ServiceConfigTest {
    private static final String INTEGRATION = """
            integrations:
              - name: orders
                kind: purchase-orders
                environment: demo
                clientId: 3f0c2a9e-0000-4000-8000-00000000000a
                clientSecret: { env: ORDERS_SECRET }
            """;

    @TempDir
    Path dir;

    private ConnectorConfig load(String yaml, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve("jakamo-connector.yml"), yaml);
        return new ConfigLoader(env, dir).load(Optional.empty());
    }

    private ConfigurationException refused(String yaml) {
        return catchThrowableOfType(() -> load(yaml, Map.of()), ConfigurationException.class);
    }

    @Test
    void withoutTheKeysTheDefaultsApply() throws IOException {
        ConnectorConfig config = load(INTEGRATION, Map.of());
        assertThat(config.service()).isEqualTo(ServiceConfig.defaults());
        assertThat(config.service().health()).isEqualTo(new HealthConfig("127.0.0.1", 9464, 3));
        assertThat(config.service().polling()).isEqualTo(new PollingConfig(Duration.ofSeconds(30),
                Duration.ofSeconds(10), 2));
        IntegrationConfig orders = config.integrations().get(0);
        assertThat(orders.polling()).isEqualTo(config.service().polling());
        assertThat(orders.erp()).as("no erp and no folders: the folder adapter's defaults beside the file")
                .isEqualTo(new ErpConfig("folders", FolderErpSettings.under(dir.resolve("erp/orders"))));
    }

    @Test
    void readsEveryKeyAndAnIntegrationsOwnPolling() throws IOException {
        ConnectorConfig config = load("""
                polling: { inboundSeconds: 5, outboundSeconds: 3, senders: 4 }
                health: { bind: "::1", port: 0, staleAfterPolls: 5 }
                logging: { format: json }
                shutdown: { graceSeconds: 7 }
                integrations:
                  - name: orders
                    kind: purchase-orders
                    environment: demo
                    clientId: 3f0c2a9e-0000-4000-8000-00000000000a
                    clientSecret: { env: ORDERS_SECRET }
                    polling: { inboundSeconds: 60 }
                    folders:
                      root: ./erp/o
                      toJakamo: out
                      fromJakamo: in
                      processed: done
                      failed: bad
                      stableSeconds: 4
                      attachmentNaming: double-underscore
                  - name: claims
                    kind: claims
                    environment: demo
                    clientId: 3f0c2a9e-0000-4000-8000-00000000000b
                    clientSecret: { env: CLAIMS_SECRET }
                """, Map.of());
        ServiceConfig service = config.service();
        assertThat(service.polling()).isEqualTo(new PollingConfig(Duration.ofSeconds(5), Duration.ofSeconds(3), 4));
        assertThat(service.health()).isEqualTo(new HealthConfig("::1", 0, 5));
        assertThat(service.logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(service.shutdownGrace()).isEqualTo(Duration.ofSeconds(7));
        IntegrationConfig orders = config.integrations().get(0);
        assertThat(orders.polling()).as("its own inbound interval, the rest from the global polling")
                .isEqualTo(new PollingConfig(Duration.ofSeconds(60), Duration.ofSeconds(3), 4));
        assertThat(orders.erp()).as("the older folders section").isEqualTo(new ErpConfig("folders",
                new FolderErpSettings(new ErpFolders(dir.resolve("erp/o"), "out", "in", "done", "bad"),
                        Duration.ofSeconds(4), AttachmentNaming.DOUBLE_UNDERSCORE)));
        assertThat(config.integrations().get(1).polling()).isEqualTo(service.polling());
    }

    @Test
    void environmentVariablesOverrideTheNewKeysToo() throws IOException {
        ConnectorConfig config = load(INTEGRATION, Map.of("JAKAMO_CONNECTOR_HEALTH_PORT", "9999",
                "JAKAMO_CONNECTOR_POLLING_INBOUNDSECONDS", "2", "JAKAMO_CONNECTOR_LOGGING_FORMAT", "json",
                "JAKAMO_CONNECTOR_INTEGRATIONS_ORDERS_POLLING_SENDERS", "3",
                "JAKAMO_CONNECTOR_LOG_FORMAT", "human"));
        assertThat(config.service().health().port()).isEqualTo(9999);
        assertThat(config.service().polling().inbound()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.service().logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(config.integrations().get(0).polling().senders()).isEqualTo(3);
        assertThat(config.integrations().get(0).polling().inbound()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theLaunchersOwnVariablesAreNotTakenForUnknownKeys() throws IOException {
        ConnectorConfig config = load(INTEGRATION, Map.of("JAKAMO_CONNECTOR_JAVA_OPTS", "-Xmx256m",
                "JAKAMO_CONNECTOR_JAVA_DIRS", "/opt/java", "JAKAMO_CONNECTOR_CDS", "off"));
        assertThat(config.integrations()).hasSize(1);
    }

    @Test
    void refusesWrongValuesWithTheirPathsAllAtOnce() {
        ConfigurationException e = refused("""
                polling: { inboundSeconds: 0, outboundSeconds: half, senders: 17, every: 3 }
                health: { bind: localhost, port: 70000, staleAfterPolls: 0 }
                logging: { format: xml }
                shutdown: { graceSeconds: -1 }
                """ + INTEGRATION.replace("clientSecret: { env: ORDERS_SECRET }", """
                clientSecret: { env: ORDERS_SECRET }
                    polling: 5
                    folders: { root: ./erp/o, toJakamo: ../up, stableSeconds: 0, attachmentNaming: dash }"""));
        assertThat(e.problems()).contains(
                "polling.inboundSeconds: must be a whole number from 1 to 3600",
                "polling.outboundSeconds: must be a whole number from 1 to 3600",
                "polling.senders: must be a whole number from 1 to 16",
                "health.port: must be a whole number from 0 to 65535",
                "health.staleAfterPolls: must be a whole number from 1 to 1000",
                "logging.format: must be human or json",
                "shutdown.graceSeconds: must be a whole number from 0 to 600",
                "integrations[orders].polling: must be a mapping",
                "integrations[orders].folders.stableSeconds: must be a whole number from 1 to 3600");
        assertThat(e.problems()).anyMatch(p -> p.startsWith("polling.every: unknown key"))
                .anyMatch(p -> p.startsWith("health.bind: must be an IP address"))
                .anyMatch(p -> p.startsWith("integrations[orders].folders.attachmentNaming: must be first-underscore"))
                .anyMatch(p -> p.startsWith("integrations[orders].folders: ") && p.contains("toJakamo"));
    }

    @Test
    void aSectionGivenAsOneValueIsRefused() {
        assertThat(refused("health: 9464\nlogging: json\n" + INTEGRATION).problems())
                .contains("health: must be a mapping", "logging: must be a mapping, e.g. logging: { key: value }");
    }

    @Test
    void olderConstructorsKeepTheDefaults() {
        ConnectorConfig config = new ConnectorConfig("test", "n", dir, Optional.empty(), Optional.empty(),
                java.util.List.of());
        assertThat(config.service()).isEqualTo(ServiceConfig.defaults());
    }

    @Test
    void retriesRideOutALongWeekendByDefaultAndCanBeSetAndAreCheckedAsAWhole() throws IOException {
        RetryConfig defaults = load(INTEGRATION, Map.of()).service().retry();
        assertThat(defaults).isEqualTo(RetryConfig.defaults());
        assertThat(defaults.patience()).as("a Friday-evening outage is over by Monday morning")
                .isGreaterThan(Duration.ofHours(72));

        RetryConfig set = load(INTEGRATION + "retry: { attempts: 5, firstSeconds: 10, maxSeconds: 60 }\n", Map.of())
                .service().retry();
        assertThat(set).isEqualTo(new RetryConfig(5, Duration.ofSeconds(10), Duration.ofSeconds(60)));
        assertThat(set.patience()).isEqualTo(Duration.ofSeconds(10 + 20 + 40 + 60));

        RetryConfig fromEnv = load(INTEGRATION, Map.of("JAKAMO_CONNECTOR_RETRY_ATTEMPTS", "200")).service().retry();
        assertThat(fromEnv.attempts()).isEqualTo(200);

        assertThat(refused(INTEGRATION + "retry: { firstSeconds: 600, maxSeconds: 60 }\n").problems())
                .containsExactly("retry.maxSeconds: must be at least retry.firstSeconds (600)");
        assertThat(refused(INTEGRATION + "retry: { attempts: 0, tries: 3 }\n").problems())
                .anySatisfy(p -> assertThat(p).startsWith("retry.tries: unknown key"))
                .anySatisfy(p -> assertThat(p).isEqualTo("retry.attempts: must be a whole number from 1 to 10000"));
    }

    @Test
    void theAuditCheckpointScheduleAndAnchorFileHaveDefaultsAndAreChecked() throws IOException {
        ConnectorConfig defaults = load(INTEGRATION, Map.of());
        assertThat(defaults.audit()).isEqualTo(new AuditConfig(Duration.ofMinutes(5), Optional.empty()));
        assertThat(defaults.auditAnchorFile()).isEqualTo(dir.resolve("jakamo-data/audit-anchor.log"));

        ConnectorConfig set = load(INTEGRATION + "audit: { checkpointIntervalSeconds: 60, anchorFile: "
                + "/var/log/jakamo/anchor.log }\n", Map.of());
        assertThat(set.audit().checkpointInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(set.auditAnchorFile()).isEqualTo(Path.of("/var/log/jakamo/anchor.log"));
        assertThat(load(INTEGRATION, Map.of("JAKAMO_CONNECTOR_AUDIT_CHECKPOINTINTERVALSECONDS", "120")).audit()
                .checkpointInterval()).isEqualTo(Duration.ofMinutes(2));

        assertThat(refused(INTEGRATION + "audit: { checkpointIntervalSeconds: 5, anchor: x }\n").problems())
                .anySatisfy(p -> assertThat(p).startsWith("audit.anchor: unknown key"))
                .anySatisfy(p -> assertThat(p).isEqualTo("audit.checkpointIntervalSeconds: must be a whole number "
                        + "from 10 to 86400"));
        assertThat(refused(INTEGRATION + "audit: { anchorFile: jakamo-data/postgres/anchor.log }\n").problems())
                .containsExactly("audit.anchorFile: must be outside the embedded database's directory "
                        + dir.resolve("jakamo-data/postgres") + " (the anchor is what shows a rewritten database)");
    }
}
