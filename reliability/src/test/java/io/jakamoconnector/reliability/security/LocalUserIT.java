package io.jakamoconnector.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jakamoconnector.app.cli.ConnectorProcess;
import io.jakamoconnector.app.cli.SandboxBed;
import io.jakamoconnector.app.wiring.EmbeddedDatabaseModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security suite's local-user attacks (issue 13, attacks 1 and 9) against {@code run} with the default, embedded
 * database, as another OS user ({@code nobody}, through {@code runuser}) would try them: connect to the database over
 * TCP and the socket without the connector's password, read the password file, and plant a binary where the
 * connector's next start would execute it. The connector's directories are made 0755 first, as a data directory under
 * {@code /var/lib} typically is, so only the connector's own protections stand in the way. On the earlier version each
 * of these worked (trust authentication; binaries in a world-writable directory under the system temp directory).
 */
class LocalUserIT {
    private static final String OTHER_USER = "nobody";

    @TempDir
    Path dir;

    @BeforeAll
    static void canActAsAnotherUser() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "the test switches to another OS user with runuser, which needs root; it runs as "
                        + System.getProperty("user.name"));
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser")),
                "runuser (util-linux) is not installed");
        assumeTrue(asOtherUser("true").exit() == 0, "runuser -u " + OTHER_USER + " cannot run a program here");
        assumeTrue(asOtherUser("psql", "--version").exit() == 0, "psql (Debian's postgresql-client) is not "
                + "installed; .ci/run installs it");
    }

    @Test
    void anotherLocalUserCannotUseTheEmbeddedDatabaseNorPlantItsBinaries() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (SandboxBed bed = new SandboxBed(dir, "health: { port: 0 }\n")) {
            Path data = dataDirectoryOf(bed);
            // the default location of the binaries (under the data directory), not the build's shared copy
            Map<String, String> env = Map.of("JAKAMO_CONNECTOR_CONFIG", bed.files.configFile().toString(),
                    EmbeddedDatabaseModule.BINARIES_VARIABLE, "");
            try (ConnectorProcess connector = ConnectorProcess.start(connectorJar(), dir, env, "run")) {
                connector.health(Duration.ofSeconds(120));
                openUp(dir, data);
                Path pgdata = data.resolve("postgres");
                List<String> pid = Files.readAllLines(pgdata.resolve("postmaster.pid"));
                String port = pid.get(3).trim();

                List<Result> attempts = new ArrayList<>();
                for (String host : List.of("127.0.0.1", "::1", "localhost")) {
                    for (String role : List.of("postgres", "jakamo_owner", "jakamo_app")) {
                        attempts.add(psqlAsOtherUser(host, port, role));
                    }
                }
                attempts.add(psqlAsOtherUser(pgdata.resolve("sock").toString(), port, "postgres"));
                attempts.add(psqlAsOtherUser("/tmp", port, "postgres"));   // the library's default socket place
                for (Result attempt : attempts) {
                    assertThat(attempt.exit()).as("psql as %s: %s", OTHER_USER, attempt.output()).isNotZero();
                    assertThat(attempt.output()).as("psql as %s", OTHER_USER).doesNotContain("PostgreSQL 1");
                }
                assertThat(attempts.get(0).output()).contains("password");

                Result readPasswords = asOtherUser("cat", pgdata.resolve(".pgpass").toString());
                assertThat(readPasswords.exit()).as(readPasswords.output()).isNotZero();
                Result readKey = asOtherUser("cat", data.resolve("audit-signing.key").toString());
                assertThat(readKey.exit()).as(readKey.output()).isNotZero();

                // where the running server's binaries are, and whether another user can put a file beside them
                Path server = Path.of(ProcessHandle.of(Long.parseLong(pid.get(0).trim())).orElseThrow().info()
                        .command().orElseThrow());
                Path unpacked = server.getParent().getParent();    // <workdir>/PG-<md5>
                Path workdir = unpacked.getParent();
                assertThat(server).as("the server runs from the connector's own directory")
                        .startsWith(data.resolve("postgres-runtime"));
                for (Path target : List.of(workdir.resolve("planted"), unpacked.resolve("bin").resolve("planted"))) {
                    Result plant = asOtherUser("touch", target.toString());
                    assertThat(plant.exit()).as("touch %s as %s: %s", target, OTHER_USER, plant.output()).isNotZero();
                    assertThat(target).doesNotExist();
                }
                Result rename = asOtherUser("mv", unpacked.toString(), unpacked + ".moved");
                assertThat(rename.exit()).as(rename.output()).isNotZero();
                assertThat(unpacked).isDirectory();

                assertThat(connector.terminate(Duration.ofSeconds(60))).as(connector.transcript()).isIn(0, 143);
            }
        }
    }

    /**
     * Hardened hosts mount the system temp directory {@code noexec}; the library's default place for the binaries
     * (under it) then cannot run initdb. The connector's own place works. Needs root to mount a tmpfs.
     */
    @Test
    void theEmbeddedDatabaseStartsWhenTheSystemTempDirectoryIsMountedNoexec() throws Exception {
        Path noexec = Files.createDirectories(dir.resolve("noexec-tmp"));
        Result mount = run("mount", "-t", "tmpfs", "-o", "noexec,nosuid,size=64m", "tmpfs", noexec.toString());
        assumeTrue(mount.exit() == 0, "cannot mount a noexec tmpfs here: " + mount.output());
        try (SandboxBed bed = new SandboxBed(dir, "")) {
            Map<String, String> env = Map.of("JAKAMO_CONNECTOR_CONFIG", bed.files.configFile().toString(),
                    EmbeddedDatabaseModule.BINARIES_VARIABLE, "", "JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + noexec);
            try (ConnectorProcess verify = ConnectorProcess.start(connectorJar(), dir, env, "audit", "verify")) {
                verify.awaitOut(line -> line.startsWith("audit trail intact"), Duration.ofSeconds(180));
                assertThat(verify.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(verify.process.exitValue()).as(verify.transcript()).isZero();
            }
        } finally {
            run("umount", noexec.toString());
        }
    }

    /** Gives group and others read and search on the connector's data directory, as a lax install would. */
    private static void openUp(Path... directories) throws IOException {
        for (Path directory : directories) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static Path dataDirectoryOf(SandboxBed bed) throws IOException {
        for (String line : Files.readAllLines(bed.files.configFile())) {
            if (line.startsWith("dataDirectory:")) {
                Path configured = Path.of(line.substring("dataDirectory:".length()).trim().replace("\"", ""));
                return bed.files.configFile().getParent().resolve(configured).normalize().toAbsolutePath();
            }
        }
        throw new IllegalStateException("no dataDirectory in " + bed.files.configFile());
    }

    private static Path connectorJar() {
        return Path.of(System.getProperty("jakamo.connector.jar", "../app/target/jakamo-connector.jar"));
    }

    private record Result(int exit, String output) {
    }

    private static Result psqlAsOtherUser(String host, String port, String role) throws Exception {
        return asOtherUser("psql", "-w", "-h", host, "-p", port, "-U", role, "-d", "jakamo", "-c",
                "SELECT version(), current_user");
    }

    private static Result asOtherUser(String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", OTHER_USER, "--"));
        full.addAll(List.of(command));
        return run(full.toArray(String[]::new));
    }

    private static Result run(String... command) throws Exception {
        List<String> full = List.of(command);
        Process process = new ProcessBuilder(full).directory(Path.of("/").toFile()).redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", full).isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
