package io.jakamoconnector.domain.port.in;

/**
 * Outbound, second half: claim a recorded document, send it, record the outcome, archive the ERP file. A crash between
 * sending and recording leaves the document in doubt; it is never sent again silently.
 */
public interface SendOutboundDocumentsUseCase {
    SendOutboundDocumentsResult send(SendOutboundDocumentsCommand command);
}
