package io.jakamoconnector.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retention keys: off by default, global and per integration, checked like every other key. */
class RetentionConfigTest {
    private static final String TWO_INTEGRATIONS = """
            integrations:
              - name: orders
                kind: purchase-orders
                environment: demo
                clientId: 3f0c2a9e-0000-4000-8000-00000000000a
                clientSecret: { env: ORDERS_SECRET }
              - name: claims
                kind: claims
                environment: demo
                clientId: 3f0c2a9e-0000-4000-8000-00000000000b
                clientSecret: { env: CLAIMS_SECRET }
            %s
            """;

    @TempDir
    Path dir;

    private ConnectorConfig load(String yaml, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve("jakamo-connector.yml"), yaml);
        return new ConfigLoader(env, dir).load(Optional.empty());
    }

    @Test
    void withoutRetentionKeysNothingIsEverRemoved() throws IOException {
        ConnectorConfig config = load(TWO_INTEGRATIONS.formatted(""), Map.of());

        assertThat(config.retention()).isEqualTo(RetentionConfig.off());
        assertThat(config.retention().archiveDays(config.integrations())).isEmpty();
        assertThat(config.retention().anything()).isFalse();
    }

    @Test
    void anIntegrationsOwnDaysWinOverTheGlobalOnesAndTheEnvironmentOverridesBoth() throws IOException {
        String yaml = TWO_INTEGRATIONS.replace("    clientSecret: { env: ORDERS_SECRET }",
                "    clientSecret: { env: ORDERS_SECRET }\n    retention: { archiveDays: 7 }")
                .formatted("retention: { archiveDays: 90, auditDays: 400 }");

        ConnectorConfig config = load(yaml, Map.of());
        assertThat(config.retention().archiveDays(config.integrations())).containsExactly(
                Map.entry(new IntegrationName("orders"), 7), Map.entry(new IntegrationName("claims"), 90));
        assertThat(config.retention().auditDays()).contains(400);

        ConnectorConfig overridden = load(yaml, Map.of("JAKAMO_CONNECTOR_RETENTION_AUDITDAYS", "30",
                "JAKAMO_CONNECTOR_INTEGRATIONS_ORDERS_RETENTION_ARCHIVEDAYS", "3"));
        assertThat(overridden.retention().auditDays()).contains(30);
        assertThat(overridden.retention().archiveDays(overridden.integrations()))
                .containsEntry(new IntegrationName("orders"), 3);
    }

    @Test
    void unknownKeysAndDaysOutOfRangeAreRefusedWithTheirPath() {
        String yaml = TWO_INTEGRATIONS.replace("    clientSecret: { env: CLAIMS_SECRET }",
                "    clientSecret: { env: CLAIMS_SECRET }\n    retention: { archiveDays: 0, auditDays: 5 }")
                .formatted("retention: { archiveDays: forever, keepDays: 3 }");

        ConfigurationException e = catchThrowableOfType(() -> load(yaml, Map.of()), ConfigurationException.class);

        assertThat(e.problems()).containsExactlyInAnyOrder(
                "integrations[claims].retention.auditDays: unknown key (expected one of [archiveDays])",
                "integrations[claims].retention.archiveDays: must be a whole number from 1 to 36500",
                "retention.keepDays: unknown key (expected one of [archiveDays, auditDays])",
                "retention.archiveDays: must be a whole number from 1 to 36500");
    }
}
