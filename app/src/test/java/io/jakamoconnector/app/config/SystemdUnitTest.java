package io.jakamoconnector.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shipped systemd unit and the production example configuration are used together: every {@code credential:}
 * the example refers to must be loaded by the unit, or the service fails at start with a missing credential.
 */
class SystemdUnitTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern CREDENTIAL = Pattern.compile("\\{\\s*credential:\\s*([^\\s}]+)\\s*}");
    private static final Pattern LOAD = Pattern.compile("(?m)^LoadCredential=([^:\\s]+):(/\\S+)$");

    private static List<String> lines(String path) throws IOException {
        return Files.readAllLines(ROOT.resolve(path));
    }

    @Test
    void loadsEveryCredentialTheProductionExampleRefersTo() throws IOException {
        Set<String> referred = new LinkedHashSet<>();
        for (String line : lines("docs/jakamo-connector.production.yml")) {
            String code = line.replaceAll("\\s#.*$", "");
            Matcher m = CREDENTIAL.matcher(code);
            while (m.find()) {
                referred.add(m.group(1));
            }
        }
        Set<String> loaded = new LinkedHashSet<>();
        Matcher m = LOAD.matcher(Files.readString(ROOT.resolve("packaging/systemd/jakamo-connector.service")));
        while (m.find()) {
            loaded.add(m.group(1));
        }
        assertThat(referred).as("the example refers to credentials").isNotEmpty();
        assertThat(loaded).as("packaging/systemd/jakamo-connector.service needs a LoadCredential=NAME:/path line "
                + "for each credential docs/jakamo-connector.production.yml names").containsAll(referred);
        assertThat(referred).as("the unit loads nothing the example does not use").containsAll(loaded);
    }

    @Test
    void runsTheServiceAsItsOwnUserWithTheConfigurationFromTheEnvironment() throws IOException {
        List<String> unit = lines("packaging/systemd/jakamo-connector.service");
        assertThat(unit).contains("User=jakamo", "KillMode=mixed",
                "Environment=JAKAMO_CONNECTOR_CONFIG=/etc/jakamo-connector/jakamo-connector.yml");
        assertThat(unit).anyMatch(l -> l.startsWith("ExecStart=") && l.endsWith(" run"));
        assertThat(unit).noneMatch(l -> l.startsWith("Environment=") && l.toLowerCase().contains("secret"));
    }
}
