package io.jakamoconnector.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders {@code jakamo-connector.yml} for a running sandbox, in the shape of {@code docs/configuration.md}. */
final class ConnectorConfigWriter {
    static final String CONFIG_FILE = "jakamo-connector.yml";
    static final String CA_FILE = "sandbox-ca.pem";

    private ConnectorConfigWriter() {
    }

    static ConnectorConfigFiles write(Sandbox sandbox, Path directory, List<FakeEntra.ConfiguredApp> apps) throws IOException {
        Files.createDirectories(directory);
        Path ca = sandbox.writeCaCertificatePem(directory.resolve(CA_FILE));
        Map<String, Path> secretFiles = new LinkedHashMap<>();
        Map<String, Path> roots = new LinkedHashMap<>();
        StringBuilder yml = new StringBuilder();
        yml.append("# jakamo-connector configuration for the local sandbox, written ").append(Instant.now()).append(".\n")
                .append("# Valid while that sandbox runs: its ports, client ids, secrets and CA are new at every start.\n")
                .append("dataDirectory: ").append(quote(directory.resolve("jakamo-data"))).append('\n')
                .append('\n')
                .append("sandbox:\n")
                .append("  tenantId: ").append(sandbox.tenantId()).append('\n')
                .append("  authority: ").append(sandbox.authority()).append('\n')
                .append("  scope: ").append(sandbox.scope()).append('\n')
                .append("  apiBaseUrl: ").append(sandbox.apiBaseUri()).append('\n')
                .append("  caCertificate: ").append(quote(ca)).append('\n')
                .append('\n');
        boolean any = false;
        for (FakeEntra.ConfiguredApp app : apps) {
            if (app.secret() == null || roots.containsKey(app.integration())) {
                continue;   // certificate-only apps need a PKCS12 the sandbox does not hold; one app per integration
            }
            if (!any) {
                yml.append("integrations:\n");
                any = true;
            }
            Path secretFile = SecretFiles.write(directory.resolve(app.integration() + ".secret"), app.secret());
            Path root = Files.createDirectories(directory.resolve("erp").resolve(app.integration()));
            secretFiles.put(app.integration(), secretFile);
            roots.put(app.integration(), root);
            yml.append("  - name: ").append(app.integration()).append('\n')
                    .append("    kind: ").append(app.kind().configName()).append('\n')
                    .append("    environment: sandbox\n")
                    .append("    clientId: ").append(app.clientId()).append('\n')
                    .append("    clientSecret: { file: ").append(quote(secretFile)).append(" }\n")
                    .append("    folders:\n")
                    .append("      root: ").append(quote(root)).append('\n');
        }
        if (!any) {
            yml.append("integrations: []\n");
        }
        Path config = directory.resolve(CONFIG_FILE);
        Files.writeString(config, yml.toString(), StandardCharsets.UTF_8);
        return new ConnectorConfigFiles(directory, config, ca, secretFiles, roots);
    }

    /** A YAML double-quoted scalar, so spaces, '#' or ':' in a path cannot change the document's meaning. */
    static String quote(Path path) {
        String text = path.toString();
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
