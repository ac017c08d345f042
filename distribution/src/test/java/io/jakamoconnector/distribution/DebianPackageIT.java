package io.jakamoconnector.distribution;

import static io.jakamoconnector.distribution.Shell.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        run(work, "dpkg-deb", "--control", deb.toString(), control.toString()).succeeded();
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

    @Test
    void postinstCreatesTheUserAndEveryPathTheUnitNamesThatThePackageDoesNotShip() throws IOException {
        Path control = control();
        String postinst = Files.readString(control.resolve("postinst"));
        assertThat(postinst).containsPattern("useradd --system [^\\n]*\\n?[^\\n]*jakamo\\n");
        assertThat(postinst).contains("install -d -m 700 -o jakamo -g jakamo /var/lib/jakamo-connector");
        assertThat(postinst).as("an upgrade restarts a running service, whose start migrates")
                .contains("systemctl try-restart jakamo-connector.service");

        Path unpacked = work.resolve("root");
        run(work, "dpkg-deb", "--extract", deb.toString(), unpacked.toString()).succeeded();
        for (String path : UnitPaths.named(unpacked.resolve("lib/systemd/system/jakamo-connector.service"))) {
            assertThat(Files.exists(unpacked.resolve(path.substring(1))) || postinst.contains(" " + path + "\n"))
                    .as("%s, which the unit names, is in the package or made by postinst", path).isTrue();
        }
        String postrm = Files.readString(control.resolve("postrm"));
        assertThat(postrm.substring(postrm.indexOf("purge)"), postrm.indexOf(";;")))
                .as("only a purge deletes the data").contains("rm -rf /var/lib/jakamo-connector /etc/jakamo-connector");
        assertThat(postrm).doesNotContain("rm -rf /srv");
        for (String script : List.of("postinst", "prerm", "postrm")) {
            assertThat(Files.isExecutable(control.resolve(script))).as(script).isTrue();
        }
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
