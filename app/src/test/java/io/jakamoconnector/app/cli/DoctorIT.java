package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.QueueMessage;
import io.jakamoconnector.sandbox.Sandbox;
import java.net.ServerSocket;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, end to end: the packaged jar, a fresh directory, the embedded PostgreSQL. */
class DoctorIT {
    @TempDir
    Path workDir;

    private record Run(int exitCode, String output) {
    }

    private Run doctor(String... extraEnv) throws IOException, InterruptedException {
        return run(List.of("doctor"), extraEnv);
    }

    /** The packaged jar with {@code args}, standard output and error together, as a user would see them. */
    private Run run(List<String> args, String... extraEnv) throws IOException, InterruptedException {
        Path jar = Path.of("target", "jakamo-connector.jar").toAbsolutePath();
        assertThat(jar).as("built by the package phase").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("JAKAMO_CONNECTOR_"));
        for (int i = 0; i + 1 < extraEnv.length; i += 2) {
            pb.environment().put(extraEnv[i], extraEnv[i + 1]);
        }
        Process process = pb.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("doctor finishes").isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void startsTheEmbeddedDatabaseMigratesItAndReusesItTheSecondTime() throws Exception {
        Run first = doctor();
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("[ OK ] configuration").contains("[ OK ] database")
                .contains("embedded PostgreSQL in " + workDir.resolve("jakamo-data/postgres").toRealPath())
                .containsPattern("\\[ OK \\] schema +version \\d+ \\([1-9]\\d* migration\\(s\\) applied now\\)")
                .contains("OK: the connector is ready.");
        Path marker = workDir.resolve("jakamo-data/postgres/PG_VERSION");
        assertThat(marker).exists();

        Run second = doctor();
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("(0 migration(s) applied now)");
    }

    @Test
    void saysWhatToFixWhenTheConfigurationIsWrong() throws Exception {
        Files.writeString(workDir.resolve("jakamo-connector.yml"), "node: n\nintegrations:\n  - name: Orders\n");
        Run run = doctor();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.output()).contains("[FAIL] configuration")
                .contains("integrations[0].name: must be 1 to 63 lower-case letters");
    }

    /** Attack 4 of issue 13: an external database reached without verifying its certificate. */
    @Test
    void anExternalDatabaseWithoutVerifiedTlsFailsUnlessTheRiskIsAcceptedAndThenWarns() throws Exception {
        String remote = "database:\n  url: jdbc:postgresql://db.jakamo-connector-doctor.invalid:5432/jakamo"
                + "?sslmode=require\n  user: jakamo\n";
        Files.writeString(workDir.resolve("jakamo-connector.yml"), "node: n\n" + remote);
        Run refused = doctor();
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(ExitCodes.CONFIG);
        assertThat(refused.output()).contains("[FAIL] configuration")
                .contains("database.url: the connection to db.jakamo-connector-doctor.invalid would not verify the "
                        + "server's certificate: sslmode=require does not verify")
                .contains("Add sslmode=verify-full&sslrootcert=");

        Files.writeString(workDir.resolve("jakamo-connector.yml"), "node: n\n" + remote
                + "  allowUnverifiedTls: true\n");
        Run allowed = doctor();
        assertThat(allowed.output()).contains("[ OK ] configuration")
                .containsPattern("\\[WARN\\] database-tls +the connection to the database server does not verify its "
                        + "certificate \\(sslmode=require does not verify");
    }

    // ---- Jakamo: reachability and the seed's basic-authentication step, against the sandbox ----

    private static final String USER = "erp-orders-legacy";
    private static final String PASSWORD = "Old-Basic-Pa55word-7f3a";

    /** The sandbox's configuration for {@code orders}, with the old basic credentials by reference when asked. */
    private SandboxBed bed(boolean legacyBasicAuth) throws IOException {
        Path dir = workDir.resolve("sandbox");
        Files.createDirectories(dir);
        Path passwordFile = dir.resolve("orders-basic.password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        return new SandboxBed(dir, legacyBasicAuth ? "    legacyBasicAuth:\n      username: " + USER + "\n"
                + "      password: { file: \"" + passwordFile + "\" }\n" : "");
    }

    /** With DEBUG logs on standard error, so the test sees every line the probe and the adapters log too. */
    private Run doctor(SandboxBed bed) throws IOException, InterruptedException {
        return run(List.of("--config", bed.files.configFile().toString(), "doctor"), "JAKAMO_CONNECTOR_LOG_LEVEL",
                "DEBUG");
    }

    /** An order's confirmation waiting at the head of the orders queue, as a migrated integration would have. */
    private static QueueMessage waitingMessage(SandboxBed bed) {
        bed.sandbox.jakamo().enqueue(SandboxBed.ORDERS, "<OrderResponse xmlns=\"urn:oasis:names:specification:ubl:"
                + "schema:xsd:OrderResponse-2\" xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:"
                + "CommonBasicComponents-2\" xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:"
                + "CommonAggregateComponents-2\"><cbc:ID>R-1</cbc:ID><cac:OrderReference><cbc:ID>PO-4711</cbc:ID>"
                + "</cac:OrderReference></OrderResponse>");
        return bed.sandbox.jakamo().queue(SandboxBed.ORDERS).get(0);
    }

    @Test
    void basicAuthenticationStillAllowedIsASecurityRiskUntilJakamoPreventsIt() throws Exception {
        try (SandboxBed bed = bed(true)) {
            bed.sandbox.jakamo().basicAuth(SandboxBed.ORDERS, USER, PASSWORD).allowBasicAuth(SandboxBed.ORDERS);
            QueueMessage head = waitingMessage(bed);

            Run allowed = doctor(bed);

            assertThat(allowed.exitCode()).as(allowed.output()).isEqualTo(ExitCodes.PROBLEMS);
            assertThat(allowed.output()).contains("[ OK ] jakamo")
                    .containsPattern("\\[FAIL\\] basic-auth orders +SECURITY RISK: Jakamo still accepts the old "
                            + "basic credentials of user " + USER)
                    .contains("fix: ask Jakamo support to prevent basic authentication for integration orders")
                    .contains("1 problem(s) to fix")
                    .contains("basic-authentication probe GET /api/order/response: ACCEPTED 200")
                    .doesNotContain(PASSWORD).doesNotContain(sha256Prefix())
                    .doesNotContain(java.util.Base64.getEncoder().encodeToString(
                            (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .as("the head message was not read").doesNotContain("PO-4711");
            assertThat(bed.sandbox.jakamo().queue(SandboxBed.ORDERS)).as("the probe left the queue as it was")
                    .singleElement().satisfies(m -> {
                        assertThat(m.id()).isEqualTo(head.id());
                        assertThat(m.body()).isEqualTo(head.body());
                    });
            assertThat(bed.journal().acknowledgements()).as("nothing acknowledged").isEmpty();
            assertThat(bed.journal().requests(Endpoint.QUEUE_READ)).as("one try with the old credentials, one "
                    + "reachability request without any, one read with the token for the queue path").hasSize(3);

            bed.sandbox.jakamo().preventBasicAuth(SandboxBed.ORDERS);
            Run prevented = doctor(bed);

            assertThat(prevented.exitCode()).as(prevented.output()).isZero();
            assertThat(prevented.output()).containsPattern("\\[ OK \\] basic-auth orders +old basic credentials of "
                    + "user " + USER + ", GET /api/order/response: answered 401")
                    .contains("basic authentication is prevented").doesNotContain(PASSWORD)
                    .doesNotContain(sha256Prefix());

            // the password was changed in Jakamo since: refused as any wrong password is, which proves nothing
            bed.sandbox.jakamo().basicAuth(SandboxBed.ORDERS, USER, "Changed-Since-2026");
            Run outdated = doctor(bed);
            assertThat(outdated.exitCode()).as(outdated.output()).isZero();
            assertThat(outdated.output()).containsPattern("\\[WARN\\] basic-auth orders +old basic credentials of "
                    + "user " + USER).contains("Proven: these credentials do not open the queue. Not proven: that "
                    + "basic authentication is prevented for integration orders")
                    .doesNotContain("basic authentication is prevented\n").doesNotContain(sha256Prefix());
            assertThat(bed.sandbox.jakamo().queue(SandboxBed.ORDERS)).singleElement()
                    .satisfies(m -> assertThat(m.id()).isEqualTo(head.id()));

            Path export = workDir.resolve("audit.jsonl");
            Run exported = run(List.of("--config", bed.files.configFile().toString(), "audit", "export", "--output",
                    export.toString()));
            assertThat(exported.exitCode()).as(exported.output()).isZero();
            String audit = Files.readString(export);
            assertThat(audit.lines().filter(l -> l.contains("credential_probed")).toList()).as(audit).hasSize(3)
                    .allSatisfy(l -> assertThat(l).contains("\"integration\":\"orders\"").doesNotContain("basic:"));
            // no hash of the password anywhere: an unsalted SHA-256 (or its prefix) is confirmable offline
            assertThat(audit).doesNotContain(PASSWORD).doesNotContain(sha256Prefix());
        }
    }

    /** Attack 5 of issue 13: a 401 without any challenge is what a mistyped password gets too. */
    @Test
    void aBare401IsAWarningThatSaysWhatWasNotProvenNeverPrevented() throws Exception {
        try (SandboxBed bed = bed(true)) {
            bed.sandbox.jakamo().basicAuth(SandboxBed.ORDERS, USER, PASSWORD).preventBasicAuth(SandboxBed.ORDERS);
            // whatever the credentials: 401, no WWW-Authenticate
            bed.sandbox.faults().always(Endpoint.QUEUE_READ, io.jakamoconnector.sandbox.Fault.unauthorizedWithoutChallenge());

            Run run = doctor(bed);

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).containsPattern("\\[WARN\\] basic-auth orders +old basic credentials of user "
                            + USER + ", GET /api/order/response: answered 401 Unauthorized without a WWW-Authenticate "
                            + "challenge")
                    .contains("Not proven: that basic authentication is prevented for integration orders, since a "
                            + "wrong or outdated password is answered the same way")
                    .doesNotContain(": basic authentication is prevented").doesNotContain(sha256Prefix());
        }
    }

    @Test
    void withoutOldCredentialsTheCheckIsNotMadeAndDoctorSaysWhyItMatters() throws Exception {
        try (SandboxBed bed = bed(false)) {
            Run run = doctor(bed);
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).containsPattern("\\[ OK \\] jakamo +" + bed.sandbox.apiBaseUri()
                            + " \\(sandbox; \\[orders\\]\\): reachable in \\d+ ms")
                    .containsPattern("\\[WARN\\] basic-auth orders +not checked: no old basic credentials")
                    .contains("open its queue to anyone who holds them")
                    .contains("add integrations[orders].legacyBasicAuth: { username: ..., password: { file: ... } }");
            assertThat(bed.journal().requests(Endpoint.QUEUE_READ)).extracting(r -> r.status())
                    .as("without a credential, then with the token for the queue path").containsExactly(401, 200);
            assertThat(run.output()).containsPattern("\\[ OK \\] queue path orders +GET /api/order/response with "
                    + "the integration's token answered 200");
        }
    }

    @Test
    void aClosedPortIsReportedWithTheReachabilityFix() throws Exception {
        try (SandboxBed bed = bed(true)) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path config = bed.files.configFile();
            Files.writeString(config, Files.readString(config).replace("apiBaseUrl: " + bed.sandbox.apiBaseUri(),
                    "apiBaseUrl: https://127.0.0.1:" + port));
            Run run = doctor(bed);
            assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.PROBLEMS);
            assertThat(run.output()).containsPattern("\\[FAIL\\] jakamo +https://127.0.0.1:" + port
                            + " \\(sandbox; \\[orders\\]\\): the connection was refused")
                    .contains("fix: start the sandbox ('jakamo-connector sandbox') and use the configuration it writes")
                    .containsPattern("\\[WARN\\] basic-auth orders +not checked: Jakamo did not answer")
                    .doesNotContain(PASSWORD);
        }
    }

    @Test
    void theSandboxsCertificateWithoutItsCaIsUntrustedAndTheTrustOptionIsNamed() throws Exception {
        try (SandboxBed bed = bed(false); Sandbox other = Sandbox.builder().start()) {
            Path foreignCa = other.writeCaCertificatePem(workDir.resolve("other-ca.pem"));
            Path config = bed.files.configFile();
            Files.writeString(config, Files.readString(config).replace(bed.files.caCertificate().toString(),
                    foreignCa.toString()));
            Run run = doctor(bed);
            assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.PROBLEMS);
            assertThat(run.output()).containsPattern("\\[FAIL\\] jakamo +" + bed.sandbox.apiBaseUri()
                            + " \\(sandbox; \\[orders\\]\\): TLS: the server's certificate is not trusted")
                    .contains("fix: trust the sandbox's own CA: sandbox.caCertificate must be the sandbox-ca.pem");
            assertThat(bed.journal().requests(Endpoint.QUEUE_READ)).as("no request got through").isEmpty();
        }
    }

    /** The first 12 hex digits of the password's unsalted SHA-256: any longer prefix contains them. */
    private static String sha256Prefix() {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(PASSWORD.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
