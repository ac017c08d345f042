package io.jakamoconnector.app.config;

import java.util.List;
import java.util.Optional;

/**
 * How an integration talks to Jakamo where Jakamo's documentation and code disagree ({@code integrations[x].jakamo}).
 *
 * @param trustedHosts extra hosts ({@code host} or {@code host:port}) that acknowledgement, confirmation and attachment
 *                     URIs may name; the API host and the hosts Jakamo uses for the environment are always trusted
 * @param changeMethod {@code POST} or {@code PUT} for OrderChange and StatusMessage (and the claim equivalents); empty:
 *                     the adapter's default (POST, what Jakamo's own code sends)
 */
public record JakamoSettings(List<String> trustedHosts, Optional<String> changeMethod) {
    public JakamoSettings {
        trustedHosts = List.copyOf(trustedHosts);
        if (changeMethod == null) {
            changeMethod = Optional.empty();
        }
    }

    public static JakamoSettings defaults() {
        return new JakamoSettings(List.of(), Optional.empty());
    }
}
