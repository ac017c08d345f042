package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per integration: whether its queue path ever answered like a Jakamo queue in this process, else since when it
 * answered only a bare 404 (no body). Jakamo documents no such answer for an empty queue (API notes §2.1), and a
 * wrong path behind a front end answers exactly so; after {@link JakamoApiClient#QUEUE_PATH_UNCONFIRMED_AFTER} a
 * person is asked to check the path.
 */
final class QueuePathWatch {
    private static final class Evidence {
        volatile boolean answered;
        volatile Instant firstBare404;
    }

    private final Clock clock;
    private final Map<IntegrationName, Evidence> paths = new ConcurrentHashMap<>();

    QueuePathWatch(Clock clock) {
        this.clock = clock;
    }

    /** The queue path answered like a queue: its doubt, if any, is over for this process. */
    void answered(IntegrationName name) {
        paths.computeIfAbsent(name, n -> new Evidence()).answered = true;
    }

    /** The queue path answered a 404 without a body. */
    void bare404(IntegrationName name) {
        Evidence evidence = paths.computeIfAbsent(name, n -> new Evidence());
        synchronized (evidence) {
            if (evidence.firstBare404 == null) {
                evidence.firstBare404 = clock.instant();
            }
        }
    }

    /** What a person is told when the integration's queue path has answered only bare 404s for long enough. */
    Optional<String> unconfirmed(JakamoIntegration integration) {
        IntegrationName name = integration.name();
        Evidence evidence = paths.get(name);
        if (evidence == null || evidence.answered || evidence.firstBare404 == null
                || Duration.between(evidence.firstBare404, clock.instant())
                        .compareTo(JakamoApiClient.QUEUE_PATH_UNCONFIRMED_AFTER) < 0) {
            return Optional.empty();
        }
        String key = integration.kind() == IntegrationKind.CLAIMS ? "claimQueue" : "orderQueue";
        String path = key.equals("claimQueue") ? integration.options().paths().claimQueue()
                : integration.options().paths().orderQueue();
        return Optional.of("GET " + integration.basePath() + path + " has answered only a 404 without a body since "
                + evidence.firstBare404 + " and never like a Jakamo queue (a message, 204 or <status>): this path has "
                + "never answered like a Jakamo queue; check integrations[" + name + "].jakamo.paths." + key);
    }
}
