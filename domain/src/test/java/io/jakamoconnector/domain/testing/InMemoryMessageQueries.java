package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundQuery;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundQuery;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.Waiting;
import io.jakamoconnector.domain.model.sync.WaitingState;
import io.jakamoconnector.domain.port.out.MessageQueriesPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operator's view of an {@link InMemorySyncState}: listings newest first in pages, lookups, and what waits for a
 * person; it only reads. The store keeps no time of a document's last change, so an outbound document waits "since"
 * it was picked up here, where PostgreSQL says since its last change.
 */
public final class InMemoryMessageQueries implements MessageQueriesPort {
    private final InMemorySyncState store;

    public InMemoryMessageQueries(InMemorySyncState store) {
        this.store = store;
    }

    @Override
    public List<InboundRecord> listInbound(InboundQuery q) {
        List<InboundRecord> all = new ArrayList<>(store.inbound());
        Collections.reverse(all);   // the later recorded first among messages received at the same time
        return all.stream()
                .filter(r -> q.integration().map(r.integration()::equals).orElse(true))
                .filter(r -> q.state().map(r.state()::equals).orElse(true))
                .filter(r -> q.businessKey().map(k -> r.businessKey().equals(Optional.of(k))).orElse(true))
                .filter(r -> q.from().map(f -> !r.receivedAt().isBefore(f)).orElse(true))
                .filter(r -> q.until().map(r.receivedAt()::isBefore).orElse(true))
                .sorted(Comparator.comparing(InboundRecord::receivedAt).reversed())
                .skip(q.offset()).limit(q.limit()).toList();
    }

    @Override
    public List<OutboundRecord> listOutbound(OutboundQuery q) {
        return store.outbound().stream()
                .filter(r -> q.integration().map(r.integration()::equals).orElse(true))
                .filter(r -> q.state().map(r.state()::equals).orElse(true))
                .filter(r -> q.businessKey().map(k -> r.businessKey().equals(Optional.of(k))).orElse(true))
                .filter(r -> q.from().map(f -> !r.createdAt().isBefore(f)).orElse(true))
                .filter(r -> q.until().map(r.createdAt()::isBefore).orElse(true))
                .sorted(Comparator.comparing(OutboundRecord::createdAt).thenComparing(OutboundRecord::id).reversed())
                .skip(q.offset()).limit(q.limit()).toList();
    }

    @Override
    public Optional<InboundRecord> findInbound(IntegrationName integration, DedupKey key) {
        return store.findInbound(integration, key);
    }

    @Override
    public Optional<OutboundRecord> findOutbound(long id) {
        return store.findOutbound(id);
    }

    @Override
    public Optional<OutboundRecord> findOutbound(IntegrationName integration, ErpDocumentRef ref) {
        return store.outbound().stream().filter(r -> r.integration().equals(integration) && r.ref().equals(ref))
                .max(Comparator.comparingLong(OutboundRecord::id));
    }

    @Override
    public Optional<byte[]> quarantinedBytes(IntegrationName integration, DedupKey key) {
        return store.quarantinedBytes(integration, key);
    }

    @Override
    public List<Waiting> waitingForPerson() {
        Map<List<Object>, Waiting> groups = new LinkedHashMap<>();
        for (OutboundRecord r : store.outbound()) {
            waiting(() -> WaitingState.of(r.state())).ifPresent(s -> add(groups, r.integration(), s, r.createdAt()));
        }
        for (InboundRecord r : store.inbound()) {
            waiting(() -> WaitingState.of(r.state())).ifPresent(s -> add(groups, r.integration(), s, r.receivedAt()));
        }
        return List.copyOf(groups.values());
    }

    /** {@link WaitingState#of} is the one home of which states wait; it refuses the others. */
    private static Optional<WaitingState> waiting(Supplier<WaitingState> of) {
        try {
            return Optional.of(of.get());
        } catch (IllegalArgumentException doesNotWait) {
            return Optional.empty();
        }
    }

    private static void add(Map<List<Object>, Waiting> groups, IntegrationName integration, WaitingState state,
                            Instant since) {
        groups.merge(List.of(integration, state), new Waiting(integration, state, 1, since),
                (a, b) -> new Waiting(integration, state, a.count() + 1,
                        a.oldestSince().isBefore(b.oldestSince()) ? a.oldestSince() : b.oldestSince()));
    }
}
