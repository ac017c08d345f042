package io.jakamoconnector.adapter.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** T2.3: secret files only their owner can read; systemd credentials and environment variables resolved through injected sources. */
class SecretFilesIT {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "mode {0} is refused: {1}")
    @CsvSource({
        "rw-r--r--, its group and every user",
        "rw-r-----, its group",
        "rw----r--, every user",
        "rw--w----, its group",
        "rw-----w-, every user",
        "rw-rw-rw-, its group and every user",
        "r--r-----, its group"})
    void aFileOthersCanReadOrChangeIsRefusedBeforeItIsRead(String mode, String who) throws IOException {
        Path file = write("secret", "s3cr3t-value", mode);

        assertThatThrownBy(() -> SecretReference.file(file).read(SecretSources.of(Map.of())))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("file " + file)
                .hasMessageContaining("mode " + mode)
                .hasMessageContaining("lets " + who)
                .hasMessageContaining("chmod 600 " + file)
                .hasMessageNotContaining("s3cr3t-value");
    }

    @ParameterizedTest
    @CsvSource({"rw-------", "r--------"})
    void anOwnerOnlyFileIsRead(String mode) throws IOException {
        Path file = write("secret", "s3cr3t-value\n", mode);

        try (SecretValue value = SecretReference.file(file).read(SecretSources.of(Map.of()))) {
            assertThat(new String(value.bytes(), StandardCharsets.UTF_8)).isEqualTo("s3cr3t-value\n");
            assertThat(new String(value.trimmed().chars())).isEqualTo("s3cr3t-value");
            assertThat(value).hasToString("SecretValue[***]");
        }
    }

    @Test
    void aMissingFileOrADirectoryIsNamed() {
        assertThatThrownBy(() -> SecretReference.file(dir.resolve("nope")).read(SecretSources.of(Map.of())))
                .isInstanceOf(UnreadableSecretException.class).hasMessageContaining("no such file");
        assertThatThrownBy(() -> SecretReference.file(dir).read(SecretSources.of(Map.of())))
                .isInstanceOf(UnreadableSecretException.class).hasMessageContaining("not a regular file");
    }

    @Test
    void aSystemdCredentialIsReadFromTheInjectedCredentialsDirectory() throws IOException {
        write("orders-secret", "from-systemd", "r--------");
        SecretSources sources = SecretSources.of(Map.of("CREDENTIALS_DIRECTORY", dir.toString()));

        try (SecretValue value = SecretReference.systemdCredential("orders-secret").read(sources)) {
            assertThat(new String(value.chars())).isEqualTo("from-systemd");
        }
        assertThatThrownBy(() -> SecretReference.systemdCredential("orders-secret").read(SecretSources.of(Map.of())))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("$CREDENTIALS_DIRECTORY is not set")
                .hasMessageContaining("LoadCredential=orders-secret:");
        assertThatThrownBy(() -> SecretReference.systemdCredential("../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSystemdCredentialOthersCanReadIsRefused() throws IOException {
        write("loose", "x", "r--r--r--");
        SecretSources sources = SecretSources.of(Map.of("CREDENTIALS_DIRECTORY", dir.toString()));

        assertThatThrownBy(() -> SecretReference.systemdCredential("loose").read(sources))
                .isInstanceOf(UnreadableSecretException.class).hasMessageContaining("every user");
    }

    @Test
    void anEnvironmentVariableComesFromTheInjectedEnvironment() {
        SecretSources sources = SecretSources.of(Map.of("ORDERS_SECRET", "from-env"));

        try (SecretValue value = SecretReference.environment("ORDERS_SECRET").read(sources)) {
            assertThat(new String(value.chars())).isEqualTo("from-env");
        }
        assertThatThrownBy(() -> SecretReference.environment("MISSING").read(sources))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessage("environment variable MISSING is not set in the connector's environment");
        assertThatThrownBy(() -> SecretReference.environment("BAD-NAME")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void referencesAndCredentialsDescribeWhereNotWhat() {
        assertThat(SecretReference.file(Path.of("/etc/x"))).hasToString("SecretReference[file /etc/x]");
        assertThat(SecretReference.environment("X")).hasToString("SecretReference[environment variable X]");
        assertThat(CredentialSource.clientSecret(SecretReference.systemdCredential("c")))
                .hasToString("ClientSecret[systemd credential 'c']");
    }

    @Test
    void closingASecretWipesIt() {
        SecretValue value = new SecretValue("wipe-me".getBytes(StandardCharsets.UTF_8));
        value.close();
        assertThat(value.bytes()).containsOnly(0);
    }

    private Path write(String name, String content, String mode) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}
