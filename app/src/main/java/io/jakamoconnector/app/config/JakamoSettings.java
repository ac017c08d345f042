package io.jakamoconnector.app.config;

import io.jakamoconnector.adapter.jakamo.JakamoPaths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How an integration talks to Jakamo where Jakamo's documentation and code disagree ({@code integrations[x].jakamo}).
 *
 * @param trustedHosts extra hosts ({@code host} or {@code host:port}) that acknowledgement, confirmation and attachment
 *                     URIs may name; the API host and the hosts Jakamo uses for the environment are always trusted
 * @param changeMethod {@code POST} or {@code PUT} for OrderChange and StatusMessage (and the claim equivalents); empty:
 *                     the adapter's default (POST, what Jakamo's own code sends)
 * @param paths        endpoint paths that replace the defaults, by name ({@code orderQueue}, {@code order},
 *                     {@code orderChange}, {@code orderResponse}, {@code orderAttachment}, {@code claimQueue},
 *                     {@code claim}, {@code claimChange}); checked when loaded
 */
public record JakamoSettings(List<String> trustedHosts, Optional<String> changeMethod, Map<String, String> paths) {
    /** The names {@code paths} may use, in the order of the adapter's {@code JakamoPaths}. */
    public static final List<String> PATH_NAMES = List.of("orderQueue", "order", "orderChange", "orderResponse",
            "orderAttachment", "claimQueue", "claim", "claimChange");

    public JakamoSettings {
        trustedHosts = List.copyOf(trustedHosts);
        if (changeMethod == null) {
            changeMethod = Optional.empty();
        }
        paths = paths == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(paths));
    }

    public JakamoSettings(List<String> trustedHosts, Optional<String> changeMethod) {
        this(trustedHosts, changeMethod, Map.of());
    }

    /** The adapter's default paths with the configured ones in their place (each checked by {@link JakamoPaths}). */
    public JakamoPaths paths(JakamoPaths base) {
        return new JakamoPaths(paths.getOrDefault("orderQueue", base.orderQueue()),
                paths.getOrDefault("order", base.order()), paths.getOrDefault("orderChange", base.orderChange()),
                paths.getOrDefault("orderResponse", base.orderResponse()),
                paths.getOrDefault("orderAttachment", base.orderAttachment()),
                paths.getOrDefault("claimQueue", base.claimQueue()), paths.getOrDefault("claim", base.claim()),
                paths.getOrDefault("claimChange", base.claimChange()));
    }

    public static JakamoSettings defaults() {
        return new JakamoSettings(List.of(), Optional.empty(), Map.of());
    }
}
