package io.jakamoconnector.domain.model.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InboundStatusTest {

    /** The connector's inbound transitions (acknowledgement, redelivery, discard): each state offers exactly these. */
    @Test
    void eachStateOffersExactlyTheTransitionsTheConnectorMakes() {
        Map<String, Set<String>> expected = new TreeMap<>(Map.of(
                "Delivered", Set.of("acknowledge"),
                "Acknowledged", Set.of(),
                "Quarantined", Set.of("acknowledge", "redeliver"),
                "QuarantinedAcknowledged", Set.of("redeliver", "discard"),
                "Discarded", Set.of()));
        Map<String, Set<String>> actual = new TreeMap<>();
        for (Class<?> type : stateTypes(InboundStatus.class)) {
            actual.put(type.getSimpleName(), Arrays.stream(type.getMethods())
                    .filter(m -> !Modifier.isStatic(m.getModifiers()) && !m.isBridge())
                    .filter(m -> InboundStatus.class.isAssignableFrom(m.getReturnType()))
                    .map(Method::getName).collect(Collectors.toCollection(TreeSet::new)));
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void eachTransitionLeadsWhereTheStoresTakeTheMessage() {
        assertThat(new InboundStatus.Delivered().acknowledge()).isEqualTo(new InboundStatus.Acknowledged());
        assertThat(new InboundStatus.Quarantined().acknowledge())
                .isEqualTo(new InboundStatus.QuarantinedAcknowledged());
        assertThat(new InboundStatus.Quarantined().redeliver()).isEqualTo(new InboundStatus.Delivered());
        assertThat(new InboundStatus.QuarantinedAcknowledged().redeliver()).isEqualTo(new InboundStatus.Acknowledged());
        assertThat(new InboundStatus.QuarantinedAcknowledged().discard()).isEqualTo(new InboundStatus.Discarded());
    }

    @Test
    void theStatesAnswersFollowFromTheirTypes() {
        Map<InboundState, Optional<InboundState>> redelivery = new TreeMap<>();
        Map<InboundState, Optional<InboundState>> discard = new TreeMap<>();
        Set<InboundState> acknowledged = new TreeSet<>();
        for (InboundState s : InboundState.values()) {
            assertThat(s.status().state()).isEqualTo(s);
            redelivery.put(s, s.afterRedelivery());
            discard.put(s, s.afterDiscard());
            if (s.acknowledged()) {
                acknowledged.add(s);
            }
        }
        assertThat(redelivery).containsExactlyInAnyOrderEntriesOf(Map.of(
                InboundState.DELIVERED, Optional.empty(), InboundState.ACKNOWLEDGED, Optional.empty(),
                InboundState.QUARANTINED, Optional.of(InboundState.DELIVERED),
                InboundState.QUARANTINED_ACKNOWLEDGED, Optional.of(InboundState.ACKNOWLEDGED),
                InboundState.DISCARDED, Optional.empty()));
        assertThat(discard).containsExactlyInAnyOrderEntriesOf(Map.of(
                InboundState.DELIVERED, Optional.empty(), InboundState.ACKNOWLEDGED, Optional.empty(),
                InboundState.QUARANTINED, Optional.empty(),
                InboundState.QUARANTINED_ACKNOWLEDGED, Optional.of(InboundState.DISCARDED),
                InboundState.DISCARDED, Optional.empty()));
        assertThat(acknowledged).containsExactlyInAnyOrder(InboundState.ACKNOWLEDGED,
                InboundState.QUARANTINED_ACKNOWLEDGED, InboundState.DISCARDED);
    }

    private static Set<Class<?>> stateTypes(Class<?> sealed) {
        Set<Class<?>> types = new HashSet<>();
        for (Class<?> type : sealed.getPermittedSubclasses()) {
            if (type.isInterface()) {
                types.addAll(stateTypes(type));
            } else {
                types.add(type);
            }
        }
        return types;
    }
}
