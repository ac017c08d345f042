package io.jakamoconnector.app.daemon;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the service has told that no integration can get an access token. One integration whose token fails is a
 * WARN (and a notification) of its own; when every configured integration's last token request failed, the service
 * cannot exchange anything with Jakamo: one ERROR for the episode, however many rounds and loops meet it, and one
 * INFO when the first integration gets a token again.
 */
public final class TokenOutage {
    private static final Logger LOG = LoggerFactory.getLogger(TokenOutage.class);
    private final Set<IntegrationName> integrations;
    private final Clock clock;
    /** Each integration's failure since its last token, by reason; absent when its last request worked. */
    private final Map<IntegrationName, String> failing = new HashMap<>();
    private Instant since;

    public TokenOutage(Set<IntegrationName> integrations, Clock clock) {
        this.integrations = Set.copyOf(integrations);
        this.clock = clock;
    }

    /** An integration's token request failed, for {@code reason} (a code such as {@code invalid_client}). */
    public synchronized void failed(IntegrationName integration, String reason) {
        failing.put(integration, reason);
        if (since != null || integrations.isEmpty() || !failing.keySet().containsAll(integrations)) {
            return;
        }
        since = clock.instant();
        LOG.error("no integration can get an access token ({}); the service cannot send to or receive from Jakamo "
                + "until one can. To do: run 'jakamo-connector token --integration NAME' for each (it says what to "
                + "change: the secret, its expiry, the app's approval), and check that this host reaches Entra ID "
                + "('jakamo-connector doctor'). The service tries again each round.", byName());
    }

    /** The failing integrations and their reasons, by name, for the log. */
    private Map<String, String> byName() {
        Map<String, String> sorted = new java.util.TreeMap<>();
        failing.forEach((integration, reason) -> sorted.put(integration.value(),
                reason.toLowerCase(java.util.Locale.ROOT)));
        return sorted;
    }

    /** An integration got a token. */
    public synchronized void succeeded(IntegrationName integration) {
        if (failing.remove(integration) == null || since == null) {
            return;
        }
        LOG.info("{} got an access token again after {} s; the service works again", integration,
                Duration.between(since, clock.instant()).toSeconds());
        since = null;
    }
}
