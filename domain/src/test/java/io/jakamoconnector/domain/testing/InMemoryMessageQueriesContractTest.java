package io.jakamoconnector.domain.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundQuery;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundQuery;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.Waiting;
import io.jakamoconnector.domain.port.out.MessageQueriesPort;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.port.out.InboundStatePort;
import io.jakamoconnector.domain.port.out.OutboundStatePort;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class InMemoryMessageQueriesContractTest extends MessageQueriesPortContract {
    private final InMemoryQueueLeases leases = new InMemoryQueueLeases();
    private final Map<IntegrationName, QueueLease> held = new HashMap<>();
    private Function<InMemorySyncState, MessageQueriesPort> variant = InMemoryMessageQueries::new;
    private InMemorySyncState store;

    @Override
    protected OutboundStatePort newSyncState() {
        store = new InMemorySyncState();
        return store;
    }

    @Override
    protected InboundStatePort inboundOfSameStore() {
        return store;
    }

    @Override
    protected MessageQueriesPort queries() {
        return variant.apply(store);
    }

    @Override
    protected QueueLease heldLease(IntegrationName integration) {
        return held.computeIfAbsent(integration, i -> leases.tryAcquire(i, "test").orElseThrow());
    }

    // The contract bites: each broken view below fails the promise it breaks.

    private static InMemoryMessageQueriesContractTest against(Function<InMemorySyncState, MessageQueriesPort> broken) {
        InMemoryMessageQueriesContractTest contract = new InMemoryMessageQueriesContractTest();
        contract.variant = broken;
        contract.createStore();
        return contract;
    }

    @Test
    void pagesThatOverlapFailTheContract() {
        InMemoryMessageQueriesContractTest contract = against(store -> new OverlappingPages(
                new InMemoryMessageQueries(store)));
        assertThatThrownBy(contract::inboundMessagesAreListedNewestFirstInPagesThatNeitherSkipNorRepeat)
                .isInstanceOf(AssertionError.class).hasMessageContaining("each message once");
    }

    @Test
    void aReferenceLookupThatFindsTheOldestFailsTheContract() {
        InMemoryMessageQueriesContractTest contract = against(store -> new OldestByReference(store,
                new InMemoryMessageQueries(store)));
        assertThatThrownBy(contract::aHandedOverDocumentIsFoundByItsIntegrationAndReferenceTheNewestWhenTheReferenceWasReused)
                .isInstanceOf(AssertionError.class);
    }

    /** Finds the first document handed over under a reference, as a lookup without an order would, often. */
    private record OldestByReference(InMemorySyncState store, InMemoryMessageQueries view)
            implements MessageQueriesPort {
        @Override
        public List<InboundRecord> listInbound(InboundQuery q) {
            return view.listInbound(q);
        }

        @Override
        public List<OutboundRecord> listOutbound(OutboundQuery q) {
            return view.listOutbound(q);
        }

        @Override
        public Optional<InboundRecord> findInbound(IntegrationName integration, DedupKey key) {
            return view.findInbound(integration, key);
        }

        @Override
        public Optional<OutboundRecord> findOutbound(long id) {
            return view.findOutbound(id);
        }

        @Override
        public Optional<OutboundRecord> findOutbound(IntegrationName integration, ErpDocumentRef ref) {
            return store.outbound().stream().filter(r -> r.integration().equals(integration) && r.ref().equals(ref))
                    .min(java.util.Comparator.comparingLong(OutboundRecord::id));
        }

        @Override
        public Optional<byte[]> quarantinedBytes(IntegrationName integration, DedupKey key) {
            return view.quarantinedBytes(integration, key);
        }

        @Override
        public List<Waiting> waitingForPerson() {
            return view.waitingForPerson();
        }
    }

    @Test
    void aLookupThatAcknowledgesFailsTheContract() {
        InMemoryMessageQueriesContractTest contract = against(AcknowledgingLookup::new);
        assertThatThrownBy(contract::lookingChangesNothing)
                .isInstanceOf(AssertionError.class).hasMessageContaining("after looking");
    }

    /** Starts each page after the first one message early, as an off-by-one in the offset would. */
    private record OverlappingPages(InMemoryMessageQueries view) implements MessageQueriesPort {
        @Override
        public List<InboundRecord> listInbound(InboundQuery q) {
            return view.listInbound(new InboundQuery(q.integration(), q.state(), q.businessKey(), q.from(), q.until(),
                    q.limit(), Math.max(0, q.offset() - 1)));
        }

        @Override
        public List<OutboundRecord> listOutbound(OutboundQuery q) {
            return view.listOutbound(q);
        }

        @Override
        public Optional<InboundRecord> findInbound(IntegrationName integration, DedupKey key) {
            return view.findInbound(integration, key);
        }

        @Override
        public Optional<OutboundRecord> findOutbound(long id) {
            return view.findOutbound(id);
        }

        @Override
        public Optional<OutboundRecord> findOutbound(IntegrationName integration, ErpDocumentRef ref) {
            return view.findOutbound(integration, ref);
        }

        @Override
        public Optional<byte[]> quarantinedBytes(IntegrationName integration, DedupKey key) {
            return view.quarantinedBytes(integration, key);
        }

        @Override
        public List<Waiting> waitingForPerson() {
            return view.waitingForPerson();
        }
    }

    /** Marks a message acknowledged when someone looks it up, as a "seen" flag written by a read would. */
    private record AcknowledgingLookup(InMemorySyncState store, InMemoryMessageQueries view)
            implements MessageQueriesPort {
        AcknowledgingLookup(InMemorySyncState store) {
            this(store, new InMemoryMessageQueries(store));
        }

        @Override
        public List<InboundRecord> listInbound(InboundQuery q) {
            return view.listInbound(q);
        }

        @Override
        public List<OutboundRecord> listOutbound(OutboundQuery q) {
            return view.listOutbound(q);
        }

        @Override
        public Optional<InboundRecord> findInbound(IntegrationName integration, DedupKey key) {
            Optional<InboundRecord> found = view.findInbound(integration, key);
            found.ifPresent(r -> store.recordAcknowledged(integration, key, Instant.EPOCH));
            return found;
        }

        @Override
        public Optional<OutboundRecord> findOutbound(long id) {
            return view.findOutbound(id);
        }

        @Override
        public Optional<OutboundRecord> findOutbound(IntegrationName integration, ErpDocumentRef ref) {
            return view.findOutbound(integration, ref);
        }

        @Override
        public Optional<byte[]> quarantinedBytes(IntegrationName integration, DedupKey key) {
            return view.quarantinedBytes(integration, key);
        }

        @Override
        public List<Waiting> waitingForPerson() {
            return view.waitingForPerson();
        }
    }
}
