package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.sandbox.Sandbox;
import io.jakamoconnector.sandbox.StandaloneSandbox;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration the standalone sandbox writes is one the connector accepts as it is, and doctor checks it all. */
class SandboxConfigIT {
    @TempDir
    Path dir;

    private static String doctor(StandaloneSandbox sandbox, int expectedCode) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = RootCommand.commandLine(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8))
                .execute("--config", sandbox.files().configFile().toString(), "doctor");
        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(output).isEqualTo(expectedCode);
        return output;
    }

    @Test
    void doctorAcceptsTheSandboxsConfigurationAndGetsATokenPerIntegration() throws Exception {
        try (StandaloneSandbox sandbox = Sandbox.startStandalone(dir, 0, 0)) {
            String output = doctor(sandbox, ExitCodes.OK);
            assertThat(output).contains("2 integration(s)").contains("orders (purchase-orders, sandbox)")
                    .contains("claims (claims, sandbox)")
                    .containsPattern("\\[ OK \\] token orders +roles \\[[^]]*Orders\\.Read")
                    .containsPattern("\\[ OK \\] token claims +roles \\[[^]]*Claims\\.Read")
                    .contains("[ OK ] folders orders").contains("OK: the connector is ready.");
            assertThat(dir.resolve("erp/orders/to_jakamo")).isDirectory();
        }
    }

    @Test
    void doctorRefusesASecretFileOthersCanReadAndStillChecksTheRest() throws Exception {
        try (StandaloneSandbox sandbox = Sandbox.startStandalone(dir, 0, 0)) {
            Path secret = sandbox.files().secretFiles().get("claims");
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
            String output = doctor(sandbox, ExitCodes.PROBLEMS);
            assertThat(output).contains("[FAIL] credentials").contains(secret.toString()).contains("600")
                    .contains("[ OK ] token orders").doesNotContain("[ OK ] token claims");
        }
    }
}
