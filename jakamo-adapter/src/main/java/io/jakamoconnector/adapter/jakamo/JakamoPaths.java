package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.Check;

/**
 * The paths under the API base URL, one per endpoint. The order paths are Jakamo's documented ones; the claim paths are
 * not documented anywhere reachable (open question 12 of the API notes), so they default to the sandbox's assumption
 * and are configurable. {@code {id}} stands for the business key, URL-encoded as one path segment.
 */
public record JakamoPaths(String orderQueue, String order, String orderChange, String orderResponse,
                          String orderAttachment, String claimQueue, String claim, String claimChange) {
    static final String ID = "{id}";

    public JakamoPaths {
        orderQueue = path("paths.orderQueue", orderQueue, false);
        order = path("paths.order", order, false);
        orderChange = path("paths.orderChange", orderChange, true);
        orderResponse = path("paths.orderResponse", orderResponse, false);
        orderAttachment = path("paths.orderAttachment", orderAttachment, true);
        claimQueue = path("paths.claimQueue", claimQueue, false);
        claim = path("paths.claim", claim, false);
        claimChange = path("paths.claimChange", claimChange, true);
    }

    public static JakamoPaths defaults() {
        return new JakamoPaths("/api/order/response", "/api/order", "/api/order/{id}", "/api/orderresponse",
                "/api/order/{id}/attachment", "/api/claim/response", "/api/claim", "/api/claim/{id}");
    }

    /** The same paths with another order queue (the order-queue read; acknowledgements use their own URIs). */
    public JakamoPaths withOrderQueue(String queue) {
        return new JakamoPaths(queue, order, orderChange, orderResponse, orderAttachment, claimQueue, claim, claimChange);
    }

    /** The same paths with the claim endpoints replaced, once Jakamo tells where they are. */
    public JakamoPaths withClaimPaths(String queue, String create, String change) {
        return new JakamoPaths(orderQueue, order, orderChange, orderResponse, orderAttachment, queue, create, change);
    }

    private static String path(String field, String value, boolean needsId) {
        Check.notBlank(field, value);
        Check.printable(field, value);
        Check.that(value.startsWith("/"), field, "must start with /");
        Check.that(!value.contains("?") && !value.contains("#"), field, "must be a path without query or fragment");
        Check.that(!value.contains("//") && !value.contains("/../") && !value.endsWith("/.."), field,
                "must not contain // or ..");
        Check.that(needsId == value.contains(ID), field,
                needsId ? "must contain {id}, where the order or claim number goes" : "must not contain {id}");
        Check.that(value.indexOf(ID) == value.lastIndexOf(ID), field, "must contain {id} at most once");
        for (char c : value.replace(ID, "").toCharArray()) {
            Check.that(c < 128 && (Character.isLetterOrDigit(c) || "/-._~".indexOf(c) >= 0), field,
                    "may contain only letters, digits and / - . _ ~");
        }
        return value;
    }
}
