package io.jakamoconnector.domain.testing;

/**
 * Stands for the process dying at a point: an {@link Error}, so no use case's failure handling catches it, just as
 * none would run after a kill -9.
 */
public final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    public SimulatedCrash(String point) {
        super("simulated crash at " + point);
    }
}
