package io.jakamoconnector.adapter.erpfolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.InvalidValueException;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ErpAccessException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErpFolderConfigTest {
    private static final Path ROOT = Path.of("/srv/jakamo/orders");
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private static final IntegrationName CLAIMS = new IntegrationName("claims");

    @Test
    void the_default_layout_is_jakamos() {
        ErpFolders f = ErpFolders.under(ROOT);
        assertThat(f.toJakamoDir()).isEqualTo(ROOT.resolve("to_jakamo"));
        assertThat(f.attachmentsDir()).isEqualTo(ROOT.resolve("to_jakamo/attachments"));
        assertThat(f.fromJakamoDir()).isEqualTo(ROOT.resolve("from_jakamo"));
        assertThat(f.processedDir()).isEqualTo(ROOT.resolve("processed"));
        assertThat(f.failedDir()).isEqualTo(ROOT.resolve("failed"));
    }

    @Test
    void folder_names_are_configurable_and_may_nest_below_the_root() {
        ErpFolders f = new ErpFolders(ROOT, "inbound", "responses", "archive/ok", "archive/failed");
        assertThat(f.processedDir()).isEqualTo(ROOT.resolve("archive/ok"));
    }

    @Test
    void a_folder_may_not_leave_the_root_or_be_absolute() {
        assertThatThrownBy(() -> new ErpFolders(ROOT, "../elsewhere", "from_jakamo", "processed", "failed"))
                .isInstanceOf(InvalidValueException.class).hasMessageStartingWith("folders.toJakamo:");
        assertThatThrownBy(() -> new ErpFolders(ROOT, "to_jakamo", "/tmp/x", "processed", "failed"))
                .isInstanceOf(InvalidValueException.class).hasMessageStartingWith("folders.fromJakamo:");
        assertThatThrownBy(() -> new ErpFolders(ROOT, "to_jakamo", "from_jakamo", ".", "failed"))
                .isInstanceOf(InvalidValueException.class).hasMessageStartingWith("folders.processed:");
        assertThatThrownBy(() -> new ErpFolders(ROOT, "to_jakamo", "from_jakamo", "processed", " "))
                .isInstanceOf(InvalidValueException.class).hasMessageStartingWith("folders.failed:");
    }

    @Test
    void the_folders_must_differ_and_not_nest() {
        assertThatThrownBy(() -> new ErpFolders(ROOT, "to_jakamo", "to_jakamo", "processed", "failed"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("four different folders");
        assertThatThrownBy(() -> new ErpFolders(ROOT, "to_jakamo", "from_jakamo", "to_jakamo/processed", "failed"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("none inside another");
    }

    @Test
    void two_integrations_may_not_share_a_folder() {
        assertThatThrownBy(() -> new ErpFolderTrees(Map.of(ORDERS, ErpFolders.under(ROOT), CLAIMS,
                new ErpFolders(ROOT.resolveSibling("claims"), "to_jakamo", "../orders/from_jakamo2", "processed",
                        "failed")), Clock.systemUTC()))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new ErpFolderTrees(Map.of(ORDERS, ErpFolders.under(ROOT), CLAIMS,
                ErpFolders.under(ROOT)), Clock.systemUTC()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("give each integration its own root");
    }

    @Test
    void one_base_gives_each_integration_its_own_root() {
        ErpFolderTrees trees = new ErpFolderTrees(ErpFolderTrees.underOneBase(Path.of("/srv/jakamo"),
                Set.of(ORDERS, CLAIMS)), Clock.systemUTC());
        assertThat(trees.folders(CLAIMS).root()).isEqualTo(Path.of("/srv/jakamo/claims"));
        assertThat(trees.integrations()).containsExactlyInAnyOrder(ORDERS, CLAIMS);
    }

    @Test
    void an_integration_without_folders_is_reported_by_name() {
        ErpFolderTrees trees = new ErpFolderTrees(Map.of(ORDERS, ErpFolders.under(ROOT)), Clock.systemUTC());
        assertThatThrownBy(() -> trees.folders(CLAIMS)).isInstanceOf(ErpAccessException.class)
                .hasMessageContaining("integration claims");
    }

    @Test
    void outbox_settings_check_themselves() {
        assertThat(ErpOutboxSettings.defaults().stableFor()).isEqualTo(Duration.ofSeconds(2));
        assertThat(ErpOutboxSettings.defaults().maxDocumentBytes()).isEqualTo(10 * 1024 * 1024);
        assertThat(ErpOutboxSettings.defaults().attachmentNaming()).isEqualTo(AttachmentNaming.FIRST_UNDERSCORE);
        assertThatThrownBy(() -> ErpOutboxSettings.defaults().withStableFor(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidValueException.class).hasMessageStartingWith("outbox.stableFor:");
        assertThatThrownBy(() -> ErpOutboxSettings.defaults().withMaxBytes(0, 1))
                .isInstanceOf(InvalidValueException.class).hasMessageStartingWith("outbox.maxDocumentBytes:");
    }
}
