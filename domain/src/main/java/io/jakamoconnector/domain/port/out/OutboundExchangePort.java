package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.exchange.SendOutcome;

/** Sends a document to Jakamo, choosing the endpoint by its type, with exactly the bytes given. */
public interface OutboundExchangePort {

    SendOutcome send(IntegrationName integration, OutgoingDocument document);
}
