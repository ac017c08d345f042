package io.jakamoconnector.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The systemd credentials ({@code { credential: NAME }}) a configuration file names, and the command that runs a
 * command of the connector with them from a shell. systemd hands them only to the service's own processes (in
 * {@code $CREDENTIALS_DIRECTORY}), so a command typed in a shell cannot read them; {@code systemd-run} starts it as the
 * service would, with the files the packaged credentials drop-in names.
 */
final class ServiceCredentials {
    /** Where the packaged drop-in (credentials.conf) and the docs keep the files, one per credential, by its name. */
    static final String DIRECTORY = "/etc/jakamo-connector/credentials";
    static final String VARIABLE = "CREDENTIALS_DIRECTORY";
    private static final String LAUNCHER = "/usr/bin/jakamo-connector";

    private ServiceCredentials() {
    }

    /** True when this process was started by systemd with credentials. */
    static boolean handedOver(Map<String, String> environment) {
        String directory = environment.get(VARIABLE);
        return directory != null && !directory.isBlank();
    }

    /** Every credential name the file refers to, in order; none when it cannot be read (loading reports that). */
    static List<String> namedIn(Path configFile) {
        JsonNode tree;
        try {
            tree = new ObjectMapper(new YAMLFactory()).readTree(configFile.toFile());
        } catch (IOException e) {
            return List.of();
        }
        if (tree == null) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode value : tree.findValues("credential")) {
            if (value.isTextual()) {
                names.add(value.asText());
            }
        }
        return new ArrayList<>(names);
    }

    /** The command line, for root to paste, that runs {@code jakamo-connector COMMAND} as the service would. */
    static String systemdRun(List<String> names, Path configFile, Path dataDirectory, String command) {
        StringBuilder line = new StringBuilder("systemd-run --pipe --wait --collect --quiet -p User=jakamo")
                .append(" -p WorkingDirectory=").append(dataDirectory);
        for (String name : names) {
            line.append(" -p LoadCredential=").append(name).append(':').append(DIRECTORY).append('/').append(name);
        }
        return line.append(" -E JAKAMO_CONNECTOR_CONFIG=").append(configFile.toAbsolutePath().normalize())
                .append(' ').append(LAUNCHER).append(' ').append(command).toString();
    }
}
