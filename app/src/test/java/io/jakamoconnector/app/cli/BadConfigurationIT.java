package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mistakes a first-time user makes in the configuration, each through the command line as they would meet it:
 * refused before anything starts (exit 78), with the key's path and the expected form, and never echoing a secret.
 * The starting point is the configuration the sandbox writes, which works (the last case proves it).
 */
@org.junit.jupiter.api.Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class BadConfigurationIT {
    @TempDir
    Path dir;

    private SandboxBed bed;
    private String valid;

    @BeforeEach
    void sandbox() throws Exception {
        bed = new SandboxBed(dir, "");
        valid = Files.readString(bed.files.configFile());
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        bed.close();
    }

    private record Case(String mistake, UnaryOperator<String> yaml, Map<String, String> env, List<String> says) {
    }

    private static Case yaml(String mistake, UnaryOperator<String> edit, String... says) {
        return new Case(mistake, edit, Map.of(), List.of(says));
    }

    private static Case env(String mistake, Map<String, String> env, String... says) {
        return new Case(mistake, UnaryOperator.identity(), env, List.of(says));
    }

    @Test
    void everyMistakeIsRefusedAtStartWithTheKeyAndWhatToWrite() throws Exception {
        List<Case> cases = List.of(
                yaml("a key that does not exist", y -> y.replace("    kind: purchase-orders",
                                "    kind: purchase-orders\n    pollEvery: 5"),
                        "integrations[orders].pollEvery: unknown key (expected one of"),
                yaml("a misspelt top-level key", y -> y + "\npoling: { inboundSeconds: 5 }\n",
                        "poling: unknown key"),
                yaml("a word where a number belongs", y -> y + "\npolling: { inboundSeconds: often }\n",
                        "polling.inboundSeconds:"),
                yaml("a missing client id", y -> y.replaceAll("(?m)^    clientId: .*\\n", ""),
                        "integrations[orders].clientId: is required"),
                yaml("the secret's text instead of a reference", y -> y.replaceAll("clientSecret: \\{ file: [^}]+}",
                                "clientSecret: s3cr3t-Canary-Value"),
                        "integrations[orders].clientSecret: secrets are never written in the configuration"),
                yaml("the application's name instead of its client id", y -> y.replaceAll("(?m)^    clientId: .*$",
                                "    clientId: erp-orders"),
                        "integrations[orders].clientId: must be the application (client) id GUID"),
                yaml("an unknown kind of integration", y -> y.replace("kind: purchase-orders", "kind: orders"),
                        "integrations[orders].kind: must be one of purchase-orders, sales-orders, claims"),
                yaml("an unknown environment", y -> y.replace("environment: sandbox", "environment: test"),
                        "integrations[orders].environment:"),
                yaml("broken YAML", y -> y.replace("integrations:", "integrations: [\n"), "case.yml",
                        "is not valid YAML at line"),
                yaml("a health port out of range", y -> y + "\nhealth: { port: 70000 }\n", "health.port:"),
                env("an environment override that matches no key",
                        Map.of("JAKAMO_CONNECTOR_POLLING_INBOUNDSECOND", "5"),
                        "JAKAMO_CONNECTOR_POLLING_INBOUNDSECOND"),
                env("an environment override with the wrong type",
                        Map.of("JAKAMO_CONNECTOR_POLLING_INBOUNDSECONDS", "five"),
                        "polling.inboundSeconds:"),
                env("a configuration file that does not exist",
                        Map.of("JAKAMO_CONNECTOR_CONFIG", dir.resolve("missing.yml").toString()),
                        "missing.yml"));

        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            Path config = dir.resolve("case.yml");
            Files.writeString(config, c.yaml().apply(valid));
            for (String command : List.of("run", "doctor", "sync")) {
                List<String> args = new ArrayList<>();
                if (!c.env().containsKey("JAKAMO_CONNECTOR_CONFIG")) {
                    args.addAll(List.of("--config", config.toString()));
                }
                args.add(command);
                if (command.equals("sync")) {
                    args.add("--once");
                }
                Cli.Run run = Cli.run(c.env(), args.toArray(String[]::new));
                String said = run.out() + run.err();
                if (run.code() != ExitCodes.CONFIG) {
                    failures.add(c.mistake() + " / " + command + ": exit " + run.code() + ", not 78:\n" + said);
                }
                for (String expected : c.says()) {
                    if (!said.contains(expected)) {
                        failures.add(c.mistake() + " / " + command + ": does not say '" + expected + "':\n" + said);
                    }
                }
                if (said.contains("s3cr3t-Canary-Value")) {
                    failures.add(c.mistake() + " / " + command + ": echoes the secret:\n" + said);
                }
            }
        }
        assertThat(failures).as(String.join("\n\n", failures)).isEmpty();
    }

    @Test
    void aSecretFileOthersCanReadIsRefusedWithTheChmodThatFixesIt() throws Exception {
        Path secret = bed.files.secretFiles().get(SandboxBed.ORDERS);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        Cli.Run run = Cli.withConfig(bed.files.configFile(), "token");
        String said = run.out() + run.err();
        assertThat(run.code()).as(said).isNotZero();
        assertThat(said).contains(secret.toString()).contains("chmod 600");
        assertThat(said).doesNotContain(Files.readString(secret).strip());
    }

    @Test
    void theStartingPointIsValid() {
        Cli.Run run = Cli.withConfig(bed.files.configFile(), "token");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
    }
}
