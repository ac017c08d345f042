package io.jakamoconnector.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretReaderTest {
    @TempDir
    Path dir;

    private Path secretFile(String content, String perms) throws IOException {
        Path file = dir.resolve("secret");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
        return file;
    }

    @Test
    void readsAPrivateFileWithoutItsTrailingNewline() throws IOException {
        Path file = secretFile("canary-Secret-1\n", "rw-------");
        char[] secret = new SecretReader(Map.of()).read(new SecretReference(SecretReference.Kind.FILE, file.toString()), "k");
        assertThat(new String(secret)).isEqualTo("canary-Secret-1");
    }

    @Test
    void refusesAFileOthersCanRead() throws IOException {
        Path file = secretFile("canary-Secret-2", "rw-r--r--");
        assertThatThrownBy(() -> new SecretReader(Map.of()).read(
                new SecretReference(SecretReference.Kind.FILE, file.toString()), "database.password"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("database.password: the file " + file + " is readable or writable by group or others")
                .hasMessageContaining("chmod 600 " + file)
                .hasMessageNotContaining("canary-Secret-2");
    }

    @Test
    void readsASystemdCredential() throws IOException {
        Path file = secretFile("canary-Secret-3", "r--------");
        char[] secret = new SecretReader(Map.of("CREDENTIALS_DIRECTORY", dir.toString()))
                .read(new SecretReference(SecretReference.Kind.CREDENTIAL, "secret"), "k");
        assertThat(new String(secret)).isEqualTo("canary-Secret-3");
        assertThatThrownBy(() -> new SecretReader(Map.of()).read(
                new SecretReference(SecretReference.Kind.CREDENTIAL, "secret"), "k"))
                .hasMessageContaining("CREDENTIALS_DIRECTORY is not set");
    }

    @Test
    void readsAnEnvironmentVariableAndSaysWhenItIsMissing() {
        SecretReader reader = new SecretReader(Map.of("DB_PASSWORD", "canary-Secret-4"));
        assertThat(new String(reader.read(new SecretReference(SecretReference.Kind.ENV, "DB_PASSWORD"), "k")))
                .isEqualTo("canary-Secret-4");
        assertThatThrownBy(() -> reader.read(new SecretReference(SecretReference.Kind.ENV, "OTHER"), "k"))
                .hasMessageContaining("OTHER, which is not set");
    }
}
