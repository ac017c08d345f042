package io.jakamoconnector.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.adapter.console.ConsoleSettings.ConfigLine;
import io.jakamoconnector.adapter.erpfolder.FolderErpAdapterProvider;
import io.jakamoconnector.adapter.erpfolder.FolderErpSettings;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.config.ErpConfig;
import io.jakamoconnector.app.config.IntegrationConfig;
import io.jakamoconnector.app.config.SecretReference;
import io.jakamoconnector.app.config.ServiceConfig;
import io.jakamoconnector.app.daemon.ErpSides;
import io.jakamoconnector.domain.model.auth.ClientId;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.plugin.ErpSide;
import io.jakamoconnector.domain.port.out.ErpAccessException;
import io.jakamoconnector.domain.port.out.ErpFile;
import io.jakamoconnector.domain.testing.InMemoryErpContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ERP ports route each integration to the side of its own type; an integration no side serves, and a side asked
 * about an integration of another type, refuse by name. Two folder sides stand for two types here: what is routed is
 * the type, not the technology.
 */
class ErpRoutingIT {
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private static final IntegrationName CLAIMS = new IntegrationName("claims");

    @TempDir
    Path base;

    private final Clock clock = Clock.systemUTC();

    private ErpSide side(IntegrationName integration, String root) {
        InMemoryErpContext context = new InMemoryErpContext(clock, base.resolve("state"), Map.of(integration,
                IntegrationKind.PURCHASE_ORDERS));
        ErpSide side = new FolderErpAdapterProvider().open(context, Map.of(integration,
                FolderErpSettings.under(base.resolve(root))));
        side.start();
        return side;
    }

    private ErpSides sides() {
        Map<String, ErpSide> byType = new LinkedHashMap<>();
        byType.put("folders", side(ORDERS, "erp/orders"));
        byType.put("other", side(CLAIMS, "erp/claims"));
        Map<IntegrationName, String> typeOf = new LinkedHashMap<>();   // in the configuration's order
        typeOf.put(ORDERS, "folders");
        typeOf.put(CLAIMS, "other");
        return new ErpSides(byType, typeOf);
    }

    @Test
    void eachIntegrationsCallsReachTheSideOfItsTypeAndNoOther() throws IOException {
        ErpSides sides = sides();
        Files.writeString(base.resolve("erp/claims/to_jakamo/CL-1.xml"), "<Claim/>");
        Files.writeString(base.resolve("erp/claims/to_jakamo/CL-1.xml.done"), "");

        List<ErpFile> claims = new PerIntegrationErpOutbox(sides).pickUp(CLAIMS, 10);
        assertThat(claims).extracting(f -> f.ref().value()).containsExactly("CL-1.xml");
        assertThat(new PerIntegrationErpOutbox(sides).pickUp(ORDERS, 10)).isEmpty();
        assertThat(sides.typeOf(CLAIMS)).isEqualTo("other");
        assertThatThrownBy(() -> sides.of(ORDERS).outbox().pickUp(CLAIMS, 10))
                .as("the folders side was not opened for claims, of type other")
                .isInstanceOf(ErpAccessException.class).hasMessageContaining("integration claims");
    }

    @Test
    void anIntegrationWithoutASideIsRefusedByEveryRouterNamingIt() {
        ErpSides sides = sides();
        IntegrationName unknown = new IntegrationName("invoices");

        assertThatThrownBy(() -> new PerIntegrationErpOutbox(sides).pickUp(unknown, 1))
                .isInstanceOf(ErpAccessException.class)
                .hasMessageContaining("integration invoices has no ERP side").hasMessageContaining("[orders, claims]");
        assertThatThrownBy(() -> new PerIntegrationErpInbox(sides).publish(unknown, "x.xml"))
                .isInstanceOf(ErpAccessException.class).hasMessageContaining("invoices");
        assertThatThrownBy(() -> new PerIntegrationErpArchiveRetention(sides).prune(unknown, Instant.now(), true))
                .isInstanceOf(ErpAccessException.class).hasMessageContaining("invoices");
        assertThatThrownBy(() -> new ErpSides(Map.of(), Map.of(unknown, "http")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chose ERP type http");
    }

    @Test
    void theConsolesConfigurationPageShowsEachIntegrationsErpSideInOneLine() {
        IntegrationConfig orders = new IntegrationConfig(ORDERS, IntegrationKind.PURCHASE_ORDERS, Environment.demo(),
                new ClientId("3f0c2a9e-0000-4000-8000-00000000000a"),
                Optional.of(new SecretReference(SecretReference.Kind.ENV, "S")), Optional.empty(),
                new ErpConfig("folders", FolderErpSettings.under(base.resolve("erp/orders"))));
        ConnectorConfig config = new ConnectorConfig("test", "node-1", base, Optional.empty(), Optional.empty(),
                List.of(orders), ServiceConfig.defaults());

        assertThat(ConsoleModule.lines(config)).contains(new ConfigLine("integrations.orders.erp",
                "folders: folders under " + base.resolve("erp/orders") + " (to_jakamo, from_jakamo, processed, "
                        + "failed), files complete after 2 s"));
    }
}
