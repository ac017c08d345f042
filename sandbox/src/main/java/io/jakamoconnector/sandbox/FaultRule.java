package io.jakamoconnector.sandbox;

import java.util.Objects;

/**
 * When a fault strikes: on every call to {@code endpoint}, for the next {@code times} calls (−1: without limit), each
 * time with {@code probability} (1.0: always). Rules are tried in the order they were added; the first that matches
 * and wins its draw applies. A call the draw spares does not use up one of the {@code times}.
 */
public record FaultRule(Endpoint endpoint, Fault fault, int times, double probability) {
    public static final int UNLIMITED = -1;

    public FaultRule {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(fault, "fault");
        if (times == 0 || times < UNLIMITED) {
            throw new IllegalArgumentException("times: must be positive or UNLIMITED (-1), not " + times);
        }
        if (!(probability > 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("probability: must be in (0, 1], not " + probability);
        }
    }

    public static FaultRule always(Endpoint endpoint, Fault fault) {
        return new FaultRule(endpoint, fault, UNLIMITED, 1.0);
    }

    public static FaultRule next(int times, Endpoint endpoint, Fault fault) {
        return new FaultRule(endpoint, fault, times, 1.0);
    }

    public static FaultRule withProbability(double probability, Endpoint endpoint, Fault fault) {
        return new FaultRule(endpoint, fault, UNLIMITED, probability);
    }
}
