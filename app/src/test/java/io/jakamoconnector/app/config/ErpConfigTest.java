package io.jakamoconnector.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.adapter.erpfolder.AttachmentNaming;
import io.jakamoconnector.adapter.erpfolder.ErpFolders;
import io.jakamoconnector.adapter.erpfolder.FolderErpAdapterProvider;
import io.jakamoconnector.adapter.erpfolder.FolderErpSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code integrations[x].erp}: the adapter chosen by type, its section read by the adapter itself. */
class ErpConfigTest {
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

    private ConnectorConfig load(String erp, Map<String, String> env) throws IOException {
        Path file = dir.resolve("jakamo-connector.yml");
        Files.writeString(file, INTEGRATION + erp);
        return new ConfigLoader(env, dir).load(Optional.empty());
    }

    private List<String> problems(String erp) {
        return ((ConfigurationException) org.assertj.core.api.Assertions.catchThrowable(() -> load(erp, Map.of())))
                .problems();
    }

    @Test
    void theErpSectionChoosesTheFolderAdapterWhichReadsItsOwnKeys() throws IOException {
        ConnectorConfig config = load("""
                    erp:
                      type: folders
                      root: ./shares/orders
                      toJakamo: out
                      stableSeconds: 5
                      attachmentNaming: double-underscore
                """, Map.of());

        ErpConfig erp = config.integrations().get(0).erp();
        assertThat(erp).isEqualTo(new ErpConfig("folders", new FolderErpSettings(new ErpFolders(
                dir.resolve("shares/orders"), "out", "from_jakamo", "processed", "failed"), Duration.ofSeconds(5),
                AttachmentNaming.DOUBLE_UNDERSCORE)));
        assertThat(erp.describe()).startsWith("folders under " + dir.resolve("shares/orders"));
    }

    @Test
    void theOlderFoldersSectionAndNoSectionAtAllStillMeanTheFolders() throws IOException {
        assertThat(load("    folders: { root: ./old, stableSeconds: 3 }\n", Map.of()).integrations().get(0).erp())
                .isEqualTo(new ErpConfig("folders", new FolderErpSettings(ErpFolders.under(dir.resolve("old")),
                        Duration.ofSeconds(3), AttachmentNaming.FIRST_UNDERSCORE)));
        assertThat(load("", Map.of()).integrations().get(0).erp())
                .isEqualTo(new ErpConfig("folders", FolderErpSettings.under(dir.resolve("erp/orders"))));
    }

    @Test
    void theEnvironmentOverridesTheErpSectionsKeysLikeAnyOther() throws IOException {
        ConnectorConfig config = load("    erp: { type: folders }\n",
                Map.of("JAKAMO_CONNECTOR_INTEGRATIONS_ORDERS_ERP_ROOT", "/srv/erp/orders"));
        assertThat(config.integrations().get(0).erp().settings())
                .isEqualTo(FolderErpSettings.under(Path.of("/srv/erp/orders")));
    }

    @Test
    void anUnknownTypeIsRefusedListingTheInstalledOnes() {
        assertThat(problems("    erp: { type: sap-idoc }\n")).containsExactly("integrations[orders].erp.type: "
                + "'sap-idoc' is not an installed ERP adapter; installed: [folders]. Write one of those, or install the "
                + "adapter's module beside the connector");
    }

    @Test
    void anUnknownKeyInTheErpSectionIsRefusedWithTheAdaptersKeysAndType() {
        assertThat(problems("    erp: { type: folders, rot: ./x }\n")).containsExactly("integrations[orders].erp.rot: "
                + "unknown key (expected one of [attachmentNaming, failed, fromJakamo, processed, root, "
                + "stableSeconds, toJakamo, type])");
    }

    @Test
    void theAdaptersOwnRulesAreProblemsAtTheirKeys() {
        assertThat(problems("    erp: { type: folders, toJakamo: ../outside, attachmentNaming: dash }\n"))
                .anySatisfy(p -> assertThat(p).startsWith("integrations[orders].erp.attachmentNaming: must be "
                        + "first-underscore"))
                .anySatisfy(p -> assertThat(p).startsWith("integrations[orders].erp: ")
                        .contains("must name a folder inside the root"));
    }

    @Test
    void anErpSectionWithoutTypeOrBesideFoldersIsRefused() {
        assertThat(problems("    erp: { root: ./x }\n")).singleElement().asString()
                .startsWith("integrations[orders].erp.type: is required (the ERP adapter, one of [folders])");
        assertThat(problems("    erp: { type: folders }\n    folders: { root: ./x }\n")).singleElement().asString()
                .startsWith("integrations[orders].folders: write the ERP side once");
    }

    @Test
    void twoAdaptersOfOneTypeAreRefusedAndNoAdapterInstalledSaysSo() throws IOException {
        assertThatThrownBy(() -> new ErpAdapters(List.of(new FolderErpAdapterProvider(),
                new FolderErpAdapterProvider()))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two ERP adapters call themselves 'folders'");

        Files.writeString(dir.resolve("jakamo-connector.yml"), INTEGRATION);
        ConfigurationException e = (ConfigurationException) org.assertj.core.api.Assertions.catchThrowable(() ->
                new ConfigLoader(Map.of(), dir, new ErpAdapters(List.of())).load(Optional.empty()));
        assertThat(e.problems()).singleElement().asString().contains("'folders' is not an installed ERP adapter")
                .contains("install it again");
    }
}
