package io.jakamoconnector.sandbox;

import java.util.Objects;

/**
 * The switches for the ways the real Jakamo API may behave where its documents are silent or disagree, read by the
 * endpoints at every call. Each is volatile: a test flips one while the connector polls. Set through
 * {@link FakeJakamo}, which documents each.
 */
final class ApiVariants {
    private volatile String apiBase;
    private volatile String callbackBase;
    private volatile EmptyQueueAnswer emptyQueueAnswer = EmptyQueueAnswer.STATUS_BODY_200;
    private volatile ChangeVerb changeVerb = ChangeVerb.EITHER;
    private volatile RepeatedAck repeatedAck = RepeatedAck.OK;
    private volatile DuplicateOrders duplicateOrders = DuplicateOrders.ACCEPT;
    private volatile boolean requireKnownOrders = true;
    private volatile AckUris ackUris = AckUris.STABLE;
    private volatile UnknownPathAnswer unknownPathAnswer = UnknownPathAnswer.ERRORS_BODY_404;

    void apiBase(String base) {
        this.apiBase = base;
    }

    String apiBase() {
        return apiBase;
    }

    /** {@code null} for the API base URL; a trailing slash is dropped. */
    void callbackBase(String base) {
        this.callbackBase = base == null ? null : base.replaceAll("/+$", "");
    }

    /** Where acknowledgement, confirmation and attachment URIs point: the callback base if set, else the API. */
    String callbackBase() {
        String base = callbackBase;
        return base == null ? apiBase : base;
    }

    void emptyQueueAnswer(EmptyQueueAnswer answer) {
        this.emptyQueueAnswer = Objects.requireNonNull(answer, "answer");
    }

    EmptyQueueAnswer emptyQueueAnswer() {
        return emptyQueueAnswer;
    }

    void changeVerb(ChangeVerb verb) {
        this.changeVerb = Objects.requireNonNull(verb, "verb");
    }

    ChangeVerb changeVerb() {
        return changeVerb;
    }

    void repeatedAck(RepeatedAck answer) {
        this.repeatedAck = Objects.requireNonNull(answer, "answer");
    }

    RepeatedAck repeatedAck() {
        return repeatedAck;
    }

    void duplicateOrders(DuplicateOrders policy) {
        this.duplicateOrders = Objects.requireNonNull(policy, "policy");
    }

    DuplicateOrders duplicateOrders() {
        return duplicateOrders;
    }

    void requireKnownOrders(boolean required) {
        this.requireKnownOrders = required;
    }

    boolean requireKnownOrders() {
        return requireKnownOrders;
    }

    void ackUris(AckUris variant) {
        this.ackUris = Objects.requireNonNull(variant, "variant");
    }

    AckUris ackUris() {
        return ackUris;
    }

    void unknownPathAnswer(UnknownPathAnswer answer) {
        this.unknownPathAnswer = Objects.requireNonNull(answer, "answer");
    }

    UnknownPathAnswer unknownPathAnswer() {
        return unknownPathAnswer;
    }
}
