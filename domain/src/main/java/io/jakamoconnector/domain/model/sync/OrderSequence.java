package io.jakamoconnector.domain.model.sync;

import io.jakamoconnector.domain.model.document.DocumentType;
import java.util.Collection;
import java.util.Optional;

/**
 * The per-order sending rule of {@code OutboundStatePort#claimNext}: for one order number, the Order goes before
 * anything else, and changes and status messages go one at a time in the order they were picked up; a change for an
 * Order that cannot go (failed, dead, discarded) and was never sent waits until a corrected Order is sent. A retried
 * document follows the same rule, so a retried change never overtakes its Order.
 */
public final class OrderSequence {
    private OrderSequence() {
    }

    /**
     * The document {@code candidate} waits for, among the documents of its integration with the same order number
     * ({@code sameOrder}, it may be among them); empty when it may go now.
     */
    public static Optional<OutboundRecord> waitsFor(OutboundRecord candidate, Collection<OutboundRecord> sameOrder) {
        if (candidate.businessKey().isEmpty()) {
            return Optional.empty();
        }
        DocumentType type = candidate.type();
        OutboundRecord orderThatCannotGo = null;
        boolean orderSent = false;
        for (OutboundRecord other : sameOrder) {
            if (other.id() == candidate.id() || !other.integration().equals(candidate.integration())
                    || !other.businessKey().equals(candidate.businessKey())) {
                continue;
            }
            if (other.type() == DocumentType.ORDER) {
                orderSent |= other.state() == OutboundState.SENT;
                if (cannotGo(other.state()) && orderThatCannotGo == null) {
                    orderThatCannotGo = other;
                }
            }
            if (!mayStillGo(other.state())) {
                continue;
            }
            boolean orderFirst = other.type() == DocumentType.ORDER
                    && (type != DocumentType.ORDER || other.id() < candidate.id());
            boolean fifo = isSequenced(type) && isSequenced(other.type()) && other.id() < candidate.id();
            if (orderFirst || fifo) {
                return Optional.of(other);
            }
        }
        return type != DocumentType.ORDER && orderThatCannotGo != null && !orderSent
                ? Optional.of(orderThatCannotGo) : Optional.empty();
    }

    /** Why {@code candidate} waits for {@code first}, and what to do, for an operator. */
    public static String explain(OutboundRecord candidate, OutboundRecord first) {
        String order = first.type().label() + " " + first.id() + " of order "
                + first.businessKey().map(Object::toString).orElse("?");
        String state = first.state().name().toLowerCase(java.util.Locale.ROOT);
        return switch (first.state()) {
            case PENDING, SENDING -> "it waits for " + order + " (" + state + "), which goes first; nothing to do";
            case IN_DOUBT -> "it waits for " + order + " (in doubt): settle that first (jakamo-connector messages "
                    + "resolve " + first.id() + " --sent|--not-sent --reason \"...\")";
            case FAILED, DEAD -> "it waits for " + order + " (" + state + "), which Jakamo must have first: correct or "
                    + "retry that first (jakamo-connector messages show " + first.id() + ")";
            case DISCARDED -> "it waits for " + order + " (discarded): Jakamo needs the Order first; drop a corrected "
                    + "Order into to_jakamo";
            case SENT -> "it may go";
        };
    }

    private static boolean cannotGo(OutboundState state) {
        return state == OutboundState.FAILED || state == OutboundState.DEAD || state == OutboundState.DISCARDED;
    }

    private static boolean mayStillGo(OutboundState state) {
        return state == OutboundState.PENDING || state == OutboundState.SENDING || state == OutboundState.IN_DOUBT;
    }

    private static boolean isSequenced(DocumentType type) {
        return type != DocumentType.ORDER && type != DocumentType.ATTACHMENT;
    }
}
