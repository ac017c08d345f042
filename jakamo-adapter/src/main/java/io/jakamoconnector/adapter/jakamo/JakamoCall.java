package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.document.DocumentReader;
import java.net.URI;

/**
 * One logical call to Jakamo, which may take several HTTP requests (a token renewal, retries).
 *
 * @param what        what the call does, for logs and errors ("queue read", "OrderChange PO-1")
 * @param body        the exact bytes to send, or {@code null} for none
 * @param contentType the body's type, or {@code null} when no Content-Type is sent
 * @param repeatable  whether sending it twice is harmless (reads, acknowledgements, confirm-all); a document is not:
 *                    Jakamo has no idempotency key
 * @param successCap  the reader whose size cap bounds a successful answer's body
 */
record JakamoCall(JakamoIntegration integration, String what, String method, URI uri, byte[] body,
                  String contentType, String accept, boolean repeatable, DocumentReader successCap) {

    /**
     * The kind of request this is for the Retry-After gate, which lets one request of each kind go first after a hold:
     * a repeatable call's {@code what} ("queue read", "acknowledgement", "confirm-all", ...); every document post is
     * one kind, whatever its document.
     */
    String throttleKind() {
        return repeatable ? what : "document post";
    }
}
