package io.jakamoconnector.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A message waiting in an integration's queue (a snapshot).
 *
 * @param rootElement the body's root local name: {@code OrderResponse}, {@code StatusMessage}, {@code Order},
 *                    {@code OrderChange}, {@code attachment}, {@code ClaimResponse}, …
 * @param documentNumber the buyer's order number (or claim number) it refers to; sent as {@code Jakamo-Order-Number}
 * @param deliveries how many times a queue read handed it out so far
 */
public record QueueMessage(
        String id,
        String integration,
        String rootElement,
        String documentNumber,
        byte[] body,
        Instant enqueuedAt,
        int deliveries) {

    public QueueMessage {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QueueMessage that && that.id.equals(id) && that.deliveries == deliveries;
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "QueueMessage[" + id + " " + integration + " " + rootElement + " " + documentNumber + " bytes=" + body.length
                + " deliveries=" + deliveries + "]";
    }
}
