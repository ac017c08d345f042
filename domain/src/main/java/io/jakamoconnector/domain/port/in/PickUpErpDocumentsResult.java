package io.jakamoconnector.domain.port.in;

/**
 * What one pick-up did: documents newly recorded, refused (unreadable or not for this integration: archived as failed
 * with the reason), and already known (offered again before their archiving).
 */
public record PickUpErpDocumentsResult(int recorded, int refused, int alreadyKnown) {
}
