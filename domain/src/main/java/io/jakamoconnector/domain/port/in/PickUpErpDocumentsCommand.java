package io.jakamoconnector.domain.port.in;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;

/** Record up to {@code max} complete documents from an integration's ERP drop folder. */
public record PickUpErpDocumentsCommand(IntegrationName integration, IntegrationKind kind, int max) {
    public PickUpErpDocumentsCommand {
        Check.notNull("integration", integration);
        Check.notNull("kind", kind);
        Check.that(max > 0, "max", "must be at least 1");
    }
}
