package io.jakamoconnector.distribution;

import static io.jakamoconnector.distribution.Shell.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb the build made, read with dpkg-deb as dpkg would: fields, conffiles, maintainer scripts, contents, and its
 * launcher run from the unpacked files. Never installed on this machine (no dpkg -i).
 */
class DebianPackageIT {
    @TempDir
    Path work;
    private Path deb;

    @BeforeAll
    static void dpkgDeb() {
        assumeThat(Shell.installed("dpkg-deb")).as("dpkg-deb installed (Debian, Ubuntu)").isTrue();
    }

    @BeforeEach
    void find() throws IOException {
        deb = Shell.deb();
    }

    private String field(String name) {
        return run(work, "dpkg-deb", "--field", deb.toString(), name).succeeded().output().strip();
    }

    private Path control() {
        Path control = work.resolve("DEBIAN");
        if (!Files.isDirectory(control)) {
            run(work, "dpkg-deb", "--control", deb.toString(), control.toString()).succeeded();
        }
        return control;
    }

    @Test
    void itsFieldsNameThePackageItsJavaAndItsArchitecture() {
        assertThat(field("Package")).isEqualTo("jakamo-connector");
        assertThat(field("Version")).startsWith(Shell.VERSION.replace("-SNAPSHOT", "~").toLowerCase());
        assertThat(field("Architecture")).as("the embedded PostgreSQL's binaries are x86-64").isEqualTo("amd64");
        assertThat(field("Depends")).contains("java17-runtime-headless", "default-jre-headless (>= 2:1.17)");
        assertThat(field("Maintainer")).isNotBlank();
        assertThat(run(work, "dpkg-deb", "--info", deb.toString()).succeeded().output())
                .contains("conffiles", "postinst", "prerm", "postrm");
    }

    @Test
    void theConfigurationAndTheCredentialsDropInAreConffilesSoAnUpgradeKeepsTheOperatorsVersions() throws IOException {
        assertThat(Files.readAllLines(control().resolve("conffiles"))).containsExactlyInAnyOrder(
                "/etc/jakamo-connector/jakamo-connector.yml",
                "/etc/systemd/system/jakamo-connector.service.d/credentials.conf");
    }

    /** The package unpacked into a throwaway root with an /etc/passwd of its own, as dpkg --root would. */
    private Path unpackedRoot() throws IOException {
        assumeThat(System.getProperty("user.name")).as("running as root (useradd --root, chown)").isEqualTo("root");
        Path root = work.resolve("root");
        run(work, "dpkg-deb", "--extract", deb.toString(), root.toString()).succeeded();
        Path etc = root.resolve("etc");
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\n");
        Files.writeString(etc.resolve("shadow"), "root:*:19000:0:99999:7:::\n");
        Files.writeString(etc.resolve("gshadow"), "root:*::\n");
        return root;
    }

    /** Runs a maintainer script of the package as dpkg --root does: DPKG_ROOT names the root. */
    private Shell.Result maintainerScript(Path root, String script, String... arguments) {
        List<String> command = new ArrayList<>(List.of("sh", control().resolve(script).toString()));
        command.addAll(List.of(arguments));
        return run(work, Map.of("DPKG_ROOT", root.toString()), command).succeeded();
    }

    private static int owner(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:uid");
    }

    @Test
    void postinstMakesTheJakamoUserAndEveryPathTheUnitNamesWithTheirOwnersAndModes() throws IOException {
        Path root = unpackedRoot();

        maintainerScript(root, "postinst", "configure", "");

        String passwd = Files.readString(root.resolve("etc/passwd"));
        assertThat(passwd).containsPattern("(?m)^jakamo:x:\\d+:\\d+:jakamo-connector:/var/lib/jakamo-connector:/usr/sbin/nologin$");
        int jakamo = Integer.parseInt(passwd.lines().filter(l -> l.startsWith("jakamo:")).findFirst().orElseThrow()
                .split(":")[2]);
        assertThat(owner(root.resolve("var/lib/jakamo-connector"))).isEqualTo(jakamo);
        assertThat(Shell.mode(root.resolve("var/lib/jakamo-connector"))).isEqualTo("rwx------");
        assertThat(owner(root.resolve("srv/erp/jakamo"))).isEqualTo(jakamo);
        assertThat(owner(root.resolve("etc/jakamo-connector/credentials"))).isZero();
        assertThat(Shell.mode(root.resolve("etc/jakamo-connector/credentials"))).isEqualTo("rwx------");
        for (String path : UnitPaths.named(root.resolve("lib/systemd/system/jakamo-connector.service"))) {
            assertThat(root.resolve(path.substring(1))).as("%s, which the unit names", path).exists();
        }
        assertThat(Files.readString(Path.of("/etc/passwd"))).as("the real system is left alone")
                .doesNotContain("jakamo-connector:/var/lib/jakamo-connector");
    }

    @Test
    void anUpgradeKeepsTheDataAndOnlyAPurgeDeletesItNeverTheErpsDocuments() throws IOException {
        Path root = unpackedRoot();
        maintainerScript(root, "postinst", "configure", "");
        Path key = Files.writeString(root.resolve("var/lib/jakamo-connector/audit-signing.key"), "key");
        Path secret = Files.writeString(root.resolve("etc/jakamo-connector/credentials/orders.secret"), "s3cret");
        Path document = root.resolve("srv/erp/jakamo/orders/to_jakamo/PO-1.xml");
        Files.createDirectories(document.getParent());
        Files.writeString(document, "<Order/>");

        // the newer package's files over the old ones, then its postinst as an upgrade from the old version
        run(work, "dpkg-deb", "--extract", deb.toString(), root.toString()).succeeded();
        maintainerScript(root, "postinst", "configure", "0.0.9");
        assertThat(key).hasContent("key");
        assertThat(secret).hasContent("s3cret");

        Path archive = root.resolve("var/cache/jakamo-connector/cds/run-1-2.jsa");
        Files.createDirectories(archive.getParent());
        Files.writeString(archive, "the launcher's AppCDS archive");
        maintainerScript(root, "prerm", "remove");
        maintainerScript(root, "postrm", "remove");
        assertThat(key).hasContent("key");
        assertThat(secret).hasContent("s3cret");
        assertThat(root.resolve("var/cache/jakamo-connector")).as("the archives of the removed jar").doesNotExist();

        maintainerScript(root, "postrm", "purge");
        assertThat(root.resolve("var/lib/jakamo-connector")).doesNotExist();
        assertThat(root.resolve("etc/jakamo-connector")).doesNotExist();
        assertThat(document).hasContent("<Order/>");
    }

    @Test
    void shipsTheLauncherTheJarTheUnitAndTheSecretsDirectoryClosed() {
        String contents = run(work, "dpkg-deb", "--contents", deb.toString()).succeeded().output();
        assertThat(contents).containsPattern("-rwxr-xr-x root/root .* \\./usr/bin/jakamo-connector\\n");
        assertThat(contents).containsPattern("drwx------ root/root .* \\./etc/jakamo-connector/credentials/\\n");
        assertThat(contents).contains("./usr/share/jakamo-connector/jakamo-connector.jar",
                "./lib/systemd/system/jakamo-connector.service",
                "./etc/systemd/system/jakamo-connector.service.d/credentials.conf",
                "./etc/jakamo-connector/jakamo-connector.yml",
                "./usr/share/doc/jakamo-connector/operations.md",
                "./usr/share/doc/jakamo-connector/jakamo-connector.production.yml");
    }

    @Test
    void itsLauncherRunsTheConnectorFromTheUnpackedPackage() {
        Path unpacked = work.resolve("root");
        run(work, "dpkg-deb", "--extract", deb.toString(), unpacked.toString()).succeeded();

        Shell.Result version = run(unpacked, unpacked.resolve("usr/bin/jakamo-connector").toString(), "--version");

        assertThat(version.succeeded().output()).contains("jakamo-connector " + Shell.VERSION);
    }

    @Test
    void itsMaintainerScriptsPassShellcheck() {
        assumeThat(Shell.installed("shellcheck")).as("shellcheck installed").isTrue();
        Path control = control();
        run(control, "shellcheck", "postinst", "prerm", "postrm").succeeded();
    }
}
