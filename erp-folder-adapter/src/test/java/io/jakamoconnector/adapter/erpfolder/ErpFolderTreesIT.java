package io.jakamoconnector.adapter.erpfolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.adapter.erpfolder.ErpFolderProblem.Severity;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ErpAccessException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Creating and checking the folder trees. The tests run as root in CI, and root writes anywhere, so "not writable" is
 * tested the way it can be tested honestly: a file where a folder should be, or a folder below a file.
 */
class ErpFolderTreesIT {
    private static final IntegrationName ORDERS = new IntegrationName("orders");

    @TempDir
    Path base;

    private ErpFolderTrees trees(ErpFolders folders, long minFreeBytes) {
        return new ErpFolderTrees(Map.of(ORDERS, folders), minFreeBytes, Clock.systemUTC());
    }

    @Test
    void start_creates_the_tree_with_the_erp_group_allowed_to_drop_and_take_files() throws IOException {
        ErpFolders f = ErpFolders.under(base.resolve("data/orders"));
        ErpFolderTrees trees = trees(f, 0);
        trees.start();
        for (Path dir : f.all()) {
            assertThat(dir).isDirectory();
        }
        assertThat(permissions(f.toJakamoDir())).isEqualTo("rwxrwxr-x");
        assertThat(permissions(f.attachmentsDir())).isEqualTo("rwxrwxr-x");
        assertThat(permissions(f.fromJakamoDir())).isEqualTo("rwxrwxr-x");
        assertThat(permissions(f.failedDir())).isEqualTo("rwxrwxr-x");
        assertThat(permissions(f.processedDir())).isEqualTo("rwxr-xr-x");
        assertThat(permissions(f.root())).isEqualTo("rwxr-xr-x");
        assertThat(trees.check(ORDERS)).isEmpty();
        for (Path dir : f.all()) {
            assertThat(Drops.names(dir).stream().filter(n -> n.startsWith("."))).as("probe files removed").isEmpty();
        }
    }

    @Test
    void start_is_idempotent_and_leaves_existing_folders_permissions_alone_but_check_warns() throws IOException {
        ErpFolders f = ErpFolders.under(base.resolve("orders"));
        Files.createDirectories(f.toJakamoDir(), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(f.toJakamoDir(), PosixFilePermissions.fromString("rwx------"));
        ErpFolderTrees trees = trees(f, 0);
        trees.start();
        trees.start();
        assertThat(permissions(f.toJakamoDir())).isEqualTo("rwx------");
        assertThat(trees.check(ORDERS)).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.path()).isEqualTo(f.toJakamoDir());
            assertThat(p.problem()).contains("group may not write");
            assertThat(p.fix()).contains("chmod g+w " + f.toJakamoDir());
        });
    }

    @Test
    void a_file_where_a_folder_should_be_stops_start_with_the_path_and_what_to_do() throws IOException {
        ErpFolders f = ErpFolders.under(base.resolve("orders"));
        Files.createDirectories(f.root());
        Files.writeString(f.fromJakamoDir(), "oops");
        ErpFolderTrees trees = trees(f, 0);
        assertThatThrownBy(trees::start).isInstanceOf(ErpAccessException.class)
                .hasMessageContaining(f.fromJakamoDir().toString()).hasMessageContaining("Move the file away")
                .satisfies(e -> assertThat(((ErpAccessException) e).reasonCode()).isEqualTo("ERP_MISCONFIGURED"));
        assertThat(trees.check(ORDERS)).anySatisfy(p -> {
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
            assertThat(p.path()).isEqualTo(f.fromJakamoDir());
            assertThat(p.problem()).contains("a file stands where this folder should be");
        });
    }

    @Test
    void a_root_below_a_file_cannot_be_created_and_says_where() throws IOException {
        Path file = Files.writeString(base.resolve("plain-file"), "x");
        ErpFolders f = ErpFolders.under(file.resolve("orders"));
        assertThatThrownBy(trees(f, 0)::start).isInstanceOf(ErpAccessException.class)
                .hasMessageContaining(f.root().toString()).hasMessageContaining("cannot create the folder");
    }

    @Test
    void check_before_start_reports_each_missing_folder_with_the_command_that_fixes_it() {
        ErpFolders f = ErpFolders.under(base.resolve("orders"));
        assertThat(trees(f, 0).check(ORDERS)).hasSize(6).allSatisfy(p -> {
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
            assertThat(p.problem()).isEqualTo("the folder does not exist");
            assertThat(p.fix()).contains("mkdir -p " + p.path());
        });
    }

    @Test
    void check_warns_when_free_space_runs_low() {
        ErpFolders f = ErpFolders.under(base.resolve("orders"));
        ErpFolderTrees trees = trees(f, Long.MAX_VALUE);
        trees.start();
        assertThat(trees.check(ORDERS)).isNotEmpty().allSatisfy(p -> {
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.problem()).contains("MiB free");
        });
    }

    @Test
    void start_removes_temp_files_a_crash_left_long_ago_and_keeps_fresh_ones() throws IOException {
        ErpFolders f = ErpFolders.under(base.resolve("orders"));
        ErpFolderTrees trees = trees(f, 0);
        trees.start();
        Path old = Files.writeString(f.fromJakamoDir().resolve(DurableFiles.tempNameFor("OrderResponse-1.xml")), "x");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path fresh = Files.writeString(f.failedDir().resolve(DurableFiles.tempNameFor("a.xml.error.txt")), "x");
        Path erpsOwn = Files.writeString(f.fromJakamoDir().resolve(".erp-lock"), "x");
        Files.setLastModifiedTime(erpsOwn, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        trees.start();
        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
        assertThat(erpsOwn).as("not the connector's").exists();
    }

    private static String permissions(Path dir) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(dir));
    }

    @Test
    void the_folders_are_claimed_for_one_installation_and_refused_to_another_with_what_to_do() throws IOException {
        IntegrationName orders = new IntegrationName("orders");
        ErpFolderTrees trees = new ErpFolderTrees(Map.of(orders, ErpFolders.under(base.resolve("orders"))),
                Clock.systemUTC());
        trees.start();
        String mine = "0123456789abcdef0123456789abcdef";
        trees.claim(mine, "node-1");
        Path file = base.resolve("orders").resolve(ErpFolderTrees.OWNER_FILE);
        assertThat(Files.readAllLines(file).get(0)).isEqualTo(mine);
        assertThat(DropFolderRules.ignored(file.getFileName().toString())).isTrue();

        trees.claim(mine, "node-2");   // another instance of the same installation: welcome

        String theirs = "fedcba9876543210fedcba9876543210";
        assertThatThrownBy(() -> trees.claim(theirs, "node-3")).isInstanceOf(ErpAccessException.class)
                .hasMessageContaining("belong to another jakamo-connector installation (" + mine)
                .hasMessageContaining("this one's database is installation " + theirs)
                .hasMessageContaining("delete " + file)
                .satisfies(e -> assertThat(((ErpAccessException) e).retryable()).isFalse());
        assertThat(Files.readAllLines(file).get(0)).as("left as it was").isEqualTo(mine);
        assertThatThrownBy(() -> trees.claim("not-an-id", "node-1")).isInstanceOf(IllegalArgumentException.class);
    }
}
