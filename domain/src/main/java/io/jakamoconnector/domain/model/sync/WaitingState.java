package io.jakamoconnector.domain.model.sync;

import java.util.Locale;

/**
 * The states in which a document or an inbound message waits for a person: nothing the connector does on its own
 * moves it on. The one home of that rule, for the gauges, the readiness check and whatever lists them.
 */
public enum WaitingState {
    /** Refused by Jakamo or locally; the ERP's {@code failed/} tells why. Corrected and dropped again, or retried. */
    FAILED(true),
    /** Every attempt spent without an answer from Jakamo. */
    DEAD(true),
    /** May have reached Jakamo: someone must check and resolve it. */
    IN_DOUBT(true),
    /** Received, unreadable, set aside and not yet acknowledged: it blocks the queue's head. */
    QUARANTINED(false),
    /** Received, unreadable, set aside and acknowledged: the queue moved on, the message waits to be looked at. */
    QUARANTINED_ACKNOWLEDGED(false);

    private final boolean outbound;

    WaitingState(boolean outbound) {
        this.outbound = outbound;
    }

    /** True for an outbound document's state, false for an inbound message's. */
    public boolean outbound() {
        return outbound;
    }

    /** The form used in metrics' labels, JSON and the CLI, such as {@code in_doubt}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WaitingState of(OutboundState state) {
        return switch (state) {
            case FAILED -> FAILED;
            case DEAD -> DEAD;
            case IN_DOUBT -> IN_DOUBT;
            default -> throw new IllegalArgumentException(state + " does not wait for a person");
        };
    }

    public static WaitingState of(InboundState state) {
        return switch (state) {
            case QUARANTINED -> QUARANTINED;
            case QUARANTINED_ACKNOWLEDGED -> QUARANTINED_ACKNOWLEDGED;
            default -> throw new IllegalArgumentException(state + " does not wait for a person");
        };
    }

    /** What to do first, as commands that work when pasted. */
    public String advice(String integration) {
        String list = "jakamo-connector messages list --integration " + integration + " --state " + code();
        return switch (this) {
            case FAILED -> "read the .error.txt beside each file in the integration's failed/ folder; correct the "
                    + "document in the ERP and send it again, or find its ID with: " + list
                    + "; then run: jakamo-connector messages retry ID --reason \"...\"";
            case DEAD -> "check the connection to Jakamo (jakamo-connector doctor); find its ID with: " + list
                    + "; then run: jakamo-connector messages retry ID --reason \"...\"";
            case IN_DOUBT -> "check in Jakamo whether it arrived; find its ID with: " + list
                    + "; then run: jakamo-connector messages resolve ID --sent (it arrived) or --not-sent (send it "
                    + "again) --reason \"...\"";
            case QUARANTINED, QUARANTINED_ACKNOWLEDGED -> "look at it with: " + list
                    + ", and jakamo-connector messages show " + integration + " KEY --raw; ask the sender to correct it";
        };
    }
}
