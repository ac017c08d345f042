package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per integration, the earliest instant Jakamo asked to be called again ({@code Retry-After}), so that no
 * request of any kind (a poll, an acknowledgement, a send from another thread) goes out before it.
 *
 * <p>When that instant has passed, one request goes first and the others wait for its answer: had they all been let
 * go together, the first answer could be another {@code Retry-After} while the rest were already on their way, each
 * of them a request Jakamo had just asked not to get. Without a {@code Retry-After} on record, requests pass at once
 * and together.
 */
final class ThrottleGate {
    private final Map<IntegrationName, State> states = new ConcurrentHashMap<>();
    private final Clock clock;

    /** One integration's gate; guarded by itself. */
    private static final class State {
        Instant notBefore;
        boolean probing;
    }

    /** What a request holds while it is on its way; closed once its answer (or failure) has been seen. */
    interface Passage extends AutoCloseable {
        @Override
        void close();
    }

    private static final Passage FREE = () -> { };

    /** Why a request was not let through. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Duration remaining;

        Refused(Duration remaining) {
            super("Jakamo asked not to be called for another " + remaining.toSeconds() + " s (Retry-After)");
            this.remaining = remaining;
        }

        Duration remaining() {
            return remaining;
        }
    }

    ThrottleGate(Clock clock) {
        this.clock = clock;
    }

    void holdUntil(IntegrationName integration, Instant until) {
        State state = states.computeIfAbsent(integration, k -> new State());
        synchronized (state) {
            if (state.notBefore == null || until.isAfter(state.notBefore)) {
                state.notBefore = until;
            }
            state.notifyAll();
        }
    }

    /**
     * Lets a request through once no {@code Retry-After} holds it back: at once when none is on record; after it has
     * passed, as the one request that goes first, or once that one's answer has been seen.
     *
     * @throws Refused when the wait would exceed {@code longestWait}: the caller gives up instead of waiting
     */
    Passage enter(IntegrationName integration, Duration longestWait) throws Refused, InterruptedException {
        State state = states.get(integration);
        if (state == null) {
            return FREE;
        }
        synchronized (state) {
            while (true) {
                Instant now = clock.instant();
                if (state.notBefore != null && state.notBefore.isAfter(now)) {
                    Duration remaining = Duration.between(now, state.notBefore);
                    if (remaining.compareTo(longestWait) > 0) {
                        throw new Refused(remaining);
                    }
                    state.wait(Math.max(1, remaining.toMillis() + 1));
                    continue;
                }
                if (state.probing) {
                    state.wait();
                    continue;
                }
                if (state.notBefore == null) {
                    return FREE;
                }
                // the hold has passed: this request goes first, the others wait for its answer
                state.notBefore = null;
                state.probing = true;
                return () -> {
                    synchronized (state) {
                        state.probing = false;
                        state.notifyAll();
                    }
                };
            }
        }
    }
}
