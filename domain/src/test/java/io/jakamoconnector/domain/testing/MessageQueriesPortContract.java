package io.jakamoconnector.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundQuery;
import io.jakamoconnector.domain.model.sync.InboundReceipt;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.InboundState;
import io.jakamoconnector.domain.model.sync.OutboundQuery;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundRegistration;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.model.sync.Waiting;
import io.jakamoconnector.domain.model.sync.WaitingState;
import io.jakamoconnector.domain.port.out.MessageQueriesPort;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.port.out.InboundStatePort;
import io.jakamoconnector.domain.port.out.OutboundStatePort;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageQueriesPort} must do; run against the in-memory store and PostgreSQL alike. What an operator
 * lists is the newest first, filtered as asked, in pages that neither skip nor repeat; and looking changes nothing.
 * The state is written through the {@link InboundStatePort} and {@link OutboundStatePort} of the store the queries
 * read.
 */
public abstract class MessageQueriesPortContract {
    protected static final IntegrationName ORDERS = new IntegrationName("orders");
    protected static final IntegrationName CLAIMS = new IntegrationName("claims");
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private final DocumentReader reader = new DocumentReader();
    private OutboundStatePort state;
    private InboundStatePort inbound;
    private MessageQueriesPort queries;

    /** A fresh, empty store, its outbound side; {@link #queries()} then reads the same one. */
    protected abstract OutboundStatePort newSyncState();

    /** The inbound side of the store {@link #newSyncState()} made last. */
    protected abstract InboundStatePort inboundOfSameStore();

    protected abstract MessageQueriesPort queries();

    /** A lease on the integration's queue, held by this test. */
    protected abstract QueueLease heldLease(IntegrationName integration);

    @BeforeEach
    void createStore() {
        state = newSyncState();
        inbound = inboundOfSameStore();
        queries = queries();
    }

    private static DedupKey key(int n) {
        return new DedupKey(Sha256.of(("q" + n).getBytes(StandardCharsets.UTF_8)).hex());
    }

    private InboundReceipt receipt(IntegrationName integration, int n, String order, Instant at) {
        return new InboundReceipt(integration, key(n), DocumentType.ORDER_RESPONSE, Optional.of(new BusinessKey(order)),
                Sha256.of(("body" + n).getBytes(StandardCharsets.UTF_8)), at);
    }

    private void delivered(IntegrationName integration, int n, String order, Instant at) {
        inbound.recordDelivered(receipt(integration, n, order, at), heldLease(integration), () -> "m" + n + ".xml");
    }

    private OutboundRecord registered(IntegrationName integration, String order, Instant at) {
        Document d = reader.readDocument(Documents.order(order).getBytes(StandardCharsets.UTF_8));
        OutboundRegistration r = state.registerOutbound(integration,
                new OutgoingDocument(new ErpDocumentRef(order + ".xml"), d, order + ".xml"), Optional.empty(), at);
        assertThat(r).isInstanceOf(OutboundRegistration.Registered.class);
        return ((OutboundRegistration.Registered) r).record();
    }

    private static InboundQuery inbound(Optional<IntegrationName> integration, Optional<InboundState> s,
                                        Optional<BusinessKey> key, Optional<Instant> from, Optional<Instant> until,
                                        int limit, int offset) {
        return new InboundQuery(integration, s, key, from, until, limit, offset);
    }

    @Test
    void inboundMessagesAreListedNewestFirstInPagesThatNeitherSkipNorRepeat() {
        for (int i = 1; i <= 12; i++) {
            delivered(ORDERS, i, "PO-" + i, T0.plusSeconds(i));
        }

        List<Instant> paged = new ArrayList<>();
        for (int offset = 0; offset < 15; offset += 5) {
            queries.listInbound(inbound(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), 5, offset)).forEach(r -> paged.add(r.receivedAt()));
        }

        List<Instant> newestFirst = new ArrayList<>();
        for (int i = 12; i >= 1; i--) {
            newestFirst.add(T0.plusSeconds(i));
        }
        assertThat(paged).as("three pages of five, newest first, each message once").isEqualTo(newestFirst);
    }

    @Test
    void inboundFiltersCombineAndTheTimeWindowIncludesItsStartButNotItsEnd() {
        for (int i = 1; i <= 8; i++) {
            delivered(i % 2 == 0 ? ORDERS : CLAIMS, i, i % 4 == 0 ? "PO-FOUR" : "PO-" + i, T0.plusSeconds(i));
        }
        inbound.recordAcknowledged(ORDERS, key(2), T0.plusSeconds(60));
        inbound.recordAcknowledged(ORDERS, key(4), T0.plusSeconds(60));

        assertThat(queries.listInbound(inbound(Optional.of(ORDERS), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 100, 0))).extracting(InboundRecord::dedupKey)
                .containsExactly(key(8), key(6), key(4), key(2));
        assertThat(queries.listInbound(inbound(Optional.of(ORDERS), Optional.of(InboundState.ACKNOWLEDGED),
                Optional.empty(), Optional.empty(), Optional.empty(), 100, 0))).extracting(InboundRecord::dedupKey)
                .containsExactly(key(4), key(2));
        assertThat(queries.listInbound(inbound(Optional.empty(), Optional.empty(),
                Optional.of(new BusinessKey("PO-FOUR")), Optional.empty(), Optional.empty(), 100, 0)))
                .extracting(InboundRecord::dedupKey).containsExactly(key(8), key(4));
        assertThat(queries.listInbound(inbound(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(T0.plusSeconds(3)), Optional.of(T0.plusSeconds(6)), 100, 0)))
                .extracting(InboundRecord::dedupKey).as("from inclusive, until exclusive")
                .containsExactly(key(5), key(4), key(3));
    }

    @Test
    void outboundDocumentsAreListedNewestFirstInPagesAndByIntegrationAndKey() {
        List<Long> newestFirst = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            newestFirst.add(0, registered(i == 7 ? CLAIMS : ORDERS, "PO-" + i, T0.plusSeconds(i)).id());
        }

        List<Long> paged = new ArrayList<>();
        for (int offset = 0; offset < 9; offset += 3) {
            queries.listOutbound(new OutboundQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), 3, offset)).forEach(r -> paged.add(r.id()));
        }

        assertThat(paged).as("three pages of three, newest first, each document once").isEqualTo(newestFirst);
        assertThat(queries.listOutbound(new OutboundQuery(Optional.of(CLAIMS), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 10, 0))).extracting(OutboundRecord::id)
                .containsExactly(newestFirst.get(0));
        assertThat(queries.listOutbound(new OutboundQuery(Optional.empty(), Optional.of(OutboundState.PENDING),
                Optional.of(new BusinessKey("PO-3")), Optional.empty(), Optional.empty(), 10, 0)))
                .extracting(OutboundRecord::id).containsExactly(newestFirst.get(4));
    }

    @Test
    void lookupsFindWhatIsThereAndNothingElse() {
        delivered(ORDERS, 1, "PO-1", T0);
        inbound.recordQuarantined(receipt(ORDERS, 2, "PO-2", T0.plusSeconds(1)), heldLease(ORDERS),
                new byte[] {'<', 0, (byte) 0xff}, "not XML");
        OutboundRecord sent = registered(ORDERS, "PO-3", T0);

        assertThat(queries.findInbound(ORDERS, key(1))).hasValueSatisfying(
                r -> assertThat(r.state()).isEqualTo(InboundState.DELIVERED));
        assertThat(queries.findInbound(CLAIMS, key(1))).as("another integration's key").isEmpty();
        assertThat(queries.findOutbound(sent.id())).hasValueSatisfying(r -> assertThat(r.ref()).isEqualTo(sent.ref()));
        assertThat(queries.findOutbound(sent.id() + 1000)).isEmpty();
        assertThat(queries.quarantinedBytes(ORDERS, key(2))).hasValueSatisfying(
                b -> assertThat(b).containsExactly('<', 0, (byte) 0xff));
        assertThat(queries.quarantinedBytes(ORDERS, key(1))).as("a delivered message keeps no raw bytes").isEmpty();
    }

    @Test
    void aHandedOverDocumentIsFoundByItsIntegrationAndReferenceTheNewestWhenTheReferenceWasReused() {
        OutboundRecord first = registered(ORDERS, "PO-7", T0);
        Document other = reader.readDocument(Documents.order("PO-8").getBytes(StandardCharsets.UTF_8));
        OutboundRegistration again = state.registerOutbound(ORDERS, new OutgoingDocument(first.ref(), other,
                first.ref().value()), Optional.empty(), T0.plusSeconds(5));
        OutboundRecord second = ((OutboundRegistration.Registered) again).record();
        registered(CLAIMS, "PO-9", T0);

        assertThat(queries.findOutbound(ORDERS, first.ref())).hasValueSatisfying(
                r -> assertThat(r.id()).isEqualTo(second.id()));
        assertThat(queries.findOutbound(ORDERS, new ErpDocumentRef("PO-9.xml"))).as("another integration's")
                .isEmpty();
        assertThat(queries.findOutbound(CLAIMS, new ErpDocumentRef("PO-9.xml"))).isPresent();
        assertThat(queries.findOutbound(ORDERS, new ErpDocumentRef("nothing.xml"))).isEmpty();
    }

    @Test
    void whatWaitsForAPersonIsCountedPerIntegrationAndStateWithTheOldest() {
        assertThat(queries.waitingForPerson()).isEmpty();
        delivered(ORDERS, 1, "PO-1", T0);
        inbound.recordQuarantined(receipt(CLAIMS, 2, "C-2", T0.plusSeconds(5)), heldLease(CLAIMS), new byte[] {1}, "x");
        inbound.recordQuarantined(receipt(CLAIMS, 3, "C-3", T0.plusSeconds(9)), heldLease(CLAIMS), new byte[] {1}, "x");

        assertThat(queries.waitingForPerson())
                .containsExactly(new Waiting(CLAIMS, WaitingState.QUARANTINED, 2, T0.plusSeconds(5)));
    }

    @Test
    void lookingChangesNothing() {
        delivered(ORDERS, 1, "PO-1", T0);
        inbound.recordQuarantined(receipt(ORDERS, 2, "PO-2", T0.plusSeconds(1)), heldLease(ORDERS), new byte[] {1}, "x");
        OutboundRecord pending = registered(ORDERS, "PO-3", T0);
        InboundQuery everyInbound = InboundQuery.newest(100);
        OutboundQuery everyOutbound = OutboundQuery.newest(100);
        List<InboundRecord> inboundBefore = queries.listInbound(everyInbound);
        List<OutboundRecord> outboundBefore = queries.listOutbound(everyOutbound);

        for (int round = 0; round < 2; round++) {
            queries.findInbound(ORDERS, key(1));
            queries.findInbound(ORDERS, key(2));
            queries.findOutbound(pending.id());
            queries.quarantinedBytes(ORDERS, key(2));
            queries.waitingForPerson();
            queries.listInbound(everyInbound);
            queries.listOutbound(everyOutbound);
        }

        assertThat(queries.listInbound(everyInbound)).as("the inbound messages after looking").isEqualTo(inboundBefore);
        assertThat(queries.listOutbound(everyOutbound)).as("the outbound documents after looking")
                .isEqualTo(outboundBefore);
        assertThat(state.claimNext(ORDERS, "sender", T0.plusSeconds(1), Duration.ofMinutes(5)))
                .as("the pending document is still there to send").map(w -> w.record().id()).contains(pending.id());
    }
}
