package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return RootCommand.commandLine(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: jakamo-connector").contains("doctor")
                .contains("--config");
    }

    @Test
    void versionSaysWhatRuns() {
        assertThat(run(Map.of(), "--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("jakamo-connector ").contains("Java 17");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(run(Map.of(), "frobnicate")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unmatched argument");
    }

    @Test
    void doctorRefusesABrokenConfigurationWithTheKeyToFix() {
        int code = run(Map.of("JAKAMO_CONNECTOR_CONFIG", "/nonexistent/jakamo-connector.yml"), "doctor");
        assertThat(code).isEqualTo(ExitCodes.CONFIG);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("[FAIL] configuration")
                .contains("/nonexistent/jakamo-connector.yml (from JAKAMO_CONNECTOR_CONFIG)").contains("fix:");
    }
}
