package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.exchange.ConfirmUrl;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.exchange.SendOutcome;

/** Sends a document to Jakamo, choosing the endpoint by its type, with exactly the bytes given. */
public interface OutboundExchangePort {

    SendOutcome send(IntegrationName integration, OutgoingDocument document);

    /**
     * Accepts every change proposed to a sales order without an OrderResponse: an empty POST to the confirmation URL
     * of the queue message that proposed them. Repeating it is harmless, so an answer lost on the way is
     * {@link SendOutcome.Deferred}, never {@link SendOutcome.InDoubt}.
     */
    SendOutcome confirmAllChanges(IntegrationName integration, ConfirmUrl confirmUrl);

    /**
     * Throws the {@link PortFailureException} that would stop any send to the integration right now, before a
     * document is touched (no token can be had, for instance): the core then claims nothing, so an outage of the token
     * service neither costs documents attempts nor delays them past its end. The default says nothing is in the way.
     */
    default void checkReady(IntegrationName integration) {
        // nothing to check
    }
}
