package io.jakamoconnector.adapter.erpfolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.plugin.ErpCheck;
import io.jakamoconnector.domain.plugin.ErpSettings;
import io.jakamoconnector.domain.plugin.ErpSide;
import io.jakamoconnector.domain.port.out.ErpAccessException;
import io.jakamoconnector.domain.testing.InMemoryErpContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder adapter as the application drives it: opened by its provider, started, checked, asked. */
class FolderErpSideIT {
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private static final IntegrationName CLAIMS = new IntegrationName("claims");
    private static final IntegrationName OTHER = new IntegrationName("api-orders");

    @TempDir
    Path base;

    private InMemoryErpContext context(String installation) {
        return new InMemoryErpContext(Clock.systemUTC(), base.resolve("state"), Map.of(ORDERS,
                IntegrationKind.PURCHASE_ORDERS, CLAIMS, IntegrationKind.CLAIMS), 
                io.jakamoconnector.domain.model.validation.ValidationMode.ENFORCE, installation);
    }

    private ErpSide open(InMemoryErpContext context, Map<IntegrationName, ErpSettings> settings) {
        return new FolderErpAdapterProvider().open(context, settings);
    }

    private Map<IntegrationName, ErpSettings> both() {
        Map<IntegrationName, ErpSettings> settings = new LinkedHashMap<>();
        settings.put(ORDERS, new FolderErpSettings(ErpFolders.under(base.resolve("erp/orders")), Duration.ofSeconds(7),
                AttachmentNaming.FIRST_UNDERSCORE));
        settings.put(CLAIMS, FolderErpSettings.under(base.resolve("erp/claims")));
        return settings;
    }

    @Test
    void startCreatesAndClaimsEveryTreeAndASecondInstallationIsRefused() {
        ErpSide side = open(context(InMemoryErpContext.INSTALLATION), both());
        side.start();

        assertThat(base.resolve("erp/orders/to_jakamo/attachments")).isDirectory();
        assertThat(base.resolve("erp/claims/from_jakamo")).isDirectory();
        assertThat(base.resolve("erp/orders").resolve(ErpFolderTrees.OWNER_FILE)).content()
                .startsWith(InMemoryErpContext.INSTALLATION);
        side.stop();

        ErpSide another = open(context("fedcba9876543210fedcba9876543210"), both());
        assertThatThrownBy(another::start).isInstanceOf(ErpAccessException.class)
                .hasMessageContaining("belong to another jakamo-connector installation");
    }

    @Test
    void checkCreatesWhatIsMissingAndSaysReadyWithoutClaiming() {
        ErpSide side = open(context(InMemoryErpContext.INSTALLATION), both());

        assertThat(side.check(ORDERS)).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(ErpCheck.Status.OK);
            assertThat(c.name()).isEqualTo("folders orders");
            assertThat(c.detail()).contains(base.resolve("erp/orders").toString())
                    .contains("ready (to_jakamo, from_jakamo, processed, failed)");
        });
        assertThat(base.resolve("erp/orders").resolve(ErpFolderTrees.OWNER_FILE)).doesNotExist();
        assertThat(side.health(ORDERS)).singleElement().extracting(ErpCheck::status).isEqualTo(ErpCheck.Status.OK);
    }

    @Test
    void aFileWhereAFolderBelongsFailsTheCheckAndTheHealthSaysWhatToDo() throws IOException {
        Files.createDirectories(base.resolve("erp/orders"));
        Files.writeString(base.resolve("erp/orders/to_jakamo"), "not a folder");
        ErpSide side = open(context(InMemoryErpContext.INSTALLATION), both());

        assertThat(side.check(ORDERS)).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(ErpCheck.Status.FAIL);
            assertThat(c.detail()).contains("to_jakamo").contains("Move the file away");
        });
        assertThat(side.health(ORDERS)).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(ErpCheck.Status.FAIL);
            assertThat(c.detail()).contains("mkdir -p");
        });
    }

    @Test
    void waitingCountsTheDocumentsAndAttachmentsDroppedAndSettleTimeIsTheStabilityTime() throws IOException {
        ErpSide side = open(context(InMemoryErpContext.INSTALLATION), both());
        side.start();
        Path toJakamo = base.resolve("erp/orders/to_jakamo");
        Drops.write(toJakamo.resolve("PO-1.xml"), "<Order/>".getBytes(), Instant.now());
        Drops.write(toJakamo.resolve("PO-2.xml"), "<Order/>".getBytes(), Instant.now());
        Drops.write(toJakamo.resolve("PO-2.xml.done"), new byte[0], Instant.now());
        Drops.write(toJakamo.resolve(".PO-3.xml.tmp"), new byte[0], Instant.now());
        Drops.write(toJakamo.resolve("attachments/PO-1_drawing.pdf"), new byte[] {1}, Instant.now());

        assertThat(side.waiting(ORDERS)).hasValue(3);
        assertThat(side.waiting(CLAIMS)).hasValue(0);
        assertThat(side.settleTime(ORDERS)).isEqualTo(Duration.ofSeconds(7));
        assertThat(side.settleTime(CLAIMS)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anIntegrationTheSideWasNotOpenedForIsRefusedByEveryPortNamingIt() {
        ErpSide side = open(context(InMemoryErpContext.INSTALLATION), both());

        assertThatThrownBy(() -> side.outbox().pickUp(OTHER, 10)).isInstanceOf(ErpAccessException.class)
                .hasMessageContaining("no ERP folders are configured for integration api-orders");
        assertThatThrownBy(() -> side.retention().prune(OTHER, Instant.now(), true))
                .isInstanceOf(ErpAccessException.class).hasMessageContaining("api-orders");
        assertThatThrownBy(() -> side.check(OTHER)).isInstanceOf(ErpAccessException.class)
                .hasMessageContaining("api-orders");
        assertThatThrownBy(() -> side.settleTime(OTHER)).isInstanceOf(ErpAccessException.class)
                .hasMessageContaining("api-orders");
    }

    @Test
    void twoIntegrationsOnOneTreeAreRefusedWhenOpened() {
        Map<IntegrationName, ErpSettings> shared = Map.of(ORDERS, FolderErpSettings.under(base.resolve("erp/x")),
                CLAIMS, FolderErpSettings.under(base.resolve("erp/x")));

        assertThatThrownBy(() -> open(context(InMemoryErpContext.INSTALLATION), shared))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("give each integration its own root");
    }
}
