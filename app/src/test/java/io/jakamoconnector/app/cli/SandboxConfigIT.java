package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.sandbox.Sandbox;
import io.jakamoconnector.sandbox.StandaloneSandbox;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration the standalone sandbox writes is one the connector accepts as it is. */
class SandboxConfigIT {
    @TempDir
    Path dir;

    @Test
    void doctorAcceptsTheSandboxsConfiguration() throws Exception {
        try (StandaloneSandbox sandbox = Sandbox.startStandalone(dir, 0, 0)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = RootCommand.commandLine(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(out, true, StandardCharsets.UTF_8))
                    .execute("--config", sandbox.files().configFile().toString(), "doctor");
            String output = out.toString(StandardCharsets.UTF_8);
            assertThat(code).as(output).isZero();
            assertThat(output).contains("2 integration(s)").contains("orders (purchase-orders, sandbox)")
                    .contains("claims (claims, sandbox)").contains("OK: the connector is ready.");
        }
    }
}
