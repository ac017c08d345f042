package io.jakamoconnector.sandbox;

import java.time.Instant;

/**
 * One acknowledgement (queue clear) received.
 *
 * @param deliveries how many times the message had been handed out before this acknowledgement
 * @param alreadyCleared true if the message was gone already (a repeated or late acknowledgement)
 */
public record AckRecord(
        long sequence,
        Instant at,
        String integration,
        String messageId,
        String rootElement,
        String documentNumber,
        int deliveries,
        boolean alreadyCleared) {
}
