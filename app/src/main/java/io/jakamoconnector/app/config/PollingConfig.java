package io.jakamoconnector.app.config;

import java.time.Duration;

/**
 * How often an integration's two loops run, and how many of its documents are sent at once.
 *
 * @param inbound  the pause between two polls of the integration's Jakamo queue ({@code polling.inboundSeconds})
 * @param outbound the pause between two scans of {@code to_jakamo/} with sending of due documents
 *                 ({@code polling.outboundSeconds})
 * @param senders  documents sent at the same time for the integration ({@code polling.senders}); each sender claims
 *                 its own document, so they never send one twice
 */
public record PollingConfig(Duration inbound, Duration outbound, int senders) {
    public static final int MAX_SECONDS = 3600;
    public static final int MAX_SENDERS = 16;

    public PollingConfig {
        if (inbound == null || inbound.isNegative() || inbound.isZero()
                || outbound == null || outbound.isNegative() || outbound.isZero()) {
            throw new IllegalArgumentException("polling: intervals must be positive");
        }
        if (senders < 1 || senders > MAX_SENDERS) {
            throw new IllegalArgumentException("polling.senders: must be from 1 to " + MAX_SENDERS);
        }
    }

    /** Jakamo's own connector polls every 30 s; documents from the ERP go out within about 10 s. */
    public static PollingConfig defaults() {
        return new PollingConfig(Duration.ofSeconds(30), Duration.ofSeconds(10), 2);
    }
}
