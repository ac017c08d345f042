package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import io.jakamoconnector.adapter.jakamo.JakamoIntegration;
import io.jakamoconnector.adapter.jakamo.JakamoPaths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code integrations[x].jakamo}: {@code trustedHosts} (a list, or one comma-separated value from the environment),
 * {@code changeMethod} and {@code paths}, each checked by the Jakamo adapter's own rules.
 */
final class JakamoSettingsReader {
    private JakamoSettingsReader() {
    }

    static JakamoSettings read(ConfigSection node) {
        String at = node.path();
        node.knownKeys(Set.of("trustedHosts", "changeMethod", "paths"));
        List<String> hosts = new ArrayList<>();
        Optional<List<String>> list = node.writtenTextList("trustedHosts").filter(l -> !node.overridden("trustedHosts"));
        if (list.isPresent()) {
            hosts.addAll(list.get());
        } else {
            node.text("trustedHosts").ifPresent(text -> Arrays.stream(text.split(",")).map(String::strip)
                    .filter(h -> !h.isEmpty()).forEach(hosts::add));
        }
        List<String> valid = new ArrayList<>();
        for (String host : hosts) {
            String checked = node.value(at + ".trustedHosts", () -> JakamoIntegration.trustedHost(host));
            if (checked != null) {
                valid.add(host.strip());
            }
        }
        Optional<String> method = node.text("changeMethod").map(m -> m.strip().toUpperCase(Locale.ROOT));
        if (method.isPresent() && !method.get().equals("POST") && !method.get().equals("PUT")) {
            node.problem(at + ".changeMethod: must be POST or PUT (the verb Jakamo accepts for OrderChange and "
                    + "StatusMessage; a 405 names it in the log)");
            method = Optional.empty();
        }
        Map<String, String> paths = new TreeMap<>();
        node.mapping("paths").ifPresent(p -> {
            p.knownKeys(Set.copyOf(JakamoSettings.PATH_NAMES));
            for (String name : JakamoSettings.PATH_NAMES) {
                p.text(name).ifPresent(v -> paths.put(name, v.strip()));
            }
        });
        if (!paths.isEmpty()) {
            node.value(at + ".paths", () -> new JakamoSettings(List.of(), Optional.empty(), paths)
                    .paths(JakamoPaths.defaults()));
        }
        return new JakamoSettings(valid, method, paths);
    }
}
