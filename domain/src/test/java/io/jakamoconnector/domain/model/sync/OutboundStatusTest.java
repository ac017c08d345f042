package io.jakamoconnector.domain.model.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OutboundStatusTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Optional<String> NONE = Optional.empty();

    /**
     * The connector's transition table, as the senders, the expiry of abandoned sends and {@link OutboundFix} use it:
     * every state type offers exactly these, so one added or removed by mistake fails here before it compiles
     * anywhere else.
     */
    @Test
    void eachStateOffersExactlyTheTransitionsTheConnectorMakes() {
        Map<String, Set<String>> expected = new TreeMap<>(Map.of(
                "Pending", Set.of("claim", "startSending"),
                "Sending", Set.of("end", "abandon"),
                "Sent", Set.of(),
                "Refused", Set.of("retry", "discard"),
                "RefusedLocally", Set.of("correct", "discard"),
                "Dead", Set.of("retry", "discard"),
                "InDoubt", Set.of("resolveAsSent", "resolveAsNotSent", "discard"),
                "Discarded", Set.of()));
        Map<String, Set<String>> actual = new TreeMap<>();
        for (Class<?> type : stateTypes(OutboundStatus.class)) {
            actual.put(type.getSimpleName(), Arrays.stream(type.getMethods())
                    .filter(m -> !Modifier.isStatic(m.getModifiers()))
                    .filter(m -> OutboundStatus.class.isAssignableFrom(m.getReturnType()))
                    .map(Method::getName).collect(Collectors.toCollection(TreeSet::new)));
        }
        assertThat(actual).isEqualTo(expected);
    }

    /** The records a sealed type permits, through its sealed sub-interfaces. */
    private static Set<Class<?>> stateTypes(Class<?> sealed) {
        Set<Class<?>> types = new java.util.HashSet<>();
        for (Class<?> type : sealed.getPermittedSubclasses()) {
            if (type.isInterface()) {
                types.addAll(stateTypes(type));
            } else {
                types.add(type);
            }
        }
        return types;
    }

    @Test
    void aPendingDocumentIsClaimedThenStartedByItsClaimantWithOneMoreAttempt() {
        OutboundStatus.Pending retrying = new OutboundStatus.Pending(1, Optional.of(T0), NONE, Optional.of("503"));
        OutboundStatus.Pending claimed = retrying.claim("node-a");
        assertThat(claimed.state()).isEqualTo(OutboundState.PENDING);
        assertThat(claimed.claimedBy("node-a")).isTrue();
        assertThat(claimed.claimedBy("node-b")).isFalse();
        assertThat(claimed.startSending())
                .isEqualTo(new OutboundStatus.Sending("node-a", 2, Optional.of(T0), Optional.of("503")));
        assertThatThrownBy(() -> retrying.startSending()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unclaimed");
    }

    @Test
    void aSendersAttemptEndsInTheStateItsEndNames() {
        OutboundStatus.Sending sending = new OutboundStatus.Sending("n", 2, NONE_AT, Optional.of("503"));
        assertThat(sending.end(new AttemptEnd.Sent())).isEqualTo(new OutboundStatus.Sent(2, NONE));
        assertThat(sending.end(new AttemptEnd.Refused("bad")))
                .isEqualTo(new OutboundStatus.Refused(2, Optional.of("bad")));
        assertThat(sending.end(new AttemptEnd.OutOfAttempts("gone")))
                .isEqualTo(new OutboundStatus.Dead(2, Optional.of("gone")));
        assertThat(sending.end(new AttemptEnd.InDoubt("lost")))
                .isEqualTo(new OutboundStatus.InDoubt(2, Optional.of("lost")));
        assertThat(sending.end(new AttemptEnd.RetryAt(T0, "429")))
                .isEqualTo(new OutboundStatus.Pending(2, Optional.of(T0), NONE, Optional.of("429")));
    }

    @Test
    void anAbandonedSendIsDueAgainWhenRepeatableAndInDoubtOtherwise() {
        OutboundStatus.Sending sending = new OutboundStatus.Sending("node-a", 1, Optional.of(T0), NONE);
        assertThat(sending.abandon(true)).isEqualTo(new OutboundStatus.Pending(1, NONE_AT, NONE,
                Optional.of("the sender node-a stopped while sending; sent again, as repeating it is harmless")));
        assertThat(sending.abandon(false)).isEqualTo(new OutboundStatus.InDoubt(1,
                Optional.of("the sender node-a stopped while sending")));
    }

    @Test
    void aRetryOrACorrectedFileStartsAgainFromTheFirstAttempt() {
        assertThat(new OutboundStatus.Refused(3, Optional.of("bad")).retry()).isEqualTo(OutboundStatus.Pending.fresh());
        assertThat(new OutboundStatus.Dead(5, Optional.of("gone")).retry()).isEqualTo(OutboundStatus.Pending.fresh());
        assertThat(new OutboundStatus.RefusedLocally(Optional.of("unreadable")).correct())
                .isEqualTo(new OutboundStatus.Pending(0, NONE_AT, NONE, NONE));
        assertThat(new OutboundStatus.RefusedLocally(NONE)).isNotInstanceOf(OutboundStatus.Retryable.class);
        assertThatThrownBy(() -> new OutboundStatus.Refused(0, NONE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDocumentInDoubtIsResolvedOrDiscardedKeepingItsDoubtAsTheLastError() {
        OutboundStatus.InDoubt doubt = new OutboundStatus.InDoubt(1, Optional.of("lost"));
        assertThat(doubt.resolveAsSent()).isEqualTo(new OutboundStatus.Sent(1, Optional.of("lost")));
        assertThat(doubt.resolveAsNotSent()).isEqualTo(OutboundStatus.Pending.fresh());
        assertThat(doubt.discard()).isEqualTo(new OutboundStatus.Discarded(1, Optional.of("lost")));
        assertThat(new OutboundStatus.Dead(4, Optional.of("gone")).discard())
                .isEqualTo(new OutboundStatus.Discarded(4, Optional.of("gone")));
        assertThat(new OutboundStatus.RefusedLocally(Optional.of("unreadable")).discard())
                .isEqualTo(new OutboundStatus.Discarded(0, Optional.of("unreadable")));
    }

    /** Rows as the persistence adapter returns them, with the fields they legitimately keep beyond their state. */
    @Test
    void theStatusOfAStoredRowIsItsStateTypeAndWritingItBackChangesNothing() {
        Map<OutboundRecord, OutboundStatus> rows = Map.of(
                row(OutboundState.PENDING, 1, Optional.of(T0), Optional.of("node-a"), Optional.of("503")),
                new OutboundStatus.Pending(1, Optional.of(T0), Optional.of("node-a"), Optional.of("503")),
                row(OutboundState.SENDING, 2, Optional.of(T0), Optional.of("node-a"), Optional.of("503")),
                new OutboundStatus.Sending("node-a", 2, Optional.of(T0), Optional.of("503")),
                row(OutboundState.SENT, 1, NONE_AT, NONE, Optional.of("lost")),
                new OutboundStatus.Sent(1, Optional.of("lost")),
                row(OutboundState.FAILED, 0, NONE_AT, NONE, Optional.of("unreadable")),
                new OutboundStatus.RefusedLocally(Optional.of("unreadable")),
                row(OutboundState.FAILED, 1, NONE_AT, NONE, Optional.of("bad")),
                new OutboundStatus.Refused(1, Optional.of("bad")),
                row(OutboundState.DEAD, 5, NONE_AT, NONE, Optional.of("gone")),
                new OutboundStatus.Dead(5, Optional.of("gone")),
                row(OutboundState.IN_DOUBT, 1, NONE_AT, NONE, Optional.of("lost")),
                new OutboundStatus.InDoubt(1, Optional.of("lost")),
                row(OutboundState.DISCARDED, 2, NONE_AT, NONE, Optional.of("bad")),
                new OutboundStatus.Discarded(2, Optional.of("bad")));
        rows.forEach((record, status) -> {
            assertThat(record.status()).as(record.state().name()).isEqualTo(status);
            assertThat(record.moveTo(record.status())).as(record.state().name()).isEqualTo(record);
        });
    }

    @Test
    void aSendingRowWithNoClaimantIsABug() {
        assertThatThrownBy(() -> row(OutboundState.SENDING, 1, NONE_AT, NONE, NONE).status())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no claimant");
    }

    private static final Optional<Instant> NONE_AT = Optional.empty();

    private static OutboundRecord row(OutboundState state, int attempts, Optional<Instant> next,
                                      Optional<String> claimant, Optional<String> error) {
        return new OutboundRecord(7, new IntegrationName("orders"), new ErpDocumentRef("po-7.xml"),
                Sha256.of(new byte[] {7}), DocumentType.ORDER, Optional.of(new BusinessKey("PO-7")), state, attempts,
                T0, next, claimant, error, true);
    }
}
