package io.jakamoconnector.sandbox;

/** What a second {@code POST /api/order} with an order number already seen does (undocumented, open question 7). */
public enum DuplicateOrders {
    /** Accepted again, silently: the worst case for a connector, so the default. The journal still shows both. */
    ACCEPT,
    /** 422 with {@code <errors><error>Order … already exists</error></errors>}. */
    REJECT
}
