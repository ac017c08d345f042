package io.jakamoconnector.domain.port.in;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.validation.ValidationMode;

/**
 * Record up to {@code max} complete documents from an integration's ERP drop folder, checking each as the
 * integration's {@code validation} mode says.
 */
public record PickUpErpDocumentsCommand(IntegrationName integration, IntegrationKind kind, int max,
                                        ValidationMode validation) {
    public PickUpErpDocumentsCommand {
        Check.notNull("integration", integration);
        Check.notNull("kind", kind);
        Check.that(max > 0, "max", "must be at least 1");
        Check.notNull("validation", validation);
    }

    /** With the default validation: ERRORs refuse, WARNINGs travel. */
    public PickUpErpDocumentsCommand(IntegrationName integration, IntegrationKind kind, int max) {
        this(integration, kind, max, ValidationMode.defaultMode());
    }
}
