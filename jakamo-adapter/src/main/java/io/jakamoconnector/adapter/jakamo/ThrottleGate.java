package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per integration, the earliest instant Jakamo asked to be called again ({@code Retry-After}), so that no
 * request of any kind (a poll, an acknowledgement, a send from another thread) goes out before it.
 *
 * <p>When that instant has passed, one request of each kind (a queue read, an acknowledgement, a document post, ...)
 * goes first and the others of its kind wait for its answer: had they all been let go together, the first answer
 * could be another {@code Retry-After} while the rest were already on their way, each of them a request Jakamo had
 * just asked not to get. Each kind proves itself: a queue read answered 200 says nothing about whether posts are still
 * throttled (the full fault matrix's "429 on posts" cell: a read let the waiting posts go together, and every post
 * after the first was one Jakamo had just refused). Without a {@code Retry-After} on record, requests pass at once
 * and together.
 */
final class ThrottleGate {
    private final Map<IntegrationName, State> states = new ConcurrentHashMap<>();
    private final Clock clock;

    /** One integration's gate; guarded by itself. */
    private static final class State {
        /** The latest Retry-After's end, while it has not passed. */
        Instant notBefore;
        /** Counts the holds asked for. */
        long hold;
        /** The kinds whose first request after the current hold is on its way. */
        final Set<String> probing = new HashSet<>();
        /** For each kind, the hold after which its first request was answered without a new hold. */
        final Map<String, Long> cleared = new HashMap<>();
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

    /** Records a hold; true when it moved the end of the hold later (worth telling a person), false otherwise. */
    boolean holdUntil(IntegrationName integration, Instant until) {
        State state = states.computeIfAbsent(integration, k -> new State());
        synchronized (state) {
            boolean later = state.notBefore == null || until.isAfter(state.notBefore);
            if (later) {
                state.notBefore = until;
            }
            state.hold++;   // every kind proves itself again after this one
            state.notifyAll();
            return later;
        }
    }

    /** The end of the current hold while it lies ahead. */
    Optional<Instant> heldUntil(IntegrationName integration) {
        State state = states.get(integration);
        if (state == null) {
            return Optional.empty();
        }
        synchronized (state) {
            Instant until = state.notBefore;
            return until != null && until.isAfter(clock.instant()) ? Optional.of(until) : Optional.empty();
        }
    }

    /**
     * Lets a request of {@code kind} through once no {@code Retry-After} holds it back: at once when none is on record;
     * after it has passed, as the one request of its kind that goes first, or once that one's answer has been seen.
     *
     * @throws Refused when the wait would exceed {@code longestWait}: the caller gives up instead of waiting
     */
    Passage enter(IntegrationName integration, String kind, Duration longestWait)
            throws Refused, InterruptedException {
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
                state.notBefore = null;
                if (state.cleared.getOrDefault(kind, -1L) == state.hold) {
                    return FREE;
                }
                if (state.probing.contains(kind)) {
                    state.wait();
                    continue;
                }
                // the hold has passed: this request goes first for its kind, the others of its kind wait for its answer
                long after = state.hold;
                state.probing.add(kind);
                return () -> {
                    synchronized (state) {
                        state.probing.remove(kind);
                        if (state.hold == after) {
                            state.cleared.put(kind, after);   // answered without a new Retry-After
                        }
                        state.notifyAll();
                    }
                };
            }
        }
    }
}
