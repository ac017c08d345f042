package io.jakamoconnector.domain.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Named places where the fakes can be told to "crash" once, to test what a restart finds. */
public final class CrashPoints {
    public static final String AFTER_QUEUE_NEXT = "queue.after-next";
    public static final String AFTER_ERP_DELIVER = "erp.after-deliver";
    public static final String AFTER_ERP_PUBLISH = "erp.after-publish";
    public static final String BEFORE_INBOUND_COMMIT = "state.before-inbound-commit";
    public static final String AFTER_INBOUND_COMMIT = "state.after-inbound-commit";
    public static final String AFTER_QUEUE_ACK = "queue.after-ack";
    public static final String AFTER_ERP_PICKUP = "erp.after-pickup";
    public static final String AFTER_REGISTER = "state.after-register";
    public static final String AFTER_CLAIM = "state.after-claim";
    public static final String AFTER_MARK_SENDING = "state.after-mark-sending";
    public static final String AFTER_SEND = "exchange.after-send";
    public static final String AFTER_RECORD_OUTCOME = "state.after-record-outcome";
    public static final String AFTER_ERP_ARCHIVE = "erp.after-archive";
    /** Not a crash: recording the outcome fails once on a retryable database error, nothing written (a reset). */
    public static final String DATABASE_ERROR_ON_RECORD_OUTCOME = "state.database-error-on-record-outcome";
    /** Not a crash: the outcome commits, then the connection breaks before its answer (a retryable error). */
    public static final String DATABASE_ERROR_AFTER_RECORD_OUTCOME = "state.database-error-after-record-outcome";

    private final Set<String> armed = ConcurrentHashMap.newKeySet();
    private final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> passesLeft =
            new ConcurrentHashMap<>();

    public void arm(String point) {
        armed.add(point);
    }

    /** Arms {@code point} to crash at its {@code pass}-th pass (1: the next), for a crash in the middle of a round. */
    public void armAtPass(String point, int pass) {
        if (pass < 1) {
            throw new IllegalArgumentException("pass: must be 1 or more");
        }
        passesLeft.put(point, new java.util.concurrent.atomic.AtomicInteger(pass - 1));
        armed.add(point);
    }

    public boolean isArmed(String point) {
        return armed.contains(point);
    }

    /** Crashes if {@code point} is armed, disarming it, so the restarted run goes past it. */
    public void check(String point) {
        java.util.concurrent.atomic.AtomicInteger left = passesLeft.get(point);
        if (left != null && armed.contains(point) && left.getAndDecrement() > 0) {
            return;
        }
        passesLeft.remove(point);
        if (armed.remove(point)) {
            throw new SimulatedCrash(point);
        }
    }

    /** Disarms {@code point} and says whether it was armed: for failures other than a crash. */
    public boolean take(String point) {
        return armed.remove(point);
    }

    public static CrashPoints none() {
        return new CrashPoints();
    }
}
