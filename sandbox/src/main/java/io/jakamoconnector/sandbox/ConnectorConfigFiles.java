package io.jakamoconnector.sandbox;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@link Sandbox#writeConnectorConfig(Path)} wrote (absolute paths).
 *
 * @param secretFiles integration name → its client secret file (mode 600)
 * @param folderRoots integration name → its ERP folder root ({@code folders.root} in the configuration)
 */
public record ConnectorConfigFiles(
        Path directory,
        Path configFile,
        Path caCertificate,
        Map<String, Path> secretFiles,
        Map<String, Path> folderRoots) {

    public ConnectorConfigFiles {
        secretFiles = Map.copyOf(secretFiles);
        folderRoots = Map.copyOf(folderRoots);
    }
}
