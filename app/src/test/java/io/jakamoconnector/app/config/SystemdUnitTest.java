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
 * The shipped systemd unit, its credentials drop-in and the example configurations are used together: every
 * {@code credential:} the example refers to must be loaded by the drop-in, or the service fails at start with a
 * missing credential; a credential it loads that the example does not use stops the unit from starting just as well
 * (systemd refuses a unit whose credential file is missing). The drop-in loads the demo example's, which the package
 * installs as the configuration, and carries the production example's commented out.
 */
class SystemdUnitTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern CREDENTIAL = Pattern.compile("\\{\\s*credential:\\s*([^\\s}]+)\\s*}");
    private static final Pattern LOAD = Pattern.compile(
            "(?m)^LoadCredential=([^:\\s]+):/etc/jakamo-connector/credentials/(\\S+)$");
    private static final Pattern COMMENTED_LOAD = Pattern.compile(
            "(?m)^#LoadCredential=([^:\\s]+):/etc/jakamo-connector/credentials/(\\S+)$");

    private static List<String> lines(String path) throws IOException {
        return Files.readAllLines(ROOT.resolve(path));
    }

    private static Set<String> credentialsReferredToBy(String example) throws IOException {
        Set<String> referred = new LinkedHashSet<>();
        for (String line : lines(example)) {
            String code = line.replaceAll("(^|\\s)#.*$", "");
            Matcher m = CREDENTIAL.matcher(code);
            while (m.find()) {
                referred.add(m.group(1));
            }
        }
        assertThat(referred).as(example + " refers to credentials").isNotEmpty();
        return referred;
    }

    private static Set<String> loaded(Pattern pattern) throws IOException {
        Set<String> loaded = new LinkedHashSet<>();
        Matcher m = pattern.matcher(Files.readString(ROOT.resolve("packaging/systemd/credentials.conf")));
        while (m.find()) {
            assertThat(m.group(2)).as("the file of credential " + m.group(1) + " is named like it").isEqualTo(m.group(1));
            loaded.add(m.group(1));
        }
        return loaded;
    }

    @Test
    void theCredentialsDropInLoadsExactlyWhatTheDemoExampleTheDocsStartFromRefersTo() throws IOException {
        assertThat(loaded(LOAD)).as("packaging/systemd/credentials.conf needs a LoadCredential=NAME:"
                + "/etc/jakamo-connector/credentials/NAME line for each credential docs/jakamo-connector.demo.yml "
                + "names, and no other").containsExactlyInAnyOrderElementsOf(
                credentialsReferredToBy("docs/jakamo-connector.demo.yml"));
    }

    @Test
    void theCredentialsDropInCarriesTheProductionExamplesLinesCommentedOut() throws IOException {
        assertThat(loaded(COMMENTED_LOAD)).containsExactlyInAnyOrderElementsOf(
                credentialsReferredToBy("docs/jakamo-connector.production.yml"));
    }

    @Test
    void runsTheServiceAsItsOwnUserThroughTheLauncherWithTheConfigurationFromTheEnvironment() throws IOException {
        List<String> unit = lines("packaging/systemd/jakamo-connector.service");
        assertThat(unit).contains("User=jakamo", "KillMode=mixed",
                "Environment=JAKAMO_CONNECTOR_CONFIG=/etc/jakamo-connector/jakamo-connector.yml",
                "ExecStart=/usr/bin/jakamo-connector run", "RestartPreventExitStatus=127");
        assertThat(unit).as("credentials live in the drop-in, which the operator edits")
                .noneMatch(l -> l.startsWith("LoadCredential"));
        assertThat(unit).noneMatch(l -> l.startsWith("Environment=") && l.toLowerCase().contains("secret"));
    }

    @Test
    void givesTheLauncherACacheDirectoryOnlyTheServicesUserMayWriteForItsClassDataArchive() throws IOException {
        List<String> unit = lines("packaging/systemd/jakamo-connector.service");
        // systemd makes /var/cache/jakamo-connector, writable under ProtectSystem=strict, and names it in
        // CACHE_DIRECTORY; the launcher refuses an archive directory others may write to
        assertThat(unit).contains("ProtectSystem=strict", "CacheDirectory=jakamo-connector", "CacheDirectoryMode=0700");
    }
}
