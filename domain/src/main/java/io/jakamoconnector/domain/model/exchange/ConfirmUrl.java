package io.jakamoconnector.domain.model.exchange;

import io.jakamoconnector.domain.model.Check;

/**
 * Where Jakamo accepts every change proposed to a sales order: the {@code Jakamo-Confirm-Url} header of the queue
 * message that carried the Order or OrderChange. Opaque to the core, like {@link AckHandle}: the adapter that posts to
 * it checks again that it is on the Jakamo host, so a forged header cannot send the token elsewhere.
 */
public record ConfirmUrl(String value) {
    public ConfirmUrl {
        Check.notBlank("confirmUrl", value);
        Check.maxLength("confirmUrl", value, 2048);
        Check.printable("confirmUrl", value);
    }

    /** Without query and fragment, which may carry a token: {@link #value()} is the whole URI. */
    @Override
    public String toString() {
        return RedactedUri.of(value);
    }
}
