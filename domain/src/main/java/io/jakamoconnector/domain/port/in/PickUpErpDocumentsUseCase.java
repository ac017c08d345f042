package io.jakamoconnector.domain.port.in;

/** Outbound, first half: pick up complete ERP documents, read each once, and record them with their exact bytes. */
public interface PickUpErpDocumentsUseCase {
    PickUpErpDocumentsResult pickUp(PickUpErpDocumentsCommand command);
}
