package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import java.time.Duration;
import java.util.Set;

/** {@code polling}, at the top level and in an integration: the loops' intervals and the number of senders. */
final class PollingReader {
    private PollingReader() {
    }

    static PollingConfig read(ConfigSection node, PollingConfig defaults) {
        node.knownKeys(Set.of("inboundSeconds", "outboundSeconds", "senders"));
        Duration inbound = node.integer("inboundSeconds", 1, PollingConfig.MAX_SECONDS).map(Duration::ofSeconds)
                .orElse(defaults.inbound());
        Duration outbound = node.integer("outboundSeconds", 1, PollingConfig.MAX_SECONDS).map(Duration::ofSeconds)
                .orElse(defaults.outbound());
        int senders = node.integer("senders", 1, PollingConfig.MAX_SENDERS).orElse(defaults.senders());
        return new PollingConfig(inbound, outbound, senders);
    }
}
