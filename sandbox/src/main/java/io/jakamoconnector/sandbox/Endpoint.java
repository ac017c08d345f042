package io.jakamoconnector.sandbox;

/** Every endpoint the sandbox serves, as named for fault injection and in the journal. */
public enum Endpoint {
    /** Entra: {@code POST /{tenant}/oauth2/v2.0/token}. */
    TOKEN,
    /** Entra: {@code GET /{tenant}/v2.0/.well-known/openid-configuration}. */
    DISCOVERY,
    /** Entra: {@code GET /{tenant}/discovery/v2.0/keys}. */
    KEYS,
    /** Entra: {@code GET|POST /{tenant}/oauth2/v2.0/authorize}, the sign-in page of a person (auth code + PKCE). */
    AUTHORIZE,
    /** {@code GET /api/order/response}. */
    QUEUE_READ,
    /** {@code POST} to an order queue message's {@code X-Acknowledge-Uri}. */
    QUEUE_ACK,
    /** {@code POST /api/order}. */
    ORDER_POST,
    /** {@code PUT|POST /api/order/{orderNumber}} with an OrderChange or StatusMessage. */
    ORDER_CHANGE,
    /** {@code POST /api/orderresponse}. */
    ORDER_RESPONSE_POST,
    /** {@code POST} to a sales order's {@code Jakamo-Confirm-Url}. */
    CONFIRM_ALL,
    /** {@code POST /api/order/{orderNumber}/attachment}. */
    ATTACHMENT_UPLOAD,
    /** {@code GET} of an attachment message's {@code Jakamo-Attachment-URI}. */
    ATTACHMENT_DOWNLOAD,
    /** {@code GET /api/mappedcompanies}. */
    MAPPED_COMPANIES,
    /** {@code POST /api/claim} (path assumed). */
    CLAIM_POST,
    /** {@code PUT|POST /api/claim/{claimNumber}} (path assumed). */
    CLAIM_CHANGE,
    /** {@code GET /api/claim/response} (path assumed). */
    CLAIM_QUEUE_READ,
    /** {@code POST} to a claim queue message's {@code X-Acknowledge-Uri}. */
    CLAIM_QUEUE_ACK,
    /** The sandbox's own control API under {@code /_sandbox/}. */
    CONTROL,
    /** Anything else (answered 404). */
    UNKNOWN;

    boolean isQueueRead() {
        return this == QUEUE_READ || this == CLAIM_QUEUE_READ;
    }
}
