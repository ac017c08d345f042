package io.jakamoconnector.domain.port.in;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.exchange.IntegrationName;

/** Send up to {@code max} due documents of an integration, as {@code claimant} (this instance and worker). */
public record SendOutboundDocumentsCommand(IntegrationName integration, String claimant, int max) {
    public SendOutboundDocumentsCommand {
        Check.notNull("integration", integration);
        Check.notBlank("claimant", claimant);
        Check.that(max > 0, "max", "must be at least 1");
    }
}
