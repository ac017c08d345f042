package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pre-start {@code doctor} an operator types in a shell, on a configuration whose secrets are systemd credentials:
 * it cannot read them there, and says the command that runs it with them, as the service would.
 */
class DoctorOutsideSystemdTest {
    @TempDir
    Path dir;

    @Test
    void saysTheSystemdRunCommandThatHandsItTheCredentialsTheConfigurationNames() throws IOException {
        Path data = dir.resolve("data");
        Path config = dir.resolve("jakamo-connector.yml");
        Files.writeString(config, Files.readString(Path.of("../docs/jakamo-connector.demo.yml"))
                .replace("dataDirectory: /var/lib/jakamo-connector", "dataDirectory: " + data)
                .replace("/srv/erp/jakamo", dir.resolve("erp").toString()));

        Cli.Run run = Cli.run(Map.of("JAKAMO_CONNECTOR_CONFIG", config.toString()), "doctor");

        assertThat(run.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.out()).contains("[FAIL] credentials",
                "names systemd credentials [orders.secret, claims.secret]", "$CREDENTIALS_DIRECTORY is not set",
                "\n  systemd-run --pipe --wait --collect --quiet -p User=jakamo -p WorkingDirectory=" + data
                        + " -p LoadCredential=orders.secret:/etc/jakamo-connector/credentials/orders.secret"
                        + " -p LoadCredential=claims.secret:/etc/jakamo-connector/credentials/claims.secret"
                        + " -E JAKAMO_CONNECTOR_CONFIG=" + config + " /usr/bin/jakamo-connector doctor\n");
        assertThat(data).as("nothing started before the credentials are there").doesNotExist();
    }

    @Test
    void findsTheCredentialsInBlockAsWellAsFlowStyleAndIgnoresFilesAndComments() throws IOException {
        Path config = Files.writeString(dir.resolve("c.yml"), """
                # password: { credential: commented-out }
                database:
                  password:
                    credential: db-password
                integrations:
                  - clientSecret: { credential: orders.secret }
                    legacyBasicAuth: { password: { file: /etc/x } }
                  - clientSecret: { credential: orders.secret }
                """);

        assertThat(ServiceCredentials.namedIn(config)).containsExactly("db-password", "orders.secret");
    }
}
