package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.sandbox.Sandbox;
import io.jakamoconnector.sandbox.StandaloneSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jakamo-connector token against the standalone sandbox and its written configuration. */
class TokenCommandIT {
    @TempDir
    static Path dir;
    private static StandaloneSandbox sandbox;

    @BeforeAll
    static void startSandbox() throws Exception {
        sandbox = Sandbox.startStandalone(dir, 0, 0);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    private static Cli.Run cli(String... args) {
        return Cli.withConfig(sandbox.files().configFile(), args);
    }

    @Test
    void showsWhatTheTokenGrantsButNotTheTokenItself() {
        Cli.Run run = cli("token", "--integration", "orders");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("integration   orders (purchase-orders, sandbox environment)")
                .containsPattern("fingerprint   [0-9a-f]{16}").contains("roles         ").contains("Orders.Read")
                .contains("audience      " + sandbox.sandbox().resource()).doesNotContain("eyJ");

        Cli.Run claims = cli("token", "--integration", "claims");
        assertThat(claims.code()).as(claims.err()).isZero();
        assertThat(claims.out()).contains("Claims.Read").doesNotContain("Orders.Read");
    }

    @Test
    void showsTheTokenOnlyWhenAskedTo() {
        Cli.Run run = cli("token", "--integration", "orders", "--show-token");
        assertThat(run.code()).isZero();
        assertThat(run.out()).containsPattern("(?m)^eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$");
    }

    @Test
    void saysWhichIntegrationsThereAreWhenNoneOrAWrongOneIsNamed() {
        Cli.Run none = cli("token");
        assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("say which integration with --integration NAME").contains("orders")
                .contains("claims");
        assertThat(cli("token", "-i", "invoices").err()).contains("no integration named 'invoices'");
    }

    @Test
    void aWrongSecretGetsAnActionableMessage() throws Exception {
        Path secret = sandbox.files().secretFiles().get("claims");
        String original = Files.readString(secret);
        try {
            Files.writeString(secret, "not-the-secret-canary-9f3a");
            Cli.Run run = cli("token", "--integration", "claims");
            assertThat(run.code()).isEqualTo(ExitCodes.PROBLEMS);
            assertThat(run.err()).contains("claims").containsIgnoringCase("secret")
                    .doesNotContain("not-the-secret-canary-9f3a");
        } finally {
            Files.writeString(secret, original);
        }
    }
}
