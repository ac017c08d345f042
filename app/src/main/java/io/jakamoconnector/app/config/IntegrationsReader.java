package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.validation.ValidationMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code integrations}: the list, each item's name (once only), kind and environment, and its parts, each read by its
 * own reader: the app registration, the ERP side (each adapter reads its own section), polling, legacy basic credentials, validation and Jakamo settings.
 * An item is addressed by its name from there on ({@code integrations[orders].clientId}), which is also how the
 * environment overrides its keys.
 */
final class IntegrationsReader {
    private static final Set<String> KEYS = Set.of("name", "kind", "environment", "clientId", "clientSecret",
            "clientCertificate", "erp", "folders", "polling", "legacyBasicAuth", "validation", "jakamo", "retention");

    private IntegrationsReader() {
    }

    /**
     * @param sandboxWritten whether the file has a sandbox mapping, whose own problems then explain an empty
     *                       {@code sandbox}
     */
    static List<IntegrationConfig> read(ConfigSection root, Optional<SandboxConfig> sandbox, boolean sandboxWritten,
                                        PollingConfig pollingDefaults) {
        return read(root, sandbox, sandboxWritten, pollingDefaults, new HashMap<>(), ErpAdapters.installed());
    }

    /** {@link #read}, also putting each integration's own {@code retention.archiveDays} into {@code archiveDaysOf}. */
    static List<IntegrationConfig> read(ConfigSection root, Optional<SandboxConfig> sandbox, boolean sandboxWritten,
                                        PollingConfig pollingDefaults, Map<String, Integer> archiveDaysOf,
                                        ErpAdapters adapters) {
        List<IntegrationConfig> result = new ArrayList<>();
        if (!root.hasValue("integrations")) {
            return result;
        }
        Optional<List<ConfigSection>> list = root.items("integrations");
        if (list.isEmpty()) {
            root.problem("integrations: must be a list of integrations (each starting with '- name: ...')");
            return result;
        }
        Set<String> names = new HashSet<>();
        for (ConfigSection item : list.get()) {
            String at = item.path();
            if (!item.isMapping()) {
                item.problem(at + ": must be a mapping with name, kind, environment, clientId, ...");
                continue;
            }
            Optional<String> nameText = item.writtenText("name");
            IntegrationName name = nameText.isEmpty() ? null
                    : item.value(at + ".name", () -> new IntegrationName(nameText.get()));
            if (name == null) {
                if (nameText.isEmpty()) {
                    item.problem(at + ".name: is required (lower-case letters, digits or '-', e.g. orders)");
                }
                continue;
            }
            if (!names.add(name.value())) {
                item.problem(at + ".name: '" + name + "' is used twice; each integration needs its own name");
                continue;
            }
            ConfigSection named = item.at("integrations[" + name + "]");
            IntegrationConfig integration = integration(named, name, sandbox, sandboxWritten, pollingDefaults,
                    adapters);
            named.mapping("retention").flatMap(RetentionReader::integrationArchiveDays)
                    .ifPresent(days -> archiveDaysOf.put(name.value(), days));
            if (integration != null) {
                result.add(integration);
            }
        }
        return result;
    }

    private static IntegrationConfig integration(ConfigSection node, IntegrationName name,
                                                 Optional<SandboxConfig> sandbox, boolean sandboxWritten,
                                                 PollingConfig pollingDefaults, ErpAdapters adapters) {
        String at = node.path();
        node.knownKeys(KEYS);
        String kindText = node.requiredText("kind", "purchase-orders, sales-orders or claims");
        IntegrationKind kind = kindText == null ? null
                : node.value(at + ".kind", () -> IntegrationKind.fromConfig(at + ".kind", kindText));
        Environment environment = environment(node, sandbox, sandboxWritten);
        RegistrationReader.Registration registration = RegistrationReader.read(node);
        ErpConfig erp = ErpReader.read(node, name, kind, adapters);
        PollingConfig polling = node.mapping("polling").map(p -> PollingReader.read(p, pollingDefaults))
                .orElse(pollingDefaults);
        Optional<LegacyBasicAuthConfig> legacyBasicAuth = node.mapping("legacyBasicAuth")
                .map(LegacyBasicAuthReader::read);
        ValidationMode validation = ValidationReader.read(node);
        JakamoSettings jakamo = node.mapping("jakamo").map(JakamoSettingsReader::read)
                .orElse(JakamoSettings.defaults());
        if (kind == null || environment == null || registration.clientId() == null || validation == null
                || erp == null || node.hasProblems()) {
            return null;
        }
        return new IntegrationConfig(name, kind, environment, registration.clientId(), registration.secret(),
                registration.certificate(), erp, polling, legacyBasicAuth, validation,
                jakamo);
    }

    private static Environment environment(ConfigSection node, Optional<SandboxConfig> sandbox,
                                           boolean sandboxWritten) {
        String at = node.path();
        String envText = node.requiredText("environment", "demo, production or sandbox");
        if (envText == null) {
            return null;
        }
        switch (envText) {
            case "demo" -> {
                return Environment.demo();
            }
            case "production" -> {
                return Environment.production();
            }
            case "sandbox" -> {
                if (sandbox.isEmpty() && sandboxWritten) {
                    return null;   // the sandbox section's own problems are reported already
                } else if (sandbox.isEmpty()) {
                    node.problem(at + ".environment: is sandbox, but there is no sandbox section "
                            + "(run 'jakamo-connector sandbox' to get one)");
                    return null;
                }
                return sandbox.get().environment();
            }
            default -> {
                node.problem(at + ".environment: must be demo, production or sandbox");
                return null;
            }
        }
    }
}
