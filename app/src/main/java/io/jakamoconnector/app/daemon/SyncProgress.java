package io.jakamoconnector.app.daemon;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.util.OptionalLong;

/** What a one-shot sync reports while it works, for a progress line on a terminal or plain lines in a log. */
public interface SyncProgress {

    /** A phase began; {@code expected} is how many items there are, when known (files in {@code to_jakamo/}). */
    void began(IntegrationName integration, SyncPhase phase, OptionalLong expected);

    /** {@code done} items of the phase so far; {@code remaining} when known. */
    void advanced(IntegrationName integration, SyncPhase phase, long done, OptionalLong remaining);

    /** The phase ended; {@code summary} says how, {@code ok} whether it needs attention. */
    void ended(IntegrationName integration, SyncPhase phase, String summary, boolean ok);

    /** The two phases of a sync, in the order they run: what the ERP dropped goes out before answers are fetched. */
    enum SyncPhase {
        OUTBOUND("outbound"), INBOUND("inbound");

        private final String label;

        SyncPhase(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Reports nothing. */
    SyncProgress NONE = new SyncProgress() {
        @Override
        public void began(IntegrationName integration, SyncPhase phase, OptionalLong expected) {
        }

        @Override
        public void advanced(IntegrationName integration, SyncPhase phase, long done, OptionalLong remaining) {
        }

        @Override
        public void ended(IntegrationName integration, SyncPhase phase, String summary, boolean ok) {
        }
    };
}
