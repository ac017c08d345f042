package io.jakamoconnector.distribution;

import static io.jakamoconnector.distribution.Shell.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb installed by dpkg itself, as an operator would, but into a throwaway root: {@code dpkg --root=ROOT} over an
 * empty dpkg database, so the build machine's own packages, users and services are never touched. Then the installed
 * launcher's {@code --version}, {@code doctor} as the package's {@code jakamo} user against a sandbox this test starts,
 * an upgrade to a newer build (the same content as version 9.9.9) keeping the edited configuration and the data, a
 * remove keeping both, and a purge deleting them.
 *
 * <p>Two forces, both because the root is empty: {@code --force-script-chrootless} runs the maintainer scripts with the
 * host's shell and tools and {@code DPKG_ROOT} set (which they honour) instead of chrooting into a root that has no
 * shell; {@code --force-depends} because the root has no packages at all, so neither Java nor {@code passwd} is
 * recorded there (the host's Java runs the connector, the host's {@code useradd --root} makes the user).
 */
class DebianInstallIT {
    private static final String PACKAGE = "jakamo-connector";
    private static final String NEWER = "9.9.9";

    @TempDir
    Path work;

    @BeforeAll
    static void dpkgAndRoot() {
        assumeThat(Shell.installed("dpkg") && Shell.installed("dpkg-deb")).as("dpkg installed (Debian, Ubuntu)").isTrue();
        assumeThat(System.getProperty("user.name"))
                .as("running as root (dpkg installs files owned by root and chowns to the jakamo user)").isEqualTo("root");
        assumeThat(Shell.installed("setpriv")).as("setpriv installed (util-linux), to run doctor as jakamo").isTrue();
    }

    @Test
    void dpkgInstallsItDoctorPassesAsJakamoAnUpgradeKeepsConfigurationAndDataRemoveKeepsThemPurgeDeletesThem()
            throws IOException {
        // the test's directory must be traversable by the jakamo user, who runs the installed launcher below
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path root = emptyRoot();

        // 1. install: dpkg records it, with its conffiles, and the files, owners and modes are the documented ones
        dpkg(root, "--install", Shell.deb().toString());
        String status = dpkg(root, "--status", PACKAGE);
        assertThat(status).contains("Status: install ok installed");
        assertThat(status).containsPattern("(?m)^ /etc/jakamo-connector/jakamo-connector\\.yml [0-9a-f]{32}$")
                .containsPattern("(?m)^ /etc/systemd/system/jakamo-connector\\.service\\.d/credentials\\.conf [0-9a-f]{32}$");
        String version = field(status, "Version");
        assertThat(version).startsWith(Shell.VERSION.replace("-SNAPSHOT", "~").toLowerCase());
        int[] jakamo = jakamoUser(root);
        assertThat(jakamo[0]).as("the jakamo user's uid in ROOT/etc/passwd: a system user").isPositive().isLessThan(1000);
        assertOwnerAndMode(root, "usr/bin/jakamo-connector", 0, "rwxr-xr-x");
        assertOwnerAndMode(root, "usr/share/jakamo-connector/jakamo-connector.jar", 0, "rw-r--r--");
        assertOwnerAndMode(root, "etc/jakamo-connector/jakamo-connector.yml", 0, "rw-r--r--");
        assertOwnerAndMode(root, "etc/jakamo-connector/credentials", 0, "rwx------");
        assertOwnerAndMode(root, "var/lib/jakamo-connector", jakamo[0], "rwx------");
        assertOwnerAndMode(root, "srv/erp/jakamo", jakamo[0], "rwxr-xr-x");
        assertThat(root.resolve("lib/systemd/system/jakamo-connector.service")).isRegularFile();
        assertThat(dpkg(root, "--listfiles", PACKAGE)).contains("/usr/bin/jakamo-connector",
                "/usr/share/jakamo-connector/jakamo-connector.jar");
        assertThat(Files.readString(Path.of("/etc/passwd"))).as("the build machine's users are left alone")
                .doesNotContain("jakamo-connector:/var/lib/jakamo-connector");

        // 2. the installed launcher finds the installed jar (relative to itself) and the host's Java
        Path launcher = root.resolve("usr/bin/jakamo-connector");
        assertThat(run(root, launcher.toString(), "--version").succeeded().output())
                .contains("jakamo-connector " + Shell.VERSION);

        // 3. doctor as jakamo against a sandbox: the operator's configuration in the conffile, data in the package's
        // data directory. The launcher reads ROOT/etc/jakamo-connector/jakamo-connector.yml by itself
        Path config = root.resolve("etc/jakamo-connector/jakamo-connector.yml");
        Path data = root.resolve("var/lib/jakamo-connector");
        Process sandbox = startSandbox(launcher, work.resolve("sandbox"));
        try {
            Path sandboxDir = work.resolve("sandbox");
            String edited = Files.readString(sandboxDir.resolve("jakamo-connector.yml"))
                    .replaceFirst("(?m)^dataDirectory: .*$", Matcher.quoteReplacement("dataDirectory: \"" + data + "\""));
            assertThat(edited).contains(data.toString());
            Files.writeString(config, edited);
            // the sandbox's secrets and ERP folders belong to the service's user, as the real ones do
            run(work, "chown", "-R", jakamo[0] + ":" + jakamo[1], sandboxDir.toString()).succeeded();

            String doctor = asJakamo(root, jakamo, "doctor");
            assertThat(doctor).contains("embedded PostgreSQL in " + data.resolve("postgres"),
                    "OK: the connector is ready.");
            assertThat(doctor).as("a new database, migrated").containsPattern("\\([1-9]\\d* migration\\(s\\) applied now\\)");
            int events = auditEvents(doctor);
            Path signingKey = data.resolve("audit-signing.key");
            assertThat(signingKey).as("doctor, as jakamo, wrote the audit signing key into the data directory")
                    .isRegularFile();
            assertThat((Integer) Files.getAttribute(signingKey, "unix:uid")).isEqualTo(jakamo[0]);
            String key = Files.readString(signingKey);
            Path marker = Files.writeString(data.resolve("kept-by-upgrades.txt"), "data");
            Path secret = Files.writeString(root.resolve("etc/jakamo-connector/credentials/orders.secret"), "s3cret");
            Path document = root.resolve("srv/erp/jakamo/orders/to_jakamo/PO-1.xml");
            Files.createDirectories(document.getParent());
            Files.writeString(document, "<Order/>");

            // 4. upgrade to a newer build: the edited conffile, the data and the database stay; doctor still passes
            dpkg(root, "--install", newerBuild().toString());
            status = dpkg(root, "--status", PACKAGE);
            assertThat(status).contains("Status: install ok installed");
            assertThat(field(status, "Version")).isEqualTo(NEWER);
            assertThat(config).as("the operator's edited configuration (a conffile) after the upgrade").hasContent(edited);
            assertThat(root.resolve("etc/jakamo-connector/jakamo-connector.yml.dpkg-new")).doesNotExist();
            assertThat(signingKey).hasContent(key);
            assertThat(marker).hasContent("data");
            assertThat(secret).hasContent("s3cret");
            assertThat(jakamoUser(root)).as("the same jakamo user").containsExactly(jakamo);
            assertThat(Files.readString(root.resolve("etc/passwd"))).containsOnlyOnce("jakamo:");
            String after = asJakamo(root, jakamo, "doctor");
            assertThat(after).as("the database from before the upgrade, nothing left to migrate")
                    .contains("(0 migration(s) applied now)", "OK: the connector is ready.");
            assertThat(auditEvents(after)).as("the audit trail from before the upgrade, intact, and doctor's new events")
                    .isGreaterThan(events);

            // 5. remove keeps the configuration and the data; purge deletes them, never the ERP's documents
            dpkg(root, "--remove", PACKAGE);
            assertThat(dpkg(root, "--status", PACKAGE)).contains("Status: deinstall ok config-files");
            assertThat(launcher).doesNotExist();
            assertThat(root.resolve("usr/share/jakamo-connector/jakamo-connector.jar")).doesNotExist();
            assertThat(config).hasContent(edited);
            assertThat(signingKey).hasContent(key);
            assertThat(marker).hasContent("data");
            assertThat(secret).hasContent("s3cret");

            dpkg(root, "--purge", PACKAGE);
            Shell.Result purged = dpkgResult(root, "--status", PACKAGE);
            assertThat(purged.exitCode()).as("dpkg --status after the purge:%n%s", purged.output()).isNotZero();
            assertThat(purged.output()).contains("not installed");
            assertThat(root.resolve("etc/jakamo-connector")).doesNotExist();
            assertThat(data).doesNotExist();
            assertThat(root.resolve("etc/systemd/system/jakamo-connector.service.d")).doesNotExist();
            assertThat(document).as("the ERP's documents stay").hasContent("<Order/>");
        } finally {
            sandbox.destroy();
        }
    }

    /** A root with an empty dpkg database and an /etc/passwd of its own, for useradd --root. */
    private Path emptyRoot() throws IOException {
        Path root = work.resolve("root");
        Path admin = root.resolve("var/lib/dpkg");
        for (String dir : List.of("info", "updates", "triggers", "alternatives")) {
            Files.createDirectories(admin.resolve(dir));
        }
        Files.writeString(admin.resolve("status"), "");
        Files.writeString(admin.resolve("available"), "");
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\n");
        Files.writeString(etc.resolve("shadow"), "root:*:19000:0:99999:7:::\n");
        Files.writeString(etc.resolve("gshadow"), "root:*::\n");
        return root;
    }

    private Shell.Result dpkgResult(Path root, String... arguments) {
        List<String> command = new ArrayList<>(List.of("dpkg", "--root=" + root, "--force-script-chrootless",
                "--force-depends"));
        command.addAll(List.of(arguments));
        return run(work, Map.of(), command);
    }

    private String dpkg(Path root, String... arguments) {
        return dpkgResult(root, arguments).succeeded().output();
    }

    private static String field(String status, String name) {
        Matcher field = Pattern.compile("(?m)^" + name + ": (.*)$").matcher(status);
        assertThat(field.find()).as("%s in%n%s", name, status).isTrue();
        return field.group(1).strip();
    }

    /** The events doctor found in an intact audit trail. */
    private static int auditEvents(String doctor) {
        Matcher intact = Pattern.compile(
                "\\[ OK \\] audit trail +(\\d+) event\\(s\\), chain and \\d+ signed checkpoint\\(s\\) intact").matcher(doctor);
        assertThat(intact.find()).as("an intact audit trail in:%n%s", doctor).isTrue();
        return Integer.parseInt(intact.group(1));
    }

    /** uid and gid of jakamo in ROOT/etc/passwd (the host has no such user). */
    private static int[] jakamoUser(Path root) throws IOException {
        String line = Files.readAllLines(root.resolve("etc/passwd")).stream().filter(l -> l.startsWith("jakamo:"))
                .findFirst().orElseThrow(() -> new AssertionError("no jakamo user in " + root.resolve("etc/passwd")));
        assertThat(line).endsWith(":jakamo-connector:/var/lib/jakamo-connector:/usr/sbin/nologin");
        String[] fields = line.split(":");
        return new int[] {Integer.parseInt(fields[2]), Integer.parseInt(fields[3])};
    }

    private static void assertOwnerAndMode(Path root, String path, int uid, String mode) throws IOException {
        Path file = root.resolve(path);
        assertThat((Integer) Files.getAttribute(file, "unix:uid")).as("owner of /%s", path).isEqualTo(uid);
        assertThat(Shell.mode(file)).as("mode of /%s", path).isEqualTo(mode);
    }

    /**
     * The installed launcher run as the jakamo user (uid and gid from ROOT, no supplementary groups), without the
     * build's shared copy of the embedded server's binaries (the root pom's JAKAMO_EMBEDDED_POSTGRES_BINARIES), so
     * they unpack under the data directory as on an installed machine.
     */
    private String asJakamo(Path root, int[] jakamo, String... arguments) {
        List<String> command = new ArrayList<>(List.of("env", "-u", "JAKAMO_EMBEDDED_POSTGRES_BINARIES",
                "setpriv", "--reuid=" + jakamo[0], "--regid=" + jakamo[1], "--clear-groups", "--",
                root.resolve("usr/bin/jakamo-connector").toString()));
        command.addAll(List.of(arguments));
        return run(root, Map.of("HOME", root.resolve("var/lib/jakamo-connector").toString()), command).succeeded()
                .output();
    }

    /** The installed jar's sandbox on free ports; returns once it says it is ready (its files are written then). */
    private static Process startSandbox(Path launcher, Path dir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "sandbox", "--dir", dir.toString(),
                "--entra-port", "0", "--api-port", "0").redirectErrorStream(true);
        // the test's helper, not what it tests: no class-data archive in the build machine's ~/.cache
        builder.environment().put("JAKAMO_CONNECTOR_CDS", "off");
        Process process = builder.start();
        process.getOutputStream().close();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder printed = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            printed.append(line).append('\n');
            if (line.startsWith("Ready: sandbox started")) {
                Thread drain = new Thread(() -> lines.lines().forEach(ignored -> { }), "sandbox-output");
                drain.setDaemon(true);
                drain.start();
                return process;
            }
        }
        process.destroy();
        throw new AssertionError("the sandbox ended before it was ready; it printed:\n" + printed);
    }

    /** The same content as version 9.9.9, as a newer build would be: dpkg-deb --raw-extract, edit, --build. */
    private Path newerBuild() throws IOException {
        Path tree = work.resolve("newer");
        run(work, "dpkg-deb", "--raw-extract", Shell.deb().toString(), tree.toString()).succeeded();
        Path control = tree.resolve("DEBIAN/control");
        String fields = Files.readString(control);
        Files.writeString(control, fields.replaceFirst("(?m)^Version: .*$", "Version: " + NEWER));
        Path deb = work.resolve(PACKAGE + "_" + NEWER + "_amd64.deb");
        // no compression: the jar inside is compressed already, and this keeps the test fast
        run(work, "dpkg-deb", "--root-owner-group", "-Znone", "--build", tree.toString(), deb.toString()).succeeded();
        return deb;
    }
}
