package io.jakamoconnector.distribution;

import static io.jakamoconnector.distribution.Shell.mode;
import static io.jakamoconnector.distribution.Shell.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release tarball, unpacked and installed with its own install.sh into a throwaway root, as root would. */
class TarballInstallIT {
    @TempDir
    Path work;
    private Path release;
    private Path root;

    @BeforeEach
    void unpack() throws IOException {
        release = Shell.unpackTarball(work);
        root = Files.createDirectory(work.resolve("root"));
    }

    private Shell.Result install(String... more) {
        String[] command = new String[more.length + 3];
        command[0] = "./install.sh";
        command[1] = "--root";
        command[2] = root.toString();
        System.arraycopy(more, 0, command, 3, more.length);
        return run(release, command).succeeded();
    }

    @Test
    void installsTheLayoutTheUnitNamesAndTheLauncherRunsFromIt() throws IOException {
        String said = install("--no-user").output();

        assertThat(said).contains("installed jakamo-connector", "credentials.conf");
        assertThat(mode(root.resolve("usr/bin/jakamo-connector"))).isEqualTo("rwxr-xr-x");
        assertThat(root.resolve("usr/share/jakamo-connector/jakamo-connector.jar")).isRegularFile();
        assertThat(root.resolve("usr/share/doc/jakamo-connector/operations.md")).isRegularFile();
        assertThat(root.resolve("etc/jakamo-connector/jakamo-connector.yml"))
                .hasSameTextualContentAs(Shell.PROJECT.resolve("docs/jakamo-connector.demo.yml"));
        assertThat(mode(root.resolve("etc/jakamo-connector/credentials"))).isEqualTo("rwx------");
        assertThat(mode(root.resolve("var/lib/jakamo-connector"))).isEqualTo("rwx------");
        assertThat(root.resolve("srv/erp/jakamo")).isDirectory();
        assertThat(root.resolve("etc/systemd/system/jakamo-connector.service"))
                .hasSameTextualContentAs(Shell.PROJECT.resolve("packaging/systemd/jakamo-connector.service"));
        assertThat(root.resolve("etc/systemd/system/jakamo-connector.service.d/credentials.conf"))
                .hasSameTextualContentAs(Shell.PROJECT.resolve("packaging/systemd/credentials.conf"));
        for (String path : UnitPaths.named(root.resolve("etc/systemd/system/jakamo-connector.service"))) {
            assertThat(root.resolve(path.substring(1))).as("the unit names " + path).exists();
        }

        Shell.Result version = run(root, root.resolve("usr/bin/jakamo-connector").toString(), "--version");
        assertThat(version.succeeded().output()).contains("jakamo-connector " + Shell.VERSION);
    }

    @Test
    void anUpgradeReplacesTheProgramAndKeepsTheConfigurationTheCredentialsDropInAndTheData() throws IOException {
        install("--no-user");
        Path config = root.resolve("etc/jakamo-connector/jakamo-connector.yml");
        Path dropIn = root.resolve("etc/systemd/system/jakamo-connector.service.d/credentials.conf");
        Path data = root.resolve("var/lib/jakamo-connector/audit-anchor.log");
        Path secret = root.resolve("etc/jakamo-connector/credentials/orders.secret");
        Path jar = root.resolve("usr/share/jakamo-connector/jakamo-connector.jar");
        Files.writeString(config, "node: edited by the operator\n");
        Files.writeString(dropIn, "[Service]\nLoadCredential=sales.secret:/etc/jakamo-connector/credentials/sales.secret\n");
        Files.writeString(data, "{\"seq\":1}\n");
        Files.writeString(secret, "s3cret");
        Files.writeString(jar, "the previous version");

        String said = install("--no-user").output();

        assertThat(said).contains("upgraded", "configuration and data kept");
        assertThat(config).hasContent("node: edited by the operator");
        assertThat(dropIn).content().contains("sales.secret");
        assertThat(data).hasContent("{\"seq\":1}");
        assertThat(secret).hasContent("s3cret");
        assertThat(jar).hasSameBinaryContentAs(release.resolve("lib/jakamo-connector.jar"));
    }

    @Test
    void uninstallKeepsConfigurationAndDataAndPurgeDeletesThemButNeverTheErpsDocuments() throws IOException {
        install("--no-user");
        Path data = Files.writeString(root.resolve("var/lib/jakamo-connector/audit-signing.key"), "key");
        Path document = root.resolve("srv/erp/jakamo/orders/to_jakamo/PO-1.xml");
        Files.createDirectories(document.getParent());
        Files.writeString(document, "<Order/>");
        Path archive = root.resolve("var/cache/jakamo-connector/cds/run-1-2.jsa");
        Files.createDirectories(archive.getParent());
        Files.writeString(archive, "the launcher's AppCDS archive");

        String said = run(release, "./uninstall.sh", "--root", root.toString()).succeeded().output();

        assertThat(said).contains("kept");
        assertThat(root.resolve("usr/bin/jakamo-connector")).doesNotExist();
        assertThat(root.resolve("usr/share/jakamo-connector")).doesNotExist();
        assertThat(root.resolve("etc/systemd/system/jakamo-connector.service")).doesNotExist();
        assertThat(root.resolve("etc/jakamo-connector/jakamo-connector.yml")).exists();
        assertThat(root.resolve("etc/systemd/system/jakamo-connector.service.d/credentials.conf")).exists();
        assertThat(data).hasContent("key");
        assertThat(root.resolve("var/cache/jakamo-connector")).as("the archives of the removed jar").doesNotExist();

        run(release, "./uninstall.sh", "--purge", "--root", root.toString()).succeeded();

        assertThat(root.resolve("etc/jakamo-connector")).doesNotExist();
        assertThat(root.resolve("etc/systemd/system/jakamo-connector.service.d")).doesNotExist();
        assertThat(root.resolve("var/lib/jakamo-connector")).doesNotExist();
        assertThat(document).hasContent("<Order/>");
    }

    @Test
    void createsTheJakamoUserInTheRootAndHandsItTheDataAndFolderRoot() throws IOException {
        // useradd --root edits only the throwaway root's files, but needs root privileges
        assumeThat(System.getProperty("user.name")).as("running as root").isEqualTo("root");
        assumeThat(Shell.installed("useradd") || Files.isExecutable(Path.of("/usr/sbin/useradd"))).isTrue();
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\n");
        Files.writeString(etc.resolve("shadow"), "root:*:19000:0:99999:7:::\n");
        Files.writeString(etc.resolve("gshadow"), "root:*::\n");

        install();

        String passwd = Files.readString(etc.resolve("passwd"));
        assertThat(passwd).containsPattern("(?m)^jakamo:x:\\d+:\\d+:jakamo-connector:/var/lib/jakamo-connector:\\S*nologin$");
        String[] fields = passwd.lines().filter(l -> l.startsWith("jakamo:")).findFirst().orElseThrow().split(":");
        for (String dir : new String[] {"var/lib/jakamo-connector", "srv/erp/jakamo"}) {
            PosixFileAttributes attributes = Files.readAttributes(root.resolve(dir), PosixFileAttributes.class);
            assertThat(Files.getAttribute(root.resolve(dir), "unix:uid")).as(dir).isEqualTo(Integer.parseInt(fields[2]));
            assertThat(Files.getAttribute(root.resolve(dir), "unix:gid")).as(dir).isEqualTo(Integer.parseInt(fields[3]));
            assertThat(attributes.isDirectory()).isTrue();
        }
        assertThat(Files.readString(Path.of("/etc/passwd"))).as("the real system is left alone")
                .doesNotContain("jakamo-connector:/var/lib/jakamo-connector");
    }

    @Test
    void theScriptsPassShellcheck() {
        assumeThat(Shell.installed("shellcheck")).as("shellcheck installed").isTrue();
        run(release, "shellcheck", "install.sh", "uninstall.sh", "bin/jakamo-connector").succeeded();
    }
}
