package io.jakamoconnector.app.daemon;

import io.jakamoconnector.domain.model.attention.AttentionKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.Waiting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the readiness check lists under {@code attention}: each group of documents or messages that waits for a
 * person, and each integration Jakamo holds ({@code Retry-After}), with what to do. Empty when nothing waits.
 */
final class AttentionSummary {
    /** One line of the list: {@code kind} is a waiting state's code, {@code held} or {@code queue_blocked}. */
    record Item(IntegrationName integration, String kind, long count, Optional<Instant> oldestSince,
                Optional<Instant> until, String action, Optional<String> detail) {
        Item(IntegrationName integration, String kind, long count, Optional<Instant> oldestSince,
             Optional<Instant> until, String action) {
            this(integration, kind, count, oldestSince, until, action, Optional.empty());
        }
    }

    private AttentionSummary() {
    }

    static List<Item> of(List<Waiting> waiting, Map<IntegrationName, Instant> heldUntil) {
        return of(waiting, heldUntil, Map.of());
    }

    static List<Item> of(List<Waiting> waiting, Map<IntegrationName, Instant> heldUntil,
                         Map<IntegrationName, String> blocked) {
        return of(waiting, heldUntil, blocked, Map.of());
    }

    /**
     * @param blocked      why each blocked queue cannot move (the host and the key that would trust it)
     * @param pathsInDoubt why each queue path is in doubt (only bare 404s for a day), with the key that sets it
     */
    static List<Item> of(List<Waiting> waiting, Map<IntegrationName, Instant> heldUntil,
                         Map<IntegrationName, String> blocked, Map<IntegrationName, String> pathsInDoubt) {
        List<Item> items = new ArrayList<>();
        waiting.stream().sorted(Comparator.comparing((Waiting w) -> w.integration().value())
                        .thenComparing(Waiting::state))
                .forEach(w -> items.add(new Item(w.integration(), w.state().code(), w.count(),
                        Optional.of(w.oldestSince()), Optional.empty(), w.state().advice(w.integration().value()))));
        heldUntil.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(IntegrationName::value)))
                .forEach(e -> items.add(new Item(e.getKey(), "held", 1, Optional.empty(),
                        Optional.of(e.getValue()), "nothing: Jakamo asked not to "
                        + "be called before " + e.getValue() + " (Retry-After) and the connector waits; if it lasts, "
                        + "ask Jakamo's support")));
        blocked.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(IntegrationName::value)))
                .forEach(e -> items.add(new Item(e.getKey(), AttentionKind.QUEUE_BLOCKED.code(), 1, Optional.empty(),
                        Optional.empty(), "the queue waits at its head and nothing is taken from it: "
                        + (e.getValue().contains("trustedHosts") ? "check with Jakamo that the host in the detail is "
                        + "theirs, then add it to the key the detail names and restart"
                        : "read the detail and the service's log"), Optional.of(e.getValue()))));
        pathsInDoubt.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(IntegrationName::value)))
                .forEach(e -> items.add(new Item(e.getKey(), "queue_path_unconfirmed", 1, Optional.empty(),
                        Optional.empty(), "check the queue path in the detail with Jakamo; if it is wrong, set the key "
                        + "the detail names and restart (if Jakamo confirms it answers an empty queue so, nothing "
                        + "to do: this clears when the first message arrives)", Optional.of(e.getValue()))));
        return List.copyOf(items);
    }
}
