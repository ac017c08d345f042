package io.jakamoconnector.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Scripted misbehaviour per endpoint, e.g.
 * {@code sandbox.faults().failNext(2, Endpoint.QUEUE_READ, Fault.connectionReset())}.
 * Thread-safe; rules can change while clients are calling.
 */
public final class Faults {
    private final Random random;
    private final List<ActiveRule> rules = new ArrayList<>();

    Faults(long seed) {
        this.random = new Random(seed);
    }

    /** Adds a rule and returns a handle that reports how many strikes are left. */
    public synchronized ActiveRule inject(FaultRule rule) {
        ActiveRule active = new ActiveRule(rule);
        rules.add(active);
        return active;
    }

    /** Every call to the endpoint meets the fault, until {@link #clear()}. */
    public ActiveRule always(Endpoint endpoint, Fault fault) {
        return inject(FaultRule.always(endpoint, fault));
    }

    /** The next {@code times} calls to the endpoint meet the fault; later calls are served normally. */
    public ActiveRule failNext(int times, Endpoint endpoint, Fault fault) {
        return inject(FaultRule.next(times, endpoint, fault));
    }

    /** Each call to the endpoint meets the fault with the given probability (seeded: see {@code Sandbox.Builder#randomSeed}). */
    public ActiveRule withProbability(double probability, Endpoint endpoint, Fault fault) {
        return inject(FaultRule.withProbability(probability, endpoint, fault));
    }

    public synchronized void clear() {
        rules.clear();
    }

    public synchronized void clear(Endpoint endpoint) {
        rules.removeIf(rule -> rule.rule().endpoint() == endpoint);
    }

    /** The rules still able to strike, in the order they are tried. */
    public synchronized List<ActiveRule> rules() {
        rules.removeIf(ActiveRule::exhausted);
        return List.copyOf(rules);
    }

    synchronized Optional<Fault> draw(Endpoint endpoint) {
        for (ActiveRule active : rules) {
            if (active.rule().endpoint() != endpoint || active.exhausted()) {
                continue;
            }
            double p = active.rule().probability();
            if (p >= 1.0 || random.nextDouble() < p) {
                active.strike();
                return Optional.of(active.rule().fault());
            }
        }
        return Optional.empty();
    }

    /** A rule in force, with its remaining strikes. */
    public static final class ActiveRule {
        private final FaultRule rule;
        private int remaining;
        private int struck;

        ActiveRule(FaultRule rule) {
            this.rule = rule;
            this.remaining = rule.times();
        }

        public FaultRule rule() {
            return rule;
        }

        /** Strikes left, or {@link FaultRule#UNLIMITED}. */
        public int remaining() {
            synchronized (this) {
                return remaining;
            }
        }

        /** How often this rule has struck so far. */
        public int struck() {
            synchronized (this) {
                return struck;
            }
        }

        synchronized boolean exhausted() {
            return remaining == 0;
        }

        synchronized void strike() {
            struck++;
            if (remaining > 0) {
                remaining--;
            }
        }

        @Override
        public String toString() {
            return rule.endpoint() + " " + rule.fault().describe() + " remaining=" + remaining() + " p=" + rule.probability();
        }
    }
}
