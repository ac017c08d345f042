package io.jakamoconnector.adapter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BreakGlassTest {
    @TempDir
    Path dir;

    @Test
    void theTokenIsWrittenForTheOwnerOnlyAndWorksOnce() throws Exception {
        Path file = dir.resolve("break-glass.token");
        Files.writeString(file, "an old token");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        BreakGlass glass = BreakGlass.write(file);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String token = Files.readString(file).strip();
        assertThat(token).isNotEqualTo("an old token").hasSizeGreaterThanOrEqualTo(43);
        assertThat(glass.redeem("an old token")).isFalse();
        assertThat(glass.redeem(token + "\n")).isTrue();
        assertThat(file).doesNotExist();
        assertThat(glass.redeem(token)).as("once").isFalse();
    }
}
