package io.jakamoconnector.sandbox;

/** How the simulated supplier answers a buyer's Order or OrderChange. */
public enum SupplierReply {
    /** An OrderResponse confirming every line as ordered. The default. */
    CONFIRM_AS_IS,
    /** Every line confirmed with another quantity: one less, or one more when one was ordered. */
    CHANGE_QUANTITY,
    /** Every line confirmed for a later date: the requested date plus the supplier's date shift (7 days by default). */
    CHANGE_DELIVERY_DATE,
    /** No answer at all. */
    NONE
}
