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

    private final Set<String> armed = ConcurrentHashMap.newKeySet();

    public void arm(String point) {
        armed.add(point);
    }

    public boolean isArmed(String point) {
        return armed.contains(point);
    }

    /** Crashes if {@code point} is armed, disarming it, so the restarted run goes past it. */
    public void check(String point) {
        if (armed.remove(point)) {
            throw new SimulatedCrash(point);
        }
    }

    public static CrashPoints none() {
        return new CrashPoints();
    }
}
