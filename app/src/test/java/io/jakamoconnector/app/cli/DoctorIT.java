package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, end to end: the packaged jar, a fresh directory, the embedded PostgreSQL. */
class DoctorIT {
    @TempDir
    Path workDir;

    private record Run(int exitCode, String output) {
    }

    private Run doctor(String... extraEnv) throws IOException, InterruptedException {
        Path jar = Path.of("target", "jakamo-connector.jar").toAbsolutePath();
        assertThat(jar).as("built by the package phase").exists();
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "doctor")).directory(workDir.toFile()).redirectErrorStream(true);
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
}
