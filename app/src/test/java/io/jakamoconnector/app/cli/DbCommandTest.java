package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code db} refuses before it touches any database. */
class DbCommandTest {
    @TempDir
    Path dir;
    private Path config;

    @BeforeEach
    void setUp() throws IOException {
        config = dir.resolve("jakamo-connector.yml");
        Files.writeString(config, "dataDirectory: " + dir.resolve("data") + "\n");
    }

    @Test
    void aMoveToARemoteServerWhoseCertificateIsNotVerifiedIsRefusedSayingWhatToAdd() {
        Cli.Run run = Cli.withConfig(config, "db", "move", "--to",
                "jdbc:postgresql://db.example.com:5432/jakamo?sslmode=require", "--user", "jakamo");
        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("db.example.com").contains("sslmode=verify-full");
        assertThat(dir.resolve("data/postgres")).doesNotExist();
    }

    @Test
    void aMoveWithThePasswordInTheUrlIsRefused() {
        Cli.Run run = Cli.withConfig(config, "db", "move", "--to",
                "jdbc:postgresql://localhost:5432/jakamo?password=hunter2", "--user", "jakamo");
        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--password-file").doesNotContain("hunter2");
    }

    @Test
    void aMoveFromAnExternalDatabaseIsRefusedNamingBackupAndRestore() throws IOException {
        Files.writeString(config, """
                database:
                  url: jdbc:postgresql://localhost:5432/jakamo
                  user: jakamo
                """, java.nio.file.StandardOpenOption.APPEND);
        Cli.Run run = Cli.withConfig(config, "db", "move", "--to", "jdbc:postgresql://localhost:5433/jakamo",
                "--user", "jakamo");
        assertThat(run.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("'db backup'").contains("'db restore'");
    }

    @Test
    void aFileThatIsNoBackupIsRefusedBeforeAnyDatabaseStarts() throws IOException {
        Path file = dir.resolve("not-a-backup");
        Files.writeString(file, "hello");
        Cli.Run run = Cli.withConfig(config, "db", "restore", "--from", file.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.DATA);
        assertThat(run.err()).contains(file.toString()).contains("not a zip file");
        assertThat(dir.resolve("data/postgres")).doesNotExist();
    }
}
