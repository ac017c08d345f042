package io.jakamoconnector.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.adapter.jakamo.JakamoOptions;
import io.jakamoconnector.adapter.erpfolder.FolderErpSettings;
import io.jakamoconnector.app.config.ErpConfig;
import io.jakamoconnector.app.config.IntegrationConfig;
import io.jakamoconnector.app.config.JakamoSettings;
import io.jakamoconnector.app.config.PollingConfig;
import io.jakamoconnector.app.config.SecretReference;
import io.jakamoconnector.domain.model.auth.ClientId;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code integrations[x].jakamo} sets reaches the adapter's options. */
class JakamoOptionsWiringTest {

    private static IntegrationConfig orders(JakamoSettings jakamo) {
        return new IntegrationConfig(new IntegrationName("orders"), IntegrationKind.PURCHASE_ORDERS,
                Environment.production(), new ClientId("3f0c2a9e-0000-4000-8000-00000000000a"),
                Optional.of(new SecretReference(SecretReference.Kind.ENV, "S")), Optional.empty(),
                new ErpConfig("folders", FolderErpSettings.under(Path.of("/x"))), PollingConfig.defaults(),
                Optional.empty(), jakamo);
    }

    @Test
    void theChangeVerbAndThePathsAreTheConfiguredOnes() {
        JakamoOptions options = JakamoModule.options(orders(new JakamoSettings(List.of(), Optional.of("PUT"),
                Map.of("orderQueue", "/api/v1/order/response"))));

        assertThat(options.changeMethod()).isEqualTo(JakamoOptions.ChangeMethod.PUT);
        assertThat(options.paths().orderQueue()).isEqualTo("/api/v1/order/response");
        assertThat(options.paths().order()).isEqualTo("/api/order");
    }

    @Test
    void withoutSettingsTheAdaptersDefaultsHold() {
        assertThat(JakamoModule.options(orders(JakamoSettings.defaults()))).isEqualTo(JakamoOptions.defaults());
    }
}
